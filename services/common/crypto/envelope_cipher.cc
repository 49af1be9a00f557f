#include "services/common/crypto/envelope_cipher.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <memory>
#include <set>
#include <stdexcept>

#include "absl/strings/str_cat.h"

namespace tmk::crypto {
namespace {

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(s.data());
}

// Fetched once: the implicit fetch behind EVP_aes_256_gcm() costs a lookup on every seal.
const EVP_CIPHER* Aes256Gcm() {
  static EVP_CIPHER* cipher = EVP_CIPHER_fetch(nullptr, "AES-256-GCM", nullptr);
  if (cipher == nullptr) throw std::runtime_error("OpenSSL offers no AES-256-GCM");
  return cipher;
}

struct ContextDeleter {
  void operator()(EVP_CIPHER_CTX* context) const { EVP_CIPHER_CTX_free(context); }
};
using Context = std::unique_ptr<EVP_CIPHER_CTX, ContextDeleter>;

Context NewContext() {
  Context context(EVP_CIPHER_CTX_new());
  if (!context) throw std::runtime_error("EVP_CIPHER_CTX_new failed");
  return context;
}

// version | id length | id: authenticated with the caller's associated data (it delimits itself,
// so header + associated data is unambiguous).
std::string Header(std::string_view key_id) {
  std::string header;
  header.push_back(static_cast<char>(EnvelopeCipher::kFormatVersion));
  header.push_back(static_cast<char>(key_id.size()));
  header.append(key_id);
  return header;
}

bool AddAssociatedData(EVP_CIPHER_CTX* context, std::string_view header, std::string_view data,
                       bool encrypt) {
  auto update = encrypt ? EVP_EncryptUpdate : EVP_DecryptUpdate;
  int ignored = 0;
  if (update(context, nullptr, &ignored, Bytes(header), static_cast<int>(header.size())) != 1) {
    return false;
  }
  return data.empty() ||
         update(context, nullptr, &ignored, Bytes(data), static_cast<int>(data.size())) == 1;
}

}  // namespace

EnvelopeCipher::EnvelopeCipher(std::vector<DataKey> keys) : keys_(std::move(keys)) {
  if (keys_.empty()) throw std::invalid_argument("an envelope cipher needs at least one key");
  std::set<std::string> ids;
  for (const DataKey& key : keys_) {
    if (key.id.empty() || key.id.size() > 255 || !ids.insert(key.id).second ||
        key.bytes.size() != kKeyBytes) {
      throw std::invalid_argument("data keys must have unique ids and 32 bytes each");
    }
  }
}

EnvelopeCipher::~EnvelopeCipher() {
  for (DataKey& key : keys_) OPENSSL_cleanse(key.bytes.data(), key.bytes.size());
}

const DataKey* EnvelopeCipher::Find(std::string_view id) const {
  for (const DataKey& key : keys_) {
    if (key.id == id) return &key;
  }
  return nullptr;
}

std::string EnvelopeCipher::Seal(std::string_view plaintext,
                                 std::string_view associated_data) const {
  const DataKey& key = keys_.front();
  std::string out = Header(key.id);
  const size_t header_size = out.size();
  out.resize(header_size + kNonceBytes + plaintext.size() + kTagBytes);
  auto* nonce = reinterpret_cast<unsigned char*>(out.data() + header_size);
  unsigned char* ciphertext = nonce + kNonceBytes;
  unsigned char* tag = ciphertext + plaintext.size();
  if (RAND_bytes(nonce, kNonceBytes) != 1) throw std::runtime_error("RAND_bytes failed");

  Context context = NewContext();
  int written = 0, final_written = 0;
  bool ok =
      EVP_EncryptInit_ex2(context.get(), Aes256Gcm(), Bytes(key.bytes), nonce, nullptr) == 1 &&
            AddAssociatedData(context.get(), std::string_view(out.data(), header_size),
                              associated_data, /*encrypt=*/true) &&
            (plaintext.empty() ||
             EVP_EncryptUpdate(context.get(), ciphertext, &written, Bytes(plaintext),
                               static_cast<int>(plaintext.size())) == 1) &&
            EVP_EncryptFinal_ex(context.get(), ciphertext + written, &final_written) == 1 &&
            EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_AEAD_GET_TAG, kTagBytes, tag) == 1;
  if (!ok) throw std::runtime_error("AES-256-GCM encryption failed");
  return out;
}

absl::StatusOr<std::string> EnvelopeCipher::Open(std::string_view envelope,
                                                 std::string_view associated_data) const {
  if (envelope.size() < 2) return absl::DataLossError("not a sealed value: too short");
  if (static_cast<unsigned char>(envelope[0]) != kFormatVersion) {
    return absl::DataLossError(absl::StrCat(
        "sealed value of unknown format version ",
        static_cast<int>(static_cast<unsigned char>(envelope[0]))));
  }
  const size_t id_size = static_cast<unsigned char>(envelope[1]);
  const size_t header_size = 2 + id_size;
  if (envelope.size() < header_size + kNonceBytes + kTagBytes) {
    return absl::DataLossError("not a sealed value: truncated");
  }
  std::string_view id = envelope.substr(2, id_size);
  const DataKey* key = Find(id);
  if (key == nullptr) {
    return absl::FailedPreconditionError(absl::StrCat(
        "a value is sealed with data key '", absl::string_view(id.data(), id.size()),
        "', which is not configured"));
  }
  const unsigned char* nonce = Bytes(envelope) + header_size;
  const unsigned char* ciphertext = nonce + kNonceBytes;
  const size_t ciphertext_size = envelope.size() - header_size - kNonceBytes - kTagBytes;
  std::string tag(envelope.substr(envelope.size() - kTagBytes));

  std::string plaintext(ciphertext_size, '\0');
  auto* out = reinterpret_cast<unsigned char*>(plaintext.data());
  Context context = NewContext();
  int written = 0, final_written = 0;
  bool ok =
      EVP_DecryptInit_ex2(context.get(), Aes256Gcm(), Bytes(key->bytes), nonce, nullptr) == 1 &&
            AddAssociatedData(context.get(), envelope.substr(0, header_size), associated_data,
                              /*encrypt=*/false) &&
            (ciphertext_size == 0 ||
             EVP_DecryptUpdate(context.get(), out, &written, ciphertext,
                               static_cast<int>(ciphertext_size)) == 1) &&
            EVP_CIPHER_CTX_ctrl(context.get(), EVP_CTRL_AEAD_SET_TAG, kTagBytes, tag.data()) == 1 &&
            EVP_DecryptFinal_ex(context.get(), out + written, &final_written) == 1;
  if (!ok) {
    return absl::DataLossError(
        "a sealed value does not authenticate: changed, or from another row or column");
  }
  return plaintext;
}

}  // namespace tmk::crypto
