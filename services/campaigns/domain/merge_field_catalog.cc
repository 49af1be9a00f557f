#include "services/campaigns/domain/merge_field_catalog.h"

namespace tmk::campaigns {
namespace {

// lower_snake_case, 1-64 characters: AttributeDefinition.attribute_key.
bool IsAttributeKey(std::string_view key) {
  if (key.empty() || key.size() > 64 || key.front() < 'a' || key.front() > 'z') return false;
  for (char c : key) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

}  // namespace

const std::vector<MergeFieldSpec>& MergeFieldCatalog() {
  // Masked by default: what describes the person beyond how to address them (age, family,
  // income, exact place, numbers, custom attributes) — a campaign lists what its agents need.
  static const std::vector<MergeFieldSpec> catalog = {
      {"customer.display_name", "The customer's name as addressed on the phone.", "王小明", false},
      {"customer.salutation", "先生 or 女士, from the customer's gender; empty when unknown.", "先生",
       false},
      {"customer.vip_tier", "VIP tier: 普通客户, 银卡, 金卡, 白金卡 or 钻石卡.", "金卡", false},
      {"customer.kind", "个人客户 (B2C) or 企业客户 (B2B).", "个人客户", false},
      {"customer.company_name", "The company of a B2B contact person.", "深圳市某某科技有限公司",
       false},
      {"customer.residence.province_name", "Province of residence.", "广东省", false},
      {"customer.residence.city_name", "City of residence.", "深圳市", false},
      {"customer.residence.district_name", "District of residence.", "南山区", true},
      {"customer.age", "Age in years, from the year of birth.", "38", true},
      {"customer.marital_status", "未婚, 已婚, 离异 or 丧偶.", "已婚", true},
      {"customer.occupation", "Occupation label.", "teacher", true},
      {"customer.income_band", "Monthly income band in CNY.", "6000-9999元", true},
      {"customer.mobile", "The primary (else the first) mobile number.", "+86 138****8000", true},
      {"customer.email", "The primary (else the first) e-mail address.", "wang@example.com", true},
      {std::string(kCustomAttributePrefix) + "<attribute_key>",
       "A custom attribute by its key, e.g. customer.custom_attributes.monthly_bill.", "CNY 128.00",
       true},
  };
  return catalog;
}

const MergeFieldSpec* FindMergeField(std::string_view path) {
  const bool custom = path.substr(0, kCustomAttributePrefix.size()) == kCustomAttributePrefix;
  if (custom && !IsAttributeKey(path.substr(kCustomAttributePrefix.size()))) return nullptr;
  for (const MergeFieldSpec& spec : MergeFieldCatalog()) {
    bool is_pattern = spec.path.compare(0, kCustomAttributePrefix.size(), kCustomAttributePrefix) == 0;
    if (custom ? is_pattern : spec.path == path) return &spec;
  }
  return nullptr;
}

}  // namespace tmk::campaigns
