#pragma once
// Mints JWTs for the auth tests: an RSA key generated in-process, HS256/RS256 signing, and raw
// access to every part so tests can forge exactly the malformed token they need.
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/pem.h>

#include <chrono>
#include <memory>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

namespace tmk::auth::testing {

using PkeyPtr = std::unique_ptr<EVP_PKEY, decltype(&EVP_PKEY_free)>;

inline constexpr int64_t kNow = 1'700'000'000;  // 2023-11-14T22:13:20Z
inline std::chrono::system_clock::time_point FixedNow() {
  return std::chrono::system_clock::time_point(std::chrono::seconds(kNow));
}

inline std::string Base64UrlEncode(std::string_view in) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  uint32_t buffer = 0;
  int bits = 0;
  for (unsigned char c : in) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out.push_back(kAlphabet[(buffer >> bits) & 0x3F]);
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (6 - bits)) & 0x3F]);
  return out;
}

inline PkeyPtr GenerateRsaKey(unsigned int bits = 2048) {
  return PkeyPtr(EVP_PKEY_Q_keygen(nullptr, nullptr, "RSA", static_cast<size_t>(bits)),
                 &EVP_PKEY_free);
}

inline std::string PublicKeyPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_PUBKEY(bio.get(), key);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

inline std::string PrivateKeyPem(EVP_PKEY* key) {
  std::unique_ptr<BIO, decltype(&BIO_free)> bio(BIO_new(BIO_s_mem()), &BIO_free);
  PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr);
  char* data = nullptr;
  long len = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<size_t>(len));
}

inline std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(data.data()), data.size(), mac, &len);
  return std::string(reinterpret_cast<char*>(mac), len);
}

inline std::string RsaSha256(EVP_PKEY* key, std::string_view data) {
  std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)> ctx(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
  EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key);
  size_t len = 0;
  EVP_DigestSign(ctx.get(), nullptr, &len, reinterpret_cast<const unsigned char*>(data.data()),
                 data.size());
  std::string signature(len, '\0');
  EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char*>(signature.data()), &len,
                 reinterpret_cast<const unsigned char*>(data.data()), data.size());
  signature.resize(len);
  return signature;
}

// "header.payload" with both parts encoded; append "." + signature to finish.
inline std::string SigningInput(const nlohmann::json& header, const nlohmann::json& claims) {
  return Base64UrlEncode(header.dump()) + "." + Base64UrlEncode(claims.dump());
}

inline std::string SignHs256(std::string_view secret, const nlohmann::json& claims,
                             nlohmann::json header = {{"alg", "HS256"}, {"typ", "JWT"}}) {
  std::string input = SigningInput(header, claims);
  return input + "." + Base64UrlEncode(HmacSha256(secret, input));
}

inline std::string SignRs256(EVP_PKEY* key, const nlohmann::json& claims,
                             nlohmann::json header = {{"alg", "RS256"}, {"typ", "JWT"}}) {
  std::string input = SigningInput(header, claims);
  return input + "." + Base64UrlEncode(RsaSha256(key, input));
}

// A payload every test starts from and then breaks one field of.
inline nlohmann::json ValidClaims() {
  return {{"iss", "https://idp.example"},
          {"aud", "telemarketing"},
          {"sub", "agent-007"},
          {"iat", kNow - 10},
          {"nbf", kNow - 10},
          {"exp", kNow + 3600},
          {"roles", nlohmann::json::array({"agent", "supervisor"})},
          {"regions", nlohmann::json::array({"gd", "gx"})}};
}

inline constexpr std::string_view kSecret = "0123456789abcdef0123456789abcdef-test";

}  // namespace tmk::auth::testing
