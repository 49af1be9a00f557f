#include "services/contacts/domain/sharing_policy.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/contacts/domain/customer_update.h"

namespace tmk::contacts {
namespace {

constexpr size_t kMaxRules = 100;
constexpr std::string_view kAttributes = "custom_attributes";

constexpr std::string_view kAlwaysShared[] = {
    "customer_id", "region_id", "create_time", "update_time", "hlc",
    "etag",        "replica",   "masked_fields", "withheld_fields", "source"};

bool IsAncestor(std::string_view parent, std::string_view child) {
  return child.size() > parent.size() && child.substr(0, parent.size()) == parent &&
         child[parent.size()] == '.';
}

// The number of UTF-8 code points in `text` (continuation bytes are 10xxxxxx).
size_t CodePoints(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

// The bytes of the first code point of `text`.
std::string_view FirstCodePoint(std::string_view text) {
  size_t end = 1;
  while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
  return text.substr(0, std::min(end, text.size()));
}

}  // namespace

bool IsAlwaysShared(std::string_view path) {
  for (std::string_view p : kAlwaysShared) {
    if (path == p) return true;
  }
  return false;
}

SharingMode SharingPolicy::ModeFor(std::string_view path, bool personal_attribute) const {
  if (IsAlwaysShared(path)) return SharingMode::kShare;
  const SharingRule* best = nullptr;
  for (const SharingRule& rule : rules) {
    if (rule.field_path == path) return rule.mode;
    if (IsAncestor(rule.field_path, path) &&
        (best == nullptr || rule.field_path.size() > best->field_path.size())) {
      best = &rule;
    }
  }
  if (best != nullptr) return best->mode;
  if (personal_attribute && IsAncestor(kAttributes, path)) return SharingMode::kWithhold;
  return default_mode;
}

SharingPolicy DefaultSharingPolicy() {
  return SharingPolicy{{{"display_name", SharingMode::kMask},
                        {"contact_points", SharingMode::kMask},
                        {"residence.street_address", SharingMode::kWithhold},
                        {"residence.postal_code", SharingMode::kWithhold},
                        {"external_id", SharingMode::kWithhold}},
                       SharingMode::kShare};
}

absl::Status ValidateSharingRules(const std::vector<SharingRule>& rules) {
  Violations v;
  if (rules.size() > kMaxRules) {
    v.Add("sharing_policy.rules", absl::StrCat("at most ", kMaxRules, " rules"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < rules.size(); ++i) {
    const std::string& path = rules[i].field_path;
    std::string field = absl::StrCat("sharing_policy.rules[", i, "].field_path");
    if (path.empty()) {
      v.Add(field, "required: a Customer field path, e.g. \"residence.street_address\"");
    } else if (IsAlwaysShared(path)) {
      v.Add(field, absl::StrCat("\"", path, "\" is always shared: replicas cannot be kept "
                                            "current without it"));
    } else if (path != kAttributes && !IsUpdatablePath(path)) {
      v.Add(field, absl::StrCat("\"", path, "\" is not a Customer field a rule can govern, e.g. "
                                            "\"display_name\", \"residence.postal_code\", "
                                            "\"custom_attributes.plan\""));
    } else if (!seen.insert(path).second) {
      v.Add(field, absl::StrCat("\"", path, "\" has a rule already"));
    }
  }
  return v.ToStatus("invalid sharing policy");
}

std::string MaskText(std::string_view text) {
  if (text.empty()) return "";
  return std::string(FirstCodePoint(text)) + std::string(CodePoints(text) - 1, '*');
}

std::string MaskEmail(std::string_view email) {
  size_t at = email.rfind('@');
  if (at == std::string_view::npos || at == 0) return MaskText(email);
  return MaskText(email.substr(0, at)) + std::string(email.substr(at));
}

}  // namespace tmk::contacts
