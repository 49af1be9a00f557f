#include "services/campaigns/domain/merge_field_text.h"

namespace tmk::campaigns {
namespace {

constexpr size_t kMaxFragment = 40;

std::string Fragment(std::string_view text) {
  if (text.size() <= kMaxFragment) return std::string(text);
  size_t cut = kMaxFragment;
  // Never split a UTF-8 sequence: back off over continuation bytes (10xxxxxx).
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

}  // namespace

bool IsMergeFieldPath(std::string_view path) {
  if (path.empty() || path.front() == '.' || path.back() == '.') return false;
  char previous = '\0';
  for (char c : path) {
    bool word = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    if (!word && c != '.') return false;
    if (c == '.' && previous == '.') return false;
    previous = c;
  }
  return true;
}

MergeFieldScan ScanMergeFields(std::string_view text) {
  MergeFieldScan scan;
  size_t pos = 0;
  while ((pos = text.find("{{", pos)) != std::string_view::npos) {
    const size_t open = pos;
    const size_t close = text.find("}}", open + 2);
    if (close == std::string_view::npos) {
      scan.malformed.push_back({open, Fragment(text.substr(open))});
      break;
    }
    const size_t reopen = text.find("{{", open + 2);
    if (reopen < close) {  // "{{ … {{x}}": the first opening is never closed
      scan.malformed.push_back({open, Fragment(text.substr(open, reopen - open))});
      pos = reopen;
      continue;
    }
    std::string_view path = Trim(text.substr(open + 2, close - open - 2));
    if (IsMergeFieldPath(path)) {
      scan.uses.push_back({open, close + 2, std::string(path)});
    } else {
      scan.malformed.push_back({open, Fragment(text.substr(open, close + 2 - open))});
    }
    pos = close + 2;
  }
  return scan;
}

}  // namespace tmk::campaigns
