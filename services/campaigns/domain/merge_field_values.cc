#include "services/campaigns/domain/merge_field_values.h"

#include <string_view>

#include "absl/strings/str_cat.h"
#include "services/campaigns/domain/merge_field_catalog.h"

namespace tmk::campaigns {
namespace {

// The words an agent reads for the contract's enum values; "" for unknown or unspecified.
std::string Label(int value, std::initializer_list<const char*> labels) {
  if (value < 1 || value > static_cast<int>(labels.size())) return "";
  return *(labels.begin() + (value - 1));
}

// Whether contacts withheld `source` (or a field containing it) from the caller.
bool Withheld(const CustomerView& customer, std::string_view source) {
  for (const std::string& path : customer.withheld_fields) {
    if (source == path ||
        (source.size() > path.size() && source.substr(0, path.size()) == path &&
         source[path.size()] == '.')) {
      return true;
    }
  }
  return false;
}

struct Derived {
  std::string path;    // merge field
  std::string source;  // the Customer field it comes from
  std::string value;
};

}  // namespace

MergeValues MergeValuesFor(const CustomerView& customer, int current_year,
                           const std::set<std::string>& visible) {
  std::string age;
  if (customer.birth_year > 0 && customer.birth_year <= current_year) {
    age = absl::StrCat(current_year - customer.birth_year);
  }
  std::vector<Derived> derived = {
      {"customer.display_name", "display_name", customer.display_name},
      {"customer.salutation", "gender", Label(customer.gender, {"女士", "先生"})},
      {"customer.vip_tier", "vip_tier",
       Label(customer.vip_tier, {"普通客户", "银卡", "金卡", "白金卡", "钻石卡"})},
      {"customer.kind", "kind", Label(customer.kind, {"个人客户", "企业客户"})},
      {"customer.company_name", "company_name", customer.company_name},
      {"customer.residence.province_name", "residence.province_name", customer.province_name},
      {"customer.residence.city_name", "residence.city_name", customer.city_name},
      {"customer.residence.district_name", "residence.district_name", customer.district_name},
      {"customer.age", "birth_year", age},
      {"customer.marital_status", "marital_status",
       Label(customer.marital_status, {"未婚", "已婚", "离异", "丧偶"})},
      {"customer.occupation", "occupation", customer.occupation},
      {"customer.income_band", "income_band",
       Label(customer.income_band, {"3000元以下", "3000-5999元", "6000-9999元", "10000-19999元",
                                    "20000-49999元", "50000元及以上"})},
      {"customer.mobile", "contact_points", customer.mobile},
      {"customer.email", "contact_points", customer.email},
  };
  for (const auto& [key, value] : customer.custom_attributes) {
    derived.push_back({std::string(kCustomAttributePrefix) + key,
                       absl::StrCat("custom_attributes.", key), value});
  }

  MergeValues values;
  for (Derived& d : derived) {
    const MergeFieldSpec* spec = FindMergeField(d.path);
    if (spec == nullptr || d.value.empty() || Withheld(customer, d.source)) continue;
    const bool masked = spec->masked_by_default && visible.count(d.path) == 0;
    values[d.path] = masked ? std::string(kMaskedValue) : std::move(d.value);
  }
  return values;
}

}  // namespace tmk::campaigns
