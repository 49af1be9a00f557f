#pragma once
// Keys for data at rest (R6), as configuration carries them: base64 text, never logged. Parsing
// errors describe what is wrong with the text without repeating any of it, so a mistyped secret
// does not end up in a log or a crash report.
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tmk::crypto {

inline constexpr size_t kKeyBytes = 32;  // AES-256 and the HMAC-SHA-256 blind index alike

// One data-encryption key: a short id, written into every envelope it seals so that the right
// key opens it after a rotation, and 32 secret bytes.
struct DataKey {
  std::string id;     // 1-32 of A-Z a-z 0-9 . _ -
  std::string bytes;  // kKeyBytes
};

// "id:base64key,id:base64key,..." — the first key is the one new data is sealed with; all of them
// open data. INVALID_ARGUMENT naming the position of a bad entry (not its text) when an id is
// malformed or repeated or a key is not base64 of exactly 32 bytes.
absl::StatusOr<std::vector<DataKey>> ParseDataKeys(std::string_view text);

// One key as base64 of exactly 32 bytes (standard or URL-safe alphabet, padding optional).
absl::StatusOr<std::string> ParseKeyBytes(std::string_view base64);

}  // namespace tmk::crypto
