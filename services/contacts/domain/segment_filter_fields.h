#pragma once
// The fields and enum values the segment filter language knows (R1, R2, R6, R8), as plain tables:
// the domain ring has no protobuf, so the numbers here mirror customer.proto, sales.proto and
// channel.proto (segment_store_pgtest checks that they still do).
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace tmk::contacts::segment {

// One enum of the contracts: its value prefix ("VIP_TIER_") and its named values.
struct EnumValue {
  std::string_view suffix;  // "GOLD"
  int number;
};
struct EnumType {
  std::string_view prefix;  // "VIP_TIER_"
  std::vector<EnumValue> values;

  // Accepts the full name ("VIP_TIER_GOLD") or the suffix ("GOLD"), exactly as spelled.
  std::optional<int> Find(std::string_view name) const;
  // The full name of a value number ("VIP_TIER_GOLD").
  std::string FullName(int number) const;
  // "NONE, SILVER, GOLD, …" for error messages.
  std::string Suffixes() const;
};

const EnumType& GenderEnum();
const EnumType& MaritalStatusEnum();
const EnumType& IncomeBandEnum();
const EnumType& CustomerKindEnum();
const EnumType& VipTierEnum();
const EnumType& ContactPointTypeEnum();
const EnumType& ContactPointStatusEnum();
const EnumType& ConsentStateEnum();  // GRANTED | WITHDRAWN | ABSENT (filter-only, no prefix)

// The fields a comparison or membership may name.
enum class FieldId {
  kCustomerId,
  kRegionId,
  kExternalId,
  kOccupation,
  kCompanyName,
  kGender,
  kMaritalStatus,
  kIncomeBand,
  kKind,
  kVipTier,
  kBirthYear,
  kAge,
  kProvinceCode,
  kCityCode,
  kDistrictCode,
  kCreateTime,
  kUpdateTime,
  kAttribute,  // attr.<key>
  kConsent,    // consent.<channel>.<purpose>
};

enum class FieldType { kString, kEnum, kInteger, kTimestamp, kAttribute, kConsent };

struct FieldInfo {
  FieldId id;
  std::string_view name;  // as written in filters, e.g. "residence.city_code"
  FieldType type;
  const EnumType* enum_type = nullptr;  // for kEnum and kConsent
  bool ordered = false;                 // whether < <= > >= apply
};

// The fixed fields (not attr.* or consent.*), in documentation order.
const std::vector<FieldInfo>& FixedFields();
const FieldInfo* FindFixedField(std::string_view name);

// Consent channels and purposes as they appear in consent.<channel>.<purpose>, lower-case, with
// the numbers of telemarketing.common.v1.ContactChannel / ContactPurpose.
struct NamedNumber {
  std::string_view name;
  int number;
};
const std::vector<NamedNumber>& ConsentChannels();
const std::vector<NamedNumber>& ConsentPurposes();

}  // namespace tmk::contacts::segment
