#include "services/contacts/api/proposed_values.h"

#include "services/contacts/api/customer_mapping.h"
#include "services/contacts/domain/new_customer.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

namespace {

bool StartsWith(const std::string& s, const std::string& prefix) {
  return s.compare(0, prefix.size(), prefix) == 0;
}

// The mask path a violation's field ("customer.residence.city_code",
// "customer.contact_points[1].value", "customer.custom_attributes[plan]") falls under, or "".
std::string PathOf(const std::string& field, const std::vector<std::string>& paths) {
  std::string f = StartsWith(field, "customer.") ? field.substr(9) : field;
  for (const std::string& p : paths) {
    if (f == p || StartsWith(f, p + ".") || StartsWith(f, p + "[")) return p;
    constexpr char kAttribute[] = "custom_attributes.";
    if (StartsWith(p, kAttribute) &&
        f == "custom_attributes[" + p.substr(sizeof(kAttribute) - 1) + "]") {
      return p;
    }
  }
  return "";
}

}  // namespace

ProposedValues JudgeProposedValues(const v1::Customer& base, const v1::Customer& patch,
                                   const std::vector<std::string>& paths, int current_year) {
  v1::Customer candidate = base;
  candidate.clear_contact_points();
  ApplyUpdateMask(patch, paths, candidate);
  ProposedValues out;
  absl::StatusOr<std::vector<NormalizedContact>> points =
      ValidateCustomerProfile(ToNewCustomer(candidate), current_year);
  if (points.ok()) {
    out.points = *std::move(points);
    return out;
  }
  bool points_refused = false;
  for (const FieldViolation& v : FieldViolationsOf(points.status())) {
    std::string path = PathOf(v.field, paths);
    if (path.empty()) continue;
    points_refused |= path == "contact_points";
    out.violations.push_back({path, v});
  }
  // Refused for fields not proposed only: the proposed points are fine, normalise them alone.
  if (!points_refused) {
    v1::Customer only_points;
    only_points.set_display_name("-");
    only_points.set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    *only_points.mutable_contact_points() = candidate.contact_points();
    absl::StatusOr<std::vector<NormalizedContact>> alone =
        ValidateCustomerProfile(ToNewCustomer(only_points), current_year);
    if (alone.ok()) out.points = *std::move(alone);
  }
  return out;
}

}  // namespace tmk::contacts
