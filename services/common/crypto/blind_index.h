#pragma once
// Keyed blind indexes for exact lookup of encrypted values (R6): HMAC-SHA-256 of a normalised
// value under a key of its own. Equal values give equal indexes, so a database can match and
// join them; without the key an index reveals nothing, not even by trying every phone number.
// The index key is separate from the data keys: those rotate by sealing new data with a new key,
// whereas a new index key means recomputing every index.
#include <string>
#include <string_view>

struct evp_mac_ctx_st;

namespace tmk::crypto {

class BlindIndex {
 public:
  static constexpr size_t kIndexBytes = 32;

  // A 32-byte key (ParseKeyBytes); another size throws std::invalid_argument.
  explicit BlindIndex(std::string key);
  ~BlindIndex();  // frees (and so wipes) the keyed state
  BlindIndex(const BlindIndex&) = delete;
  BlindIndex& operator=(const BlindIndex&) = delete;

  // HMAC-SHA-256(key, domain || 0x00 || value), 32 bytes. The domain ("phone", "name"…) keeps
  // indexes of different kinds of value apart. Safe from several threads at once.
  std::string Compute(std::string_view domain, std::string_view value) const;

 private:
  // Keyed once, copied per call: a third of the cost of keying HMAC on every index (imports and
  // CheckCallable compute thousands).
  evp_mac_ctx_st* keyed_;
};

}  // namespace tmk::crypto
