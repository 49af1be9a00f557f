#include "services/contacts/domain/new_customer.h"

#include <cctype>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/contacts/domain/attribute_definition.h"

namespace tmk::contacts {
namespace {

// Tags are targeting keys (R8): lower-case words joined by '_', '-' or ':'.
bool IsValidTag(const std::string& tag) {
  if (tag.empty() || tag.size() > Limits::kMaxTagLength) return false;
  for (char c : tag) {
    if (!(std::islower(static_cast<unsigned char>(c)) || std::isdigit(static_cast<unsigned char>(c)) ||
          c == '_' || c == '-' || c == ':')) {
      return false;
    }
  }
  return true;
}

// Adds the profile violations of `c` to `v`; the normalised points when they are all valid.
std::vector<NormalizedContact> CheckProfile(const NewCustomer& c, int current_year, Violations& v) {
  if (c.display_name.empty()) v.Add("customer.display_name", "required");
  if (c.display_name.size() > Limits::kMaxNameLength) {
    v.Add("customer.display_name", absl::StrCat("at most ", Limits::kMaxNameLength, " bytes"));
  }
  if (c.kind == NewCustomer::Kind::kUnspecified) {
    v.Add("customer.kind", "required: CUSTOMER_KIND_B2C or CUSTOMER_KIND_B2B");
  }
  if (c.kind == NewCustomer::Kind::kB2b && c.company_name.empty()) {
    v.Add("customer.company_name", "required for a B2B customer");
  }
  if (c.birth_year != 0 &&
      (c.birth_year > current_year || c.birth_year < current_year - Limits::kMaxAgeYears)) {
    v.Add("customer.birth_year", absl::StrCat("must be between ", current_year - Limits::kMaxAgeYears,
                                              " and ", current_year, ", or 0 when unknown"));
  }
  if (c.tags.size() > Limits::kMaxTags) v.Add("customer.tags", absl::StrCat("at most ", Limits::kMaxTags));
  std::set<std::string> seen_tags;
  for (size_t i = 0; i < c.tags.size(); ++i) {
    if (!IsValidTag(c.tags[i])) {
      v.Add(absl::StrCat("customer.tags[", i, "]"),
            "1-64 characters of a-z, 0-9, '_', '-', ':'");
    } else if (!seen_tags.insert(c.tags[i]).second) {
      v.Add(absl::StrCat("customer.tags[", i, "]"), "duplicate tag");
    }
  }
  if (c.attribute_keys.size() > Limits::kMaxAttributes) {
    v.Add("customer.custom_attributes", absl::StrCat("at most ", Limits::kMaxAttributes));
  }
  for (const std::string& key : c.attribute_keys) {
    if (!IsAttributeKey(key)) {
      v.Add(absl::StrCat("customer.custom_attributes[", key, "]"),
            "keys are 1-64 characters of a-z, 0-9, '_' starting with a letter");
    }
  }
  if (c.contact_points.size() > Limits::kMaxContactPoints) {
    v.Add("customer.contact_points", absl::StrCat("at most ", Limits::kMaxContactPoints));
  }
  std::vector<NormalizedContact> normalized;
  std::set<std::string> seen_points;
  for (size_t i = 0; i < c.contact_points.size(); ++i) {
    const NewCustomer::Point& p = c.contact_points[i];
    absl::StatusOr<NormalizedContact> n = p.kind == ContactKind::kEmail
                                              ? NormalizeEmail(p.value)
                                              : NormalizePhone(p.value, p.kind);
    std::string field = absl::StrCat("customer.contact_points[", i, "].value");
    if (!n.ok()) {
      v.Add(field, std::string(n.status().message()));
      continue;
    }
    if (!seen_points.insert(n->normalized).second) {
      v.Add(field, "the same contact point appears twice");
      continue;
    }
    normalized.push_back(*std::move(n));
  }
  return normalized;
}

}  // namespace

absl::StatusOr<std::vector<NormalizedContact>> ValidateCustomerProfile(const NewCustomer& c,
                                                                       int current_year) {
  Violations v;
  std::vector<NormalizedContact> normalized = CheckProfile(c, current_year, v);
  if (!v.empty()) return v.ToStatus("invalid customer");
  return normalized;
}

absl::StatusOr<std::vector<NormalizedContact>> ValidateNewCustomer(const NewCustomer& c,
                                                                   const std::string& this_region,
                                                                   int current_year) {
  Violations v;
  if (!c.customer_id.empty()) v.Add("customer.customer_id", "assigned by the server; leave it empty");
  if (!c.region_id.empty() && c.region_id != this_region) {
    v.Add("customer.region_id", absl::StrCat("this region is '", this_region,
                                             "'; another region's customer is created there and "
                                             "changed here only through an update proposal"));
  }
  std::vector<NormalizedContact> normalized = CheckProfile(c, current_year, v);
  if (!v.empty()) return v.ToStatus("invalid customer");
  return normalized;
}

}  // namespace tmk::contacts
