#include "services/contacts/domain/customer_update.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/contacts/domain/attribute_definition.h"

namespace tmk::contacts {
namespace {

// Whole fields an update may replace; residence also member by member.
constexpr std::string_view kWholeFields[] = {
    "display_name", "gender",       "birth_year",  "marital_status",
    "residence",    "occupation",   "income_band", "kind",
    "company_name", "vip_tier",     "tags",        "custom_attributes",
    "contact_points", "external_id", "preferred_call_window"};
constexpr std::string_view kResidenceFields[] = {
    "country_code",  "province_code", "province_name", "city_code",  "city_name",
    "district_code", "district_name", "street_address", "postal_code"};

bool Covers(std::string_view parent, std::string_view child) {
  return child.size() > parent.size() && child.substr(0, parent.size()) == parent &&
         child[parent.size()] == '.';
}

}  // namespace

bool IsUpdatablePath(std::string_view path) {
  for (std::string_view f : kWholeFields) {
    if (path == f) return true;
  }
  constexpr std::string_view kResidence = "residence.";
  if (path.substr(0, kResidence.size()) == kResidence) {
    std::string_view member = path.substr(kResidence.size());
    for (std::string_view f : kResidenceFields) {
      if (member == f) return true;
    }
    return false;
  }
  constexpr std::string_view kAttribute = "custom_attributes.";
  if (path.substr(0, kAttribute.size()) == kAttribute) {
    return IsAttributeKey(path.substr(kAttribute.size()));
  }
  return false;
}

absl::Status ValidateUpdateMask(const std::vector<std::string>& paths) {
  Violations v;
  if (paths.empty()) {
    v.Add("update_mask", "required: name the fields to change (no implicit full replace)");
  }
  if (paths.size() > UpdateLimits::kMaxMaskPaths) {
    v.Add("update_mask", absl::StrCat("at most ", UpdateLimits::kMaxMaskPaths, " paths"));
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < paths.size(); ++i) {
    const std::string& path = paths[i];
    std::string field = absl::StrCat("update_mask.paths[", i, "]");
    if (path == "*") {
      v.Add(field, "'*' is not allowed: name each field to change");
    } else if (!IsUpdatablePath(path)) {
      v.Add(field, absl::StrCat("'", path,
                                "' is not an updatable field (output-only or unknown); updatable: "
                                "display_name, gender, birth_year, marital_status, residence(.*), "
                                "occupation, income_band, kind, company_name, vip_tier, tags, "
                                "custom_attributes(.<key>), contact_points, external_id, "
                                "preferred_call_window"));
    } else if (!seen.insert(path).second) {
      v.Add(field, absl::StrCat("'", path, "' appears twice"));
    }
  }
  for (size_t i = 0; i < paths.size(); ++i) {
    for (size_t j = 0; j < paths.size(); ++j) {
      if (i != j && Covers(paths[j], paths[i])) {
        v.Add(absl::StrCat("update_mask.paths[", i, "]"),
              absl::StrCat("'", paths[i], "' lies under '", paths[j], "', also in the mask"));
      }
    }
  }
  return v.ToStatus("invalid update_mask");
}

std::vector<ProfileFieldChange> DiffProfile(const std::vector<std::string>& paths,
                                            const std::map<std::string, std::string>& before,
                                            const std::map<std::string, std::string>& after) {
  auto value_at = [](const std::map<std::string, std::string>& values, const std::string& path) {
    auto it = values.find(path);
    return it == values.end() ? std::string("null") : it->second;
  };
  std::vector<ProfileFieldChange> changes;
  for (const std::string& path : paths) {
    std::string old_value = value_at(before, path);
    std::string new_value = value_at(after, path);
    if (old_value != new_value) changes.push_back({path, old_value, new_value});
  }
  return changes;
}

std::vector<int> MatchContactPoints(const std::vector<std::string>& existing_normalized,
                                    const std::vector<std::string>& new_normalized) {
  std::vector<int> match(new_normalized.size(), -1);
  std::vector<bool> taken(existing_normalized.size(), false);
  for (size_t i = 0; i < new_normalized.size(); ++i) {
    for (size_t j = 0; j < existing_normalized.size(); ++j) {
      if (!taken[j] && existing_normalized[j] == new_normalized[i]) {
        match[i] = static_cast<int>(j);
        taken[j] = true;
        break;
      }
    }
  }
  return match;
}

}  // namespace tmk::contacts
