#include "services/contacts/api/imported_customer.h"

#include <google/protobuf/descriptor.h>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/contacts/api/attribute_mapping.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
namespace {

// Enum values by their name after `prefix` ("FEMALE" for GENDER_FEMALE), as the mapping gives
// them; 0 when empty.
template <class Enum>
Enum EnumOf(const google::protobuf::EnumDescriptor* descriptor, const std::string& prefix,
            const std::string& suffix) {
  if (suffix.empty()) return static_cast<Enum>(0);
  const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByName(prefix + suffix);
  return static_cast<Enum>(value ? value->number() : 0);
}

std::string SuffixOf(const google::protobuf::EnumDescriptor* descriptor, const std::string& prefix,
                     int number) {
  if (number == 0) return "";
  const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByNumber(number);
  return value ? value->name().substr(prefix.size()) : "";
}

ContactKind KindOf(v1::ContactPointType type) {
  return type == v1::CONTACT_POINT_TYPE_EMAIL        ? ContactKind::kEmail
         : type == v1::CONTACT_POINT_TYPE_FIXED_LINE ? ContactKind::kFixedLine
                                                     : ContactKind::kMobile;
}

}  // namespace

void FillImportedFields(const ImportedCustomer& in, v1::Customer& customer) {
  if (!in.display_name.empty()) customer.set_display_name(in.display_name);
  if (!in.gender.empty()) {
    customer.set_gender(EnumOf<v1::Gender>(v1::Gender_descriptor(), "GENDER_", in.gender));
  }
  if (!in.marital_status.empty()) {
    customer.set_marital_status(EnumOf<v1::MaritalStatus>(v1::MaritalStatus_descriptor(),
                                                          "MARITAL_STATUS_", in.marital_status));
  }
  if (!in.income_band.empty()) {
    customer.set_income_band(
        EnumOf<v1::IncomeBand>(v1::IncomeBand_descriptor(), "INCOME_BAND_", in.income_band));
  }
  if (!in.kind.empty()) {
    customer.set_kind(EnumOf<telemarketing::common::v1::CustomerKind>(
        telemarketing::common::v1::CustomerKind_descriptor(), "CUSTOMER_KIND_", in.kind));
  }
  if (!in.vip_tier.empty()) {
    customer.set_vip_tier(EnumOf<v1::VipTier>(v1::VipTier_descriptor(), "VIP_TIER_", in.vip_tier));
  }
  if (in.birth_year != 0) customer.set_birth_year(in.birth_year);
  telemarketing::common::v1::Address* residence = customer.mutable_residence();
  const google::protobuf::Reflection* reflection = residence->GetReflection();
  for (const auto& [field, value] : in.residence) {
    if (const auto* f = residence->GetDescriptor()->FindFieldByName(field)) {
      reflection->SetString(residence, f, value);
    }
  }
  if (!in.occupation.empty()) customer.set_occupation(in.occupation);
  if (!in.company_name.empty()) customer.set_company_name(in.company_name);
  if (!in.external_id.empty()) customer.set_external_id(in.external_id);
  for (const std::string& t : in.tags) customer.add_tags(t);
  for (const auto& [key, value] : in.attributes) {
    (*customer.mutable_custom_attributes())[key] = ToProto(value);
  }
}

void AddImportedPoints(const ImportedCustomer& row, const std::vector<size_t>& which,
                       const ImportStamp& stamp, const Clock& clock, v1::Customer& customer) {
  for (size_t i : which) {
    const NormalizedContact& n = row.normalized[i];
    v1::ContactPoint* p = customer.add_contact_points();
    p->set_contact_point_id(NewId(clock));
    p->set_type(n.kind == ContactKind::kEmail       ? v1::CONTACT_POINT_TYPE_EMAIL
                : n.kind == ContactKind::kFixedLine ? v1::CONTACT_POINT_TYPE_FIXED_LINE
                                                    : v1::CONTACT_POINT_TYPE_MOBILE);
    p->set_value(row.contact_points[i].value);
    p->set_normalized_value(n.normalized);
    p->set_status(v1::CONTACT_POINT_STATUS_UNVERIFIED);
    p->set_source(stamp.point_source);
    p->set_primary(customer.contact_points_size() == 1);
    *p->mutable_create_time() = grpcx::ToProtoTime(stamp.now);
  }
}

v1::Customer NewImportedCustomer(const ImportedCustomer& row, const ImportStamp& stamp,
                                 HybridLogicalClock& hlc, const Clock& clock) {
  v1::Customer customer;
  customer.set_customer_id(NewId(clock));
  customer.set_region_id(stamp.region);
  FillImportedFields(row, customer);
  customer.set_source(stamp.customer_source);
  *customer.mutable_create_time() = grpcx::ToProtoTime(stamp.now);
  *customer.mutable_update_time() = grpcx::ToProtoTime(stamp.now);
  customer.set_etag(absl::StrCat(UnixMillis(stamp.now)));
  *customer.mutable_hlc() = grpcx::ToProtoHlc(hlc.Now());
  std::vector<size_t> all(row.contact_points.size());
  for (size_t i = 0; i < all.size(); ++i) all[i] = i;
  AddImportedPoints(row, all, stamp, clock, customer);
  return customer;
}

ImportedCustomer ImportedFieldsOf(const v1::Customer& c) {
  ImportedCustomer out;
  out.display_name = c.display_name();
  out.gender = SuffixOf(v1::Gender_descriptor(), "GENDER_", c.gender());
  out.marital_status = SuffixOf(v1::MaritalStatus_descriptor(), "MARITAL_STATUS_", c.marital_status());
  out.income_band = SuffixOf(v1::IncomeBand_descriptor(), "INCOME_BAND_", c.income_band());
  out.kind = SuffixOf(telemarketing::common::v1::CustomerKind_descriptor(), "CUSTOMER_KIND_", c.kind());
  out.vip_tier = SuffixOf(v1::VipTier_descriptor(), "VIP_TIER_", c.vip_tier());
  out.birth_year = c.birth_year();
  const telemarketing::common::v1::Address& residence = c.residence();
  const google::protobuf::Reflection* reflection = residence.GetReflection();
  for (int i = 0; i < residence.GetDescriptor()->field_count(); ++i) {
    const auto* f = residence.GetDescriptor()->field(i);
    if (f->type() == google::protobuf::FieldDescriptor::TYPE_STRING) {
      out.residence[f->name()] = reflection->GetString(residence, f);
    }
  }
  out.occupation = c.occupation();
  out.company_name = c.company_name();
  out.external_id = c.external_id();
  out.tags.assign(c.tags().begin(), c.tags().end());
  for (const auto& [key, value] : c.custom_attributes()) out.attributes.emplace_back(key, AttributeCell{});
  for (const v1::ContactPoint& p : c.contact_points()) {
    out.contact_points.push_back({KindOf(p.type()), p.value()});
    out.normalized.push_back({KindOf(p.type()), p.normalized_value()});
  }
  return out;
}

}  // namespace tmk::contacts
