#include "services/common/crypto/blind_index.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <stdexcept>

#include "services/common/crypto/data_key.h"

namespace tmk::crypto {
namespace {

const EVP_MD* Sha256() {
  static EVP_MD* digest = EVP_MD_fetch(nullptr, "SHA256", nullptr);
  if (digest == nullptr) throw std::runtime_error("OpenSSL offers no SHA-256");
  return digest;
}

}  // namespace

BlindIndex::BlindIndex(std::string key) : key_(std::move(key)) {
  if (key_.size() != kKeyBytes) throw std::invalid_argument("a blind index key is 32 bytes");
}

BlindIndex::~BlindIndex() { OPENSSL_cleanse(key_.data(), key_.size()); }

std::string BlindIndex::Compute(std::string_view domain, std::string_view value) const {
  std::string message;
  message.reserve(domain.size() + 1 + value.size());
  message.append(domain);
  message.push_back('\0');
  message.append(value);
  std::string out(kIndexBytes, '\0');
  unsigned int size = 0;
  if (HMAC(Sha256(), key_.data(), static_cast<int>(key_.size()),
           reinterpret_cast<const unsigned char*>(message.data()), message.size(),
           reinterpret_cast<unsigned char*>(out.data()), &size) == nullptr ||
      size != kIndexBytes) {
    throw std::runtime_error("HMAC-SHA-256 failed");
  }
  return out;
}

}  // namespace tmk::crypto
