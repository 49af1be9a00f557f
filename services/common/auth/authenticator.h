#pragma once
// Turns the value of an `authorization` header (gRPC metadata or HTTP) into a Principal. The gRPC
// layer calls Authenticate with the metadata value; nothing here knows about gRPC, so the HTTP
// gateway and tests use the same code.
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/auth/jwt_verifier.h"
#include "services/common/auth/principal.h"

namespace tmk::auth {

enum class AuthMode {
  kJwt,
  // Local development only: every caller becomes an all-powerful principal. Never deploy it.
  kOff,
};

// "jwt" or "off"; anything else is InvalidArgument naming the value.
absl::StatusOr<AuthMode> ParseAuthMode(std::string_view text);

// The auth module's settings, filled by the config module from flags / TM_AUTH_* variables.
struct AuthConfig {
  AuthMode mode = AuthMode::kJwt;
  // HS256 shared secret; at least 32 bytes (RFC 7518 §3.2: key at least as long as the hash).
  std::string hs256_secret;
  // Path to a PEM public key ("BEGIN PUBLIC KEY", RSA, 2048 bits or more) for RS256.
  std::string rs256_public_key_file;
  // Expected `iss`; empty accepts any issuer.
  std::string issuer;
  // Expected member of `aud`; required in jwt mode so a token minted for another system fails.
  std::string audience;
  int clock_skew_seconds = 60;

  // In jwt mode: at least one key, a secret of at least 32 bytes if given, a readable key file
  // holding a PEM RSA public key if given, an audience, and a skew in [0, 3600]. Messages name the
  // setting so start-up fails with something a person can act on.
  absl::Status Validate() const;
};

class Authenticator {
 public:
  // Validates the config, reads the key file and builds the verifier. `clock` is for tests; the
  // system clock when empty.
  static absl::StatusOr<Authenticator> Create(const AuthConfig& config,
                                              JwtVerifier::Clock clock = nullptr);

  // Expects "Bearer <token>" (scheme case-insensitive, RFC 7235). In kOff mode the header is
  // ignored and LocalDevPrincipal() is returned. Failures are Unauthenticated.
  absl::StatusOr<Principal> Authenticate(std::string_view authorization_header_value) const;

  AuthMode mode() const { return mode_; }

  // Every role, every region; subject "local-dev" so audit rows (R6) still show where they came
  // from.
  static Principal LocalDevPrincipal();

 private:
  Authenticator(AuthMode mode, std::optional<JwtVerifier> verifier)
      : mode_(mode), verifier_(std::move(verifier)) {}

  AuthMode mode_;
  std::optional<JwtVerifier> verifier_;  // set in kJwt mode
};

}  // namespace tmk::auth
