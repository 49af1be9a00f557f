#pragma once
// Bearer tokens for end-to-end tests of a suite started with JwtServerArgs(): HS256 with the test
// secret, for any subject, roles and regions.
#include <chrono>
#include <string>
#include <vector>

#include "tests/common/auth/jwt_test_util.h"

namespace tmk::testing {

inline std::vector<std::string> JwtServerArgs() {
  return {"--auth-mode=jwt", "--auth-hs256-secret=" + std::string(auth::testing::kSecret),
          "--auth-audience=telemarketing", "--auth-issuer=https://idp.example"};
}

// The `authorization` metadata value, valid for `valid_for` from now: ten minutes covers a
// request; a service's own token lives as long as the suite process that holds it.
inline std::string BearerToken(const std::string& subject, std::vector<std::string> roles,
                               std::vector<std::string> regions,
                               std::chrono::seconds valid_for = std::chrono::minutes(10)) {
  long long now = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  return "Bearer " + auth::testing::SignHs256(auth::testing::kSecret,
                                              {{"iss", "https://idp.example"},
                                               {"aud", "telemarketing"},
                                               {"sub", subject},
                                               {"iat", now - 5},
                                               {"exp", now + valid_for.count()},
                                               {"roles", roles},
                                               {"regions", regions}});
}

}  // namespace tmk::testing
