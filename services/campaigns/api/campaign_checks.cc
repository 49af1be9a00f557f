#include "services/campaigns/api/campaign_checks.h"

#include <google/protobuf/util/time_util.h>

#include <set>
#include <string>

#include "absl/strings/str_cat.h"
#include "services/campaigns/api/campaign_rules_check.h"
#include "services/campaigns/api/money_mapping.h"
#include "telemarketing/common/v1/sales.pb.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
namespace common = telemarketing::common::v1;

namespace {

constexpr std::string_view kEditableFields[] = {
    "display_name",     "description",         "type",           "seat_scope",
    "city_center_ids",  "target_list_id",      "script_id",      "script_version",
    "disposition_set_id", "calling_windows",   "contact_strategy", "default_dial_mode",
    "agent_group_ids",  "required_skill_ids",  "products",       "visible_customer_fields",
    "economics",        "pilot",               "start_time",     "end_time",
    "labels"};

void CheckIds(const google::protobuf::RepeatedPtrField<std::string>& ids, const std::string& field,
              Violations& v) {
  std::set<std::string> seen;
  for (int i = 0; i < ids.size(); ++i) {
    if (ids[i].empty() || ids[i].size() > 64) {
      v.Add(absl::StrCat(field, "[", i, "]"), "1-64 characters");
    } else if (!seen.insert(ids[i]).second) {
      v.Add(absl::StrCat(field, "[", i, "]"), "duplicate '" + ids[i] + "'");
    }
  }
}

}  // namespace

bool IsEditableCampaignField(std::string_view field) {
  for (std::string_view editable : kEditableFields) {
    if (editable == field) return true;
  }
  return false;
}

google::protobuf::FieldMask EditableCampaignFields() {
  google::protobuf::FieldMask mask;
  for (std::string_view field : kEditableFields) mask.add_paths(std::string(field));
  return mask;
}

PilotPlanSpec ToPilotPlanSpec(const v1::PilotPlan& plan) {
  PilotPlanSpec spec;
  spec.sample_fraction = plan.sample_fraction();
  spec.sample_size = plan.sample_size();
  spec.min_contacts_per_variant = plan.min_contacts_per_variant();
  for (const v1::PilotVariant& variant : plan.variants()) {
    spec.variants.push_back({variant.variant_id(), variant.weight()});
  }
  return spec;
}

void CheckCampaignFields(const v1::Campaign& c, const v1::ContactPolicy& policy,
                         bool check_windows, std::string_view field, Violations& v) {
  const std::string at(field);
  auto path = [&at](std::string_view name) {
    return absl::StrCat(at, ".", absl::string_view(name.data(), name.size()));
  };
  if (c.display_name().empty() || c.display_name().size() > 200) {
    v.Add(path("display_name"), "required, at most 200 characters");
  }
  if (c.description().size() > 4000) v.Add(path("description"), "at most 4000 characters");
  if (c.type() == common::CAMPAIGN_TYPE_UNSPECIFIED || !common::CampaignType_IsValid(c.type())) {
    v.Add(path("type"), "required: one of the campaign types of R7");
  }
  if (!v1::SeatScope_IsValid(c.seat_scope())) v.Add(path("seat_scope"), "unknown seat scope");
  if (c.seat_scope() == v1::SEAT_SCOPE_CITY_CENTERS && c.city_center_ids().empty()) {
    v.Add(path("city_center_ids"), "required when seat_scope is CITY_CENTERS (R19)");
  }
  if (c.seat_scope() != v1::SEAT_SCOPE_CITY_CENTERS && !c.city_center_ids().empty()) {
    v.Add(path("city_center_ids"), "only with seat_scope CITY_CENTERS");
  }
  CheckIds(c.city_center_ids(), path("city_center_ids"), v);
  CheckIds(c.agent_group_ids(), path("agent_group_ids"), v);
  CheckIds(c.required_skill_ids(), path("required_skill_ids"), v);
  if (c.target_list_id().size() > 64) v.Add(path("target_list_id"), "at most 64 characters");
  if (c.disposition_set_id().size() > 64) v.Add(path("disposition_set_id"), "at most 64 characters");
  if (c.script_id().empty() != (c.script_version() == 0)) {
    v.Add(path("script_version"), "script_id and script_version are set together");
  }
  if (c.script_version() < 0) v.Add(path("script_version"), "must be positive");
  if (!common::DialMode_IsValid(c.default_dial_mode())) {
    v.Add(path("default_dial_mode"), "unknown dial mode");
  }
  if (check_windows) CheckCallingWindows(c.calling_windows(), policy, path("calling_windows"), v);
  CheckContactStrategy(c.contact_strategy(), path("contact_strategy"), v);

  std::set<std::string> skus;
  for (int i = 0; i < c.products_size(); ++i) {
    const v1::CampaignProduct& product = c.products(i);
    const std::string p = absl::StrCat(path("products"), "[", i, "]");
    if (product.sku().empty() || product.sku().size() > 64) {
      v.Add(p + ".sku", "required, at most 64 characters");
    } else if (!skus.insert(product.sku()).second) {
      v.Add(p + ".sku", "duplicate sku '" + product.sku() + "'");
    }
    if (product.display_name().empty()) v.Add(p + ".display_name", "required");
    CheckMoney(ToDomain(product.unit_price()), p + ".unit_price", v);
    if (product.max_quantity() < 0) v.Add(p + ".max_quantity", "must not be negative");
  }
  for (int i = 0; i < c.visible_customer_fields_size(); ++i) {
    const std::string& visible = c.visible_customer_fields(i);
    if (visible.rfind("customer.", 0) != 0 || visible.size() <= 9) {
      v.Add(absl::StrCat(path("visible_customer_fields"), "[", i, "]"),
            "a customer field path such as \"customer.display_name\"");
    }
  }
  CheckEconomics(c.economics(), path("economics"), v);

  CheckPilotPlan(ToPilotPlanSpec(c.pilot()), path("pilot"), v);
  for (int i = 0; i < c.pilot().variants_size(); ++i) {
    const v1::PilotVariant& variant = c.pilot().variants(i);
    if (variant.script_id().empty() != (variant.script_version() == 0)) {
      v.Add(absl::StrCat(path("pilot"), ".variants[", i, "].script_version"),
            "script_id and script_version are set together");
    }
  }
  if (c.has_start_time() && c.has_end_time() && c.end_time() <= c.start_time()) {
    v.Add(path("end_time"), "must be after start_time");
  }
  if (c.labels_size() > 64) v.Add(path("labels"), "at most 64 labels");
  for (const auto& [key, value] : c.labels()) {
    if (key.empty() || key.size() > 63 || value.size() > 256) {
      v.Add(path("labels"), "keys 1-63 characters, values at most 256: '" + key + "'");
    }
  }
}

}  // namespace tmk::campaigns
