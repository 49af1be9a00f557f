#include "services/common/crypto/data_key.h"

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tmk::crypto {
namespace {

bool IsKeyId(absl::string_view id) {
  if (id.empty() || id.size() > 32) return false;
  for (char c : id) {
    if (!absl::ascii_isalnum(c) && c != '.' && c != '_' && c != '-') return false;
  }
  return true;
}

}  // namespace

absl::StatusOr<std::string> ParseKeyBytes(std::string_view base64) {
  absl::string_view text =
      absl::StripAsciiWhitespace(absl::string_view(base64.data(), base64.size()));
  std::string bytes;
  bool decoded = text.find_first_of("-_") == absl::string_view::npos
                     ? absl::Base64Unescape(text, &bytes)
                     : absl::WebSafeBase64Unescape(text, &bytes);
  if (!decoded) return absl::InvalidArgumentError("the key is not base64");
  if (bytes.size() != kKeyBytes) {
    return absl::InvalidArgumentError(
        absl::StrCat("the key is ", bytes.size(), " bytes; it must be ", kKeyBytes,
                     " random bytes (e.g. `openssl rand -base64 32`)"));
  }
  return bytes;
}

absl::StatusOr<std::vector<DataKey>> ParseDataKeys(std::string_view text) {
  std::vector<DataKey> keys;
  std::set<std::string> ids;
  int position = 0;
  for (absl::string_view entry :
       absl::StrSplit(absl::string_view(text.data(), text.size()), ',', absl::SkipWhitespace())) {
    ++position;
    std::vector<absl::string_view> parts = absl::StrSplit(entry, absl::MaxSplits(':', 1));
    absl::string_view id = absl::StripAsciiWhitespace(parts[0]);
    if (parts.size() != 2 || !IsKeyId(id)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "entry ", position, " is not id:base64key (ids are 1-32 of A-Z a-z 0-9 . _ -)"));
    }
    if (!ids.insert(std::string(id)).second) {
      return absl::InvalidArgumentError(
          absl::StrCat("entry ", position, " repeats key id '", id, "'"));
    }
    absl::StatusOr<std::string> bytes =
        ParseKeyBytes(std::string_view(parts[1].data(), parts[1].size()));
    if (!bytes.ok()) {
      return absl::InvalidArgumentError(
          absl::StrCat("entry ", position, " (key '", id, "'): ", bytes.status().message()));
    }
    keys.push_back({std::string(id), *std::move(bytes)});
  }
  if (keys.empty()) return absl::InvalidArgumentError("no key given");
  return keys;
}

}  // namespace tmk::crypto
