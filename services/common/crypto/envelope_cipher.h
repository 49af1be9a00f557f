#pragma once
// AES-256-GCM envelopes for personal data at rest (R6). Every value is sealed under a fresh random
// 96-bit nonce, and its envelope names the key that sealed it, so keys rotate without rewriting
// data: several keys open, the first one seals.
//
//   envelope = version (1 byte, 1) | key id length n (1 byte) | key id (n bytes)
//              | nonce (12 bytes) | ciphertext (as long as the plaintext) | tag (16 bytes)
//
// GCM authenticates the header and the caller's associated data with the ciphertext: a changed
// byte anywhere, or a value moved to another row or column (other associated data), does not open.
// Random nonces keep one key safe for about 2^32 seals (NIST SP 800-38D); rotate long before.
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/crypto/data_key.h"

namespace tmk::crypto {

class EnvelopeCipher {
 public:
  static constexpr unsigned char kFormatVersion = 1;
  static constexpr size_t kNonceBytes = 12;
  static constexpr size_t kTagBytes = 16;

  // `keys` as ParseDataKeys returns them: non-empty, unique ids, 32-byte keys (a broken
  // invariant throws std::invalid_argument). keys[0] seals.
  explicit EnvelopeCipher(std::vector<DataKey> keys);
  ~EnvelopeCipher();  // wipes the key bytes
  EnvelopeCipher(const EnvelopeCipher&) = delete;
  EnvelopeCipher& operator=(const EnvelopeCipher&) = delete;

  std::string Seal(std::string_view plaintext, std::string_view associated_data) const;
  // DATA_LOSS for anything that is not an intact envelope of this format sealed with this
  // associated data; FAILED_PRECONDITION when it names a key that is not configured (it was
  // removed from the settings while data still needs it).
  absl::StatusOr<std::string> Open(std::string_view envelope,
                                   std::string_view associated_data) const;

  const std::string& sealing_key_id() const { return keys_.front().id; }

 private:
  const DataKey* Find(std::string_view id) const;

  std::vector<DataKey> keys_;
};

}  // namespace tmk::crypto
