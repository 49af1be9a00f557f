#include "services/contacts/domain/segment_filter_fields.h"

namespace tmk::contacts::segment {

std::optional<int> EnumType::Find(std::string_view name) const {
  std::string_view suffix = name;
  if (!prefix.empty() && name.size() > prefix.size() && name.substr(0, prefix.size()) == prefix) {
    suffix = name.substr(prefix.size());
  }
  for (const EnumValue& v : values) {
    if (v.suffix == suffix) return v.number;
  }
  return std::nullopt;
}

std::string EnumType::FullName(int number) const {
  for (const EnumValue& v : values) {
    if (v.number == number) return std::string(prefix) + std::string(v.suffix);
  }
  return std::string(prefix) + std::to_string(number);
}

std::string EnumType::Suffixes() const {
  std::string out;
  for (const EnumValue& v : values) {
    if (!out.empty()) out += ", ";
    out += v.suffix;
  }
  return out;
}

const EnumType& GenderEnum() {
  static const EnumType* e = new EnumType{"GENDER_", {{"UNSPECIFIED", 0}, {"FEMALE", 1}, {"MALE", 2}}};
  return *e;
}

const EnumType& MaritalStatusEnum() {
  static const EnumType* e = new EnumType{
      "MARITAL_STATUS_",
      {{"UNSPECIFIED", 0}, {"SINGLE", 1}, {"MARRIED", 2}, {"DIVORCED", 3}, {"WIDOWED", 4}}};
  return *e;
}

const EnumType& IncomeBandEnum() {
  static const EnumType* e = new EnumType{"INCOME_BAND_",
                                          {{"UNSPECIFIED", 0},
                                           {"LOW", 1},
                                           {"LOWER_MIDDLE", 2},
                                           {"MIDDLE", 3},
                                           {"UPPER_MIDDLE", 4},
                                           {"HIGH", 5},
                                           {"VERY_HIGH", 6}}};
  return *e;
}

const EnumType& CustomerKindEnum() {
  static const EnumType* e = new EnumType{"CUSTOMER_KIND_", {{"UNSPECIFIED", 0}, {"B2C", 1}, {"B2B", 2}}};
  return *e;
}

const EnumType& VipTierEnum() {
  static const EnumType* e = new EnumType{
      "VIP_TIER_",
      {{"UNSPECIFIED", 0}, {"NONE", 1}, {"SILVER", 2}, {"GOLD", 3}, {"PLATINUM", 4}, {"DIAMOND", 5}}};
  return *e;
}

const EnumType& ContactPointTypeEnum() {
  static const EnumType* e =
      new EnumType{"CONTACT_POINT_TYPE_", {{"MOBILE", 1}, {"FIXED_LINE", 2}, {"EMAIL", 3}}};
  return *e;
}

const EnumType& ContactPointStatusEnum() {
  static const EnumType* e = new EnumType{"CONTACT_POINT_STATUS_",
                                          {{"UNVERIFIED", 1},
                                           {"VALID", 2},
                                           {"INVALID_NUMBER", 3},
                                           {"WRONG_PARTY", 4},
                                           {"DISCONNECTED", 5}}};
  return *e;
}

const EnumType& ConsentStateEnum() {
  static const EnumType* e = new EnumType{"", {{"GRANTED", 1}, {"WITHDRAWN", 2}, {"ABSENT", 3}}};
  return *e;
}

const std::vector<FieldInfo>& FixedFields() {
  static const std::vector<FieldInfo>* fields = new std::vector<FieldInfo>{
      {FieldId::kCustomerId, "customer_id", FieldType::kString},
      {FieldId::kRegionId, "region_id", FieldType::kString},
      {FieldId::kExternalId, "external_id", FieldType::kString},
      {FieldId::kOccupation, "occupation", FieldType::kString},
      {FieldId::kCompanyName, "company_name", FieldType::kString},
      {FieldId::kGender, "gender", FieldType::kEnum, &GenderEnum()},
      {FieldId::kMaritalStatus, "marital_status", FieldType::kEnum, &MaritalStatusEnum()},
      {FieldId::kIncomeBand, "income_band", FieldType::kEnum, &IncomeBandEnum(), true},
      {FieldId::kKind, "kind", FieldType::kEnum, &CustomerKindEnum()},
      {FieldId::kVipTier, "vip_tier", FieldType::kEnum, &VipTierEnum(), true},
      {FieldId::kBirthYear, "birth_year", FieldType::kInteger, nullptr, true},
      {FieldId::kAge, "age", FieldType::kInteger, nullptr, true},
      {FieldId::kProvinceCode, "residence.province_code", FieldType::kString},
      {FieldId::kCityCode, "residence.city_code", FieldType::kString},
      {FieldId::kDistrictCode, "residence.district_code", FieldType::kString},
      {FieldId::kCreateTime, "create_time", FieldType::kTimestamp, nullptr, true},
      {FieldId::kUpdateTime, "update_time", FieldType::kTimestamp, nullptr, true},
  };
  return *fields;
}

const FieldInfo* FindFixedField(std::string_view name) {
  for (const FieldInfo& f : FixedFields()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

const std::vector<NamedNumber>& ConsentChannels() {
  static const std::vector<NamedNumber>* v = new std::vector<NamedNumber>{
      {"voice", 1}, {"sms", 2}, {"email", 3}, {"messaging_app", 4}, {"mail", 5}};
  return *v;
}

const std::vector<NamedNumber>& ConsentPurposes() {
  static const std::vector<NamedNumber>* v = new std::vector<NamedNumber>{
      {"marketing", 1}, {"service", 2}, {"survey", 3}, {"information_collection", 4}};
  return *v;
}

}  // namespace tmk::contacts::segment
