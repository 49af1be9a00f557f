#include "services/contacts/domain/display_name.h"

namespace tmk::contacts {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";  // U+3000, typed by Chinese IMEs

}  // namespace

std::string NormalizeDisplayName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  bool pending_space = false;
  for (size_t i = 0; i < name.size();) {
    if (name.substr(i, kIdeographicSpace.size()) == kIdeographicSpace) {
      pending_space = true;
      i += kIdeographicSpace.size();
      continue;
    }
    char c = name[i++];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') {
      pending_space = true;
      continue;
    }
    if (pending_space && !out.empty()) out.push_back(' ');
    pending_space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  return out;
}

}  // namespace tmk::contacts
