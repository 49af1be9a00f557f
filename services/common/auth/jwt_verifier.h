#pragma once
// Verifies the bearer tokens the identity provider issues and turns them into a Principal.
// Only HS256 and RS256 are accepted, and each only with its own configured key, so neither
// "alg": "none" nor the RS256-public-key-as-HMAC-secret confusion can get a forged token through.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/auth/principal.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header.

namespace tmk::auth {

class JwtVerifier {
 public:
  using Clock = std::function<std::chrono::system_clock::time_point()>;

  struct Options {
    // HMAC key for HS256 tokens; empty disables HS256.
    std::string hs256_secret;
    // PEM "PUBLIC KEY" (SubjectPublicKeyInfo) for RS256; empty disables RS256.
    std::string rs256_public_key_pem;
    // Required `iss`; empty skips the check.
    std::string issuer;
    // Required member of `aud`; empty skips the check (AuthConfig insists on one in jwt mode).
    std::string audience;
    // Tolerance for exp/nbf/iat against our clock: provinces' clocks differ a little.
    std::chrono::seconds clock_skew{60};
    // Source of "now"; the system clock when empty. Tests inject a fixed time.
    Clock clock;
  };

  // Fails with InvalidArgument when no key is configured, the PEM does not parse as an RSA public
  // key, or the RSA key is shorter than 2048 bits.
  static absl::StatusOr<JwtVerifier> Create(Options options);

  JwtVerifier(JwtVerifier&&) noexcept;
  JwtVerifier& operator=(JwtVerifier&&) noexcept;
  ~JwtVerifier();

  // Checks the compact JWS `header.payload.signature`: algorithm against the configured keys,
  // signature, exp (required), nbf and iat, iss, aud (string or array), and reads `sub`
  // (required), `roles` and `regions`. Every failure, malformed input included, is
  // Unauthenticated with a short message that names the failed check and nothing more.
  // `roles` and `regions` are optional arrays of strings (absent = none granted); role names
  // other than the five we know are ignored, not rejected: the identity provider serves other
  // systems too, and an ignored role grants nothing. Numeric dates after 2100 are malformed.
  // Thread-safe: gRPC threads call it concurrently.
  absl::StatusOr<Principal> Verify(std::string_view token) const;

 private:
  struct PkeyDeleter {
    void operator()(evp_pkey_st* key) const;
  };

  explicit JwtVerifier(Options options);

  absl::Status CheckSignature(std::string_view alg, std::string_view signing_input,
                              const std::string& signature) const;

  Options options_;
  std::unique_ptr<evp_pkey_st, PkeyDeleter> rsa_key_;
};

}  // namespace tmk::auth
