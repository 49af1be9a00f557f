#include "services/common/crypto/blind_index.h"

#include <openssl/core_names.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <memory>
#include <stdexcept>

#include "services/common/crypto/data_key.h"

namespace tmk::crypto {
namespace {

struct MacContextDeleter {
  void operator()(EVP_MAC_CTX* context) const { EVP_MAC_CTX_free(context); }
};
using MacContext = std::unique_ptr<EVP_MAC_CTX, MacContextDeleter>;

}  // namespace

BlindIndex::BlindIndex(std::string key) {
  if (key.size() != kKeyBytes) throw std::invalid_argument("a blind index key is 32 bytes");
  EVP_MAC* hmac = EVP_MAC_fetch(nullptr, "HMAC", nullptr);
  if (hmac == nullptr) throw std::runtime_error("OpenSSL offers no HMAC");
  MacContext keyed(EVP_MAC_CTX_new(hmac));
  EVP_MAC_free(hmac);
  char digest[] = "SHA256";
  const OSSL_PARAM params[] = {
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest, 0), OSSL_PARAM_construct_end()};
  bool ok = keyed && EVP_MAC_init(keyed.get(), reinterpret_cast<const unsigned char*>(key.data()),
                                  key.size(), params) == 1;
  OPENSSL_cleanse(key.data(), key.size());
  if (!ok) throw std::runtime_error("HMAC-SHA-256 cannot be keyed");
  keyed_ = keyed.release();
}

BlindIndex::~BlindIndex() { EVP_MAC_CTX_free(keyed_); }

std::string BlindIndex::Compute(std::string_view domain, std::string_view value) const {
  MacContext context(EVP_MAC_CTX_dup(keyed_));
  const unsigned char separator = 0;
  std::string out(kIndexBytes, '\0');
  size_t size = 0;
  bool ok = context &&
            EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(domain.data()),
                           domain.size()) == 1 &&
            EVP_MAC_update(context.get(), &separator, 1) == 1 &&
            EVP_MAC_update(context.get(), reinterpret_cast<const unsigned char*>(value.data()),
                           value.size()) == 1 &&
            EVP_MAC_final(context.get(), reinterpret_cast<unsigned char*>(out.data()), &size,
                          out.size()) == 1 &&
            size == kIndexBytes;
  if (!ok) throw std::runtime_error("HMAC-SHA-256 failed");
  return out;
}

}  // namespace tmk::crypto
