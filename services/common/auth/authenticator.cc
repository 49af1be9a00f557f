#include "services/common/auth/authenticator.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tmk::auth {
namespace {

constexpr size_t kMinHs256SecretBytes = 32;
constexpr int kMaxClockSkewSeconds = 3600;
// A public key file is a few hundred bytes; refuse to slurp something huge by mistake.
constexpr std::streamsize kMaxKeyFileBytes = 64 * 1024;
constexpr std::string_view kBearerScheme = "bearer";

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimSpaces(std::string_view text) {
  while (!text.empty() && IsSpace(text.front())) text.remove_prefix(1);
  while (!text.empty() && IsSpace(text.back())) text.remove_suffix(1);
  return text;
}

// "Bearer" followed by whitespace; RFC 7235 makes the scheme case-insensitive.
bool StartsWithBearerScheme(std::string_view value) {
  if (value.size() <= kBearerScheme.size() || !IsSpace(value[kBearerScheme.size()])) return false;
  for (size_t i = 0; i < kBearerScheme.size(); ++i) {
    char c = value[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != kBearerScheme[i]) return false;
  }
  return true;
}

absl::StatusOr<std::string> ReadKeyFile(const std::string& path) {
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    return absl::InvalidArgumentError(
        absl::StrCat("auth.rs256_public_key_file: cannot read '", path, "'",
                     err != 0 ? absl::StrCat(": ", std::strerror(err)) : ""));
  }
  std::string content(static_cast<size_t>(kMaxKeyFileBytes) + 1, '\0');
  in.read(content.data(), kMaxKeyFileBytes + 1);
  if (in.bad()) {
    return absl::InvalidArgumentError(
        absl::StrCat("auth.rs256_public_key_file: cannot read '", path, "'"));
  }
  std::streamsize got = in.gcount();
  if (got > kMaxKeyFileBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("auth.rs256_public_key_file: '", path, "' is too large for a public key"));
  }
  content.resize(static_cast<size_t>(got));
  return content;
}

}  // namespace

absl::StatusOr<AuthMode> ParseAuthMode(std::string_view text) {
  if (text == "jwt") return AuthMode::kJwt;
  if (text == "off") return AuthMode::kOff;
  // std::string(): Debian's Abseil has its own string_view, which StrCat wants.
  return absl::InvalidArgumentError(
      absl::StrCat("auth.mode: '", std::string(text), "' is not one of: jwt, off"));
}

absl::Status AuthConfig::Validate() const {
  if (mode == AuthMode::kOff) return absl::OkStatus();
  if (hs256_secret.empty() && rs256_public_key_file.empty()) {
    return absl::InvalidArgumentError(
        "auth.mode is jwt but neither auth.hs256_secret nor auth.rs256_public_key_file is set");
  }
  if (!hs256_secret.empty() && hs256_secret.size() < kMinHs256SecretBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("auth.hs256_secret: must be at least ", kMinHs256SecretBytes, " bytes"));
  }
  if (audience.empty()) {
    return absl::InvalidArgumentError("auth.audience is required when auth.mode is jwt");
  }
  if (clock_skew_seconds < 0 || clock_skew_seconds > kMaxClockSkewSeconds) {
    return absl::InvalidArgumentError(
        absl::StrCat("auth.clock_skew_seconds: must be between 0 and ", kMaxClockSkewSeconds));
  }
  if (!rs256_public_key_file.empty()) {
    absl::StatusOr<std::string> pem = ReadKeyFile(rs256_public_key_file);
    if (!pem.ok()) return pem.status();
    JwtVerifier::Options probe;
    probe.rs256_public_key_pem = *std::move(pem);
    absl::StatusOr<JwtVerifier> verifier = JwtVerifier::Create(std::move(probe));
    if (!verifier.ok()) {
      return absl::InvalidArgumentError(absl::StrCat("auth.rs256_public_key_file: '",
                                                     rs256_public_key_file, "': ",
                                                     verifier.status().message()));
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<Authenticator> Authenticator::Create(const AuthConfig& config,
                                                    JwtVerifier::Clock clock) {
  if (absl::Status status = config.Validate(); !status.ok()) return status;
  if (config.mode == AuthMode::kOff) return Authenticator(AuthMode::kOff, std::nullopt);

  JwtVerifier::Options options;
  options.hs256_secret = config.hs256_secret;
  if (!config.rs256_public_key_file.empty()) {
    absl::StatusOr<std::string> pem = ReadKeyFile(config.rs256_public_key_file);
    if (!pem.ok()) return pem.status();
    options.rs256_public_key_pem = *std::move(pem);
  }
  options.issuer = config.issuer;
  options.audience = config.audience;
  options.clock_skew = std::chrono::seconds(config.clock_skew_seconds);
  options.clock = std::move(clock);
  absl::StatusOr<JwtVerifier> verifier = JwtVerifier::Create(std::move(options));
  if (!verifier.ok()) return verifier.status();
  return Authenticator(AuthMode::kJwt, *std::move(verifier));
}

absl::StatusOr<Principal> Authenticator::Authenticate(
    std::string_view authorization_header_value) const {
  if (mode_ == AuthMode::kOff) return LocalDevPrincipal();

  // Header values may carry surrounding spaces; tolerate them, nothing else.
  std::string_view value = TrimSpaces(authorization_header_value);
  if (value.empty()) return absl::UnauthenticatedError("missing bearer token");
  if (!StartsWithBearerScheme(value)) {
    return absl::UnauthenticatedError("authorization is not a bearer token");
  }
  std::string_view token = TrimSpaces(value.substr(kBearerScheme.size()));
  if (token.empty()) return absl::UnauthenticatedError("missing bearer token");
  absl::StatusOr<Principal> principal = verifier_->Verify(token);
  if (principal.ok()) principal->credential = std::string(value);
  return principal;
}

Principal Authenticator::LocalDevPrincipal() {
  Principal principal;
  principal.subject = "local-dev";
  principal.roles = RoleSet::All();
  principal.regions = {std::string(kAllRegions)};
  principal.expiry = std::chrono::system_clock::time_point::max();
  return principal;
}

}  // namespace tmk::auth
