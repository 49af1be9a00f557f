#include "services/contacts/api/customer_mapping.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;

ContactKind ToContactKind(v1::ContactPointType type) {
  switch (type) {
    case v1::CONTACT_POINT_TYPE_MOBILE: return ContactKind::kMobile;
    case v1::CONTACT_POINT_TYPE_FIXED_LINE: return ContactKind::kFixedLine;
    case v1::CONTACT_POINT_TYPE_EMAIL: return ContactKind::kEmail;
    default: return ContactKind::kUnspecified;
  }
}

v1::ContactPointType ToProto(ContactKind kind) {
  switch (kind) {
    case ContactKind::kMobile: return v1::CONTACT_POINT_TYPE_MOBILE;
    case ContactKind::kFixedLine: return v1::CONTACT_POINT_TYPE_FIXED_LINE;
    case ContactKind::kEmail: return v1::CONTACT_POINT_TYPE_EMAIL;
    case ContactKind::kUnspecified: break;
  }
  return v1::CONTACT_POINT_TYPE_UNSPECIFIED;
}

NewCustomer ToNewCustomer(const v1::Customer& c) {
  NewCustomer n;
  n.customer_id = c.customer_id();
  n.region_id = c.region_id();
  n.display_name = c.display_name();
  n.kind = c.kind() == common::CUSTOMER_KIND_B2C   ? NewCustomer::Kind::kB2c
           : c.kind() == common::CUSTOMER_KIND_B2B ? NewCustomer::Kind::kB2b
                                               : NewCustomer::Kind::kUnspecified;
  n.company_name = c.company_name();
  n.birth_year = c.birth_year();
  n.tags.assign(c.tags().begin(), c.tags().end());
  for (const auto& [key, value] : c.custom_attributes()) n.attribute_keys.push_back(key);
  for (const v1::ContactPoint& p : c.contact_points()) {
    n.contact_points.push_back({ToContactKind(p.type()), p.value()});
  }
  return n;
}

void MaskContactPoints(v1::Customer& customer) {
  for (v1::ContactPoint& p : *customer.mutable_contact_points()) {
    if (p.type() == v1::CONTACT_POINT_TYPE_EMAIL) continue;
    std::string masked = MaskPhone(p.normalized_value());
    p.set_value(masked);
    p.set_normalized_value(masked);
    p.set_masked(true);
  }
}

}  // namespace tmk::contacts
