#include "services/common/auth/jwt_verifier.h"

#include <openssl/bio.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <cmath>
#include <cstdint>
#include <optional>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace tmk::auth {
namespace {

using TimePoint = std::chrono::system_clock::time_point;

// Far larger than any token our identity provider issues; bounds the work a hostile header costs.
constexpr size_t kMaxTokenBytes = 16 * 1024;
// 2100-01-01T00:00:00Z. Later numeric dates are not something our identity provider issues, and
// system_clock counts nanoseconds in an int64 (it ends in 2262), so rejecting them keeps the
// conversion to time_point free of overflow.
constexpr double kMaxNumericDate = 4102444800.0;
constexpr int kMinRsaBits = 2048;

// Takes a literal: Debian's Abseil has its own string_view, not std::string_view.
absl::Status Reject(const char* what) { return absl::UnauthenticatedError(what); }

absl::Status Malformed() { return Reject("malformed token"); }

int Base64UrlValue(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A';
  if (c >= 'a' && c <= 'z') return c - 'a' + 26;
  if (c >= '0' && c <= '9') return c - '0' + 52;
  if (c == '-') return 62;
  if (c == '_') return 63;
  return -1;
}

// RFC 7515 §2: base64url without padding. Strict: no '=', no whitespace, and the unused low bits
// of the last character must be zero, so every token has exactly one spelling.
std::optional<std::string> Base64UrlDecode(std::string_view in) {
  if (in.size() % 4 == 1) return std::nullopt;
  std::string out;
  out.reserve(in.size() * 3 / 4);
  uint32_t buffer = 0;
  int bits = 0;
  for (char c : in) {
    int v = Base64UrlValue(c);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<uint32_t>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xFF));
    }
  }
  if (bits > 0 && (buffer & ((1u << bits) - 1)) != 0) return std::nullopt;
  return out;
}

// Parses a JSON object; anything else (invalid JSON, an array, a number) is nullopt.
std::optional<nlohmann::json> ParseObject(const std::string& text) {
  nlohmann::json value = nlohmann::json::parse(text, /*cb=*/nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded() || !value.is_object()) return std::nullopt;
  return value;
}

// Reads an optional NumericDate claim. Returns false when present but not a sane number.
bool ReadNumericDate(const nlohmann::json& claims, const char* name,
                     std::optional<TimePoint>* out) {
  auto it = claims.find(name);
  if (it == claims.end()) return true;
  if (!it->is_number()) return false;
  double seconds = it->get<double>();
  if (!std::isfinite(seconds) || seconds < 0 || seconds > kMaxNumericDate) return false;
  *out = TimePoint(std::chrono::seconds(static_cast<int64_t>(std::floor(seconds))));
  return true;
}

// Reads an optional array-of-strings claim. Returns false when present with another shape.
bool ReadStringArray(const nlohmann::json& claims, const char* name,
                     std::vector<std::string>* out) {
  auto it = claims.find(name);
  if (it == claims.end()) return true;
  if (!it->is_array()) return false;
  for (const auto& element : *it) {
    if (!element.is_string()) return false;
    out->push_back(element.get<std::string>());
  }
  return true;
}

bool AudienceMatches(const nlohmann::json& aud, const std::string& expected) {
  if (aud.is_string()) return aud.get<std::string>() == expected;
  if (aud.is_array()) {
    for (const auto& element : aud) {
      if (element.is_string() && element.get<std::string>() == expected) return true;
    }
  }
  return false;
}

}  // namespace

void JwtVerifier::PkeyDeleter::operator()(evp_pkey_st* key) const { EVP_PKEY_free(key); }

JwtVerifier::JwtVerifier(Options options) : options_(std::move(options)) {}
JwtVerifier::JwtVerifier(JwtVerifier&&) noexcept = default;
JwtVerifier& JwtVerifier::operator=(JwtVerifier&&) noexcept = default;
JwtVerifier::~JwtVerifier() = default;

absl::StatusOr<JwtVerifier> JwtVerifier::Create(Options options) {
  if (options.hs256_secret.empty() && options.rs256_public_key_pem.empty()) {
    return absl::InvalidArgumentError("JWT verifier needs an HS256 secret or an RS256 public key");
  }
  if (options.clock_skew.count() < 0) {
    return absl::InvalidArgumentError("JWT clock skew must not be negative");
  }
  if (!options.clock) {
    options.clock = [] { return std::chrono::system_clock::now(); };
  }
  std::string pem = options.rs256_public_key_pem;
  JwtVerifier verifier(std::move(options));
  if (!pem.empty()) {
    std::unique_ptr<BIO, decltype(&BIO_free)> bio(
        BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())), &BIO_free);
    if (bio == nullptr) return absl::InternalError("out of memory reading RS256 public key");
    // SubjectPublicKeyInfo ("BEGIN PUBLIC KEY"), what `openssl pkey -pubout` and identity
    // providers' JWKS-to-PEM tools emit.
    EVP_PKEY* key = PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr);
    if (key == nullptr) {
      ERR_clear_error();
      return absl::InvalidArgumentError("RS256 public key is not a PEM public key");
    }
    verifier.rsa_key_.reset(key);
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_RSA) {
      return absl::InvalidArgumentError("RS256 public key is not an RSA key");
    }
    if (EVP_PKEY_get_bits(key) < kMinRsaBits) {
      return absl::InvalidArgumentError("RS256 public key is shorter than 2048 bits");
    }
  }
  return verifier;
}

absl::Status JwtVerifier::CheckSignature(std::string_view alg, std::string_view signing_input,
                                         const std::string& signature) const {
  if (alg == "HS256") {
    unsigned char mac[EVP_MAX_MD_SIZE];
    unsigned int mac_len = 0;
    if (HMAC(EVP_sha256(), options_.hs256_secret.data(),
             static_cast<int>(options_.hs256_secret.size()),
             reinterpret_cast<const unsigned char*>(signing_input.data()), signing_input.size(),
             mac, &mac_len) == nullptr) {
      return Reject("token signature invalid");
    }
    // Constant time, so response timing does not leak how many MAC bytes matched.
    if (signature.size() != mac_len || CRYPTO_memcmp(mac, signature.data(), mac_len) != 0) {
      return Reject("token signature invalid");
    }
    return absl::OkStatus();
  }
  // RS256: RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3); PKCS#1 v1.5 is the EVP default.
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  if (ctx == nullptr ||
      EVP_DigestVerifyInit(ctx.get(), nullptr, EVP_sha256(), nullptr, rsa_key_.get()) != 1) {
    ERR_clear_error();
    return Reject("token signature invalid");
  }
  int ok = EVP_DigestVerify(ctx.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                            signature.size(),
                            reinterpret_cast<const unsigned char*>(signing_input.data()),
                            signing_input.size());
  if (ok != 1) {
    // Leave no stale entries in this thread's OpenSSL error queue for TLS code to trip over.
    ERR_clear_error();
    return Reject("token signature invalid");
  }
  return absl::OkStatus();
}

absl::StatusOr<Principal> JwtVerifier::Verify(std::string_view token) const {
  if (token.empty() || token.size() > kMaxTokenBytes) return Malformed();
  size_t first_dot = token.find('.');
  if (first_dot == std::string_view::npos) return Malformed();
  size_t second_dot = token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos) return Malformed();
  if (token.find('.', second_dot + 1) != std::string_view::npos) return Malformed();  // JWE

  std::string_view header_b64 = token.substr(0, first_dot);
  std::string_view payload_b64 = token.substr(first_dot + 1, second_dot - first_dot - 1);
  std::string_view signature_b64 = token.substr(second_dot + 1);
  std::optional<std::string> header_json = Base64UrlDecode(header_b64);
  std::optional<std::string> payload_json = Base64UrlDecode(payload_b64);
  std::optional<std::string> signature = Base64UrlDecode(signature_b64);
  if (!header_json || !payload_json || !signature) return Malformed();

  // nlohmann's non-throwing parse plus is_*() checks before every get<>() keep exceptions out;
  // the try block is the backstop, since this function must never throw into the gRPC layer.
  try {
    std::optional<nlohmann::json> header = ParseObject(*header_json);
    if (!header) return Malformed();
    auto alg_it = header->find("alg");
    if (alg_it == header->end() || !alg_it->is_string()) return Malformed();
    std::string alg = alg_it->get<std::string>();
    // The algorithm must match a key we hold: an HS256 token is never checked against the RSA
    // key bytes, and "none" or anything else is refused outright.
    bool alg_usable = (alg == "HS256" && !options_.hs256_secret.empty()) ||
                      (alg == "RS256" && rsa_key_ != nullptr);
    if (!alg_usable) return Reject("token algorithm not accepted");
    // RFC 7515 §4.1.11: extensions we do not understand must not be ignored.
    if (header->contains("crit")) return Reject("token algorithm not accepted");

    std::string_view signing_input = token.substr(0, second_dot);
    absl::Status signature_status = CheckSignature(alg, signing_input, *signature);
    if (!signature_status.ok()) return signature_status;

    // Only now, with the signature good, is the payload worth reading.
    std::optional<nlohmann::json> claims = ParseObject(*payload_json);
    if (!claims) return Malformed();

    std::optional<TimePoint> exp, nbf, iat;
    if (!ReadNumericDate(*claims, "exp", &exp) || !ReadNumericDate(*claims, "nbf", &nbf) ||
        !ReadNumericDate(*claims, "iat", &iat)) {
      return Malformed();
    }
    // A token without exp would be valid forever; our identity provider always sets it.
    if (!exp) return Reject("token has no expiry");
    const TimePoint now = options_.clock();
    const auto skew = options_.clock_skew;
    if (now >= *exp + skew) return Reject("token expired");
    if (nbf && now + skew < *nbf) return Reject("token not yet valid");
    if (iat && now + skew < *iat) return Reject("token issued in the future");

    if (!options_.issuer.empty()) {
      auto iss = claims->find("iss");
      if (iss == claims->end() || !iss->is_string() ||
          iss->get<std::string>() != options_.issuer) {
        return Reject("token issuer not accepted");
      }
    }
    if (!options_.audience.empty()) {
      auto aud = claims->find("aud");
      if (aud == claims->end() || !AudienceMatches(*aud, options_.audience)) {
        return Reject("token audience not accepted");
      }
    }

    Principal principal;
    auto sub = claims->find("sub");
    // Audit records (R6) need a subject; a token that names nobody is useless to us.
    if (sub == claims->end() || !sub->is_string() || sub->get<std::string>().empty()) {
      return Reject("token has no subject");
    }
    principal.subject = sub->get<std::string>();
    principal.expiry = *exp;

    std::vector<std::string> role_names;
    if (!ReadStringArray(*claims, "roles", &role_names)) return Malformed();
    // Unknown role names are ignored, not rejected: the identity provider serves other systems
    // too and may list their roles; ignoring one grants nothing, rejecting would lock users out.
    for (const std::string& name : role_names) {
      if (std::optional<Role> role = RoleFromName(name)) principal.roles.Add(*role);
    }
    if (!ReadStringArray(*claims, "regions", &principal.regions)) return Malformed();
    for (const std::string& region : principal.regions) {
      if (region.empty()) return Malformed();
    }
    return principal;
  } catch (const nlohmann::json::exception&) {
    return Malformed();
  }
}

}  // namespace tmk::auth
