// A customer as its owner shares it with other regions (R5, R6, R32): the sharing policy walked
// over the whole Customer message — masked names and numbers, withheld children of a message,
// personal custom attributes, contact points that keep their ids and statuses whatever the
// policy says, and the lists a replica reads.
#include "services/contacts/api/customer_sharing.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace tmk::contacts {
namespace {

namespace v1 = telemarketing::contacts::v1;

bool Has(const google::protobuf::RepeatedPtrField<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

v1::Customer Customer() {
  v1::Customer c;
  c.set_customer_id("0190a3b4-0000-7000-8000-000000000001");
  c.set_region_id("gd");
  c.set_display_name("王小明");
  c.set_birth_year(1985);
  c.set_occupation("teacher");
  c.set_external_id("crm-1");
  c.mutable_residence()->set_city_code("4403");
  c.mutable_residence()->set_street_address("深南大道 1 号");
  c.mutable_residence()->set_postal_code("518000");
  (*c.mutable_custom_attributes())["plan"].set_string_value("family-plus");
  (*c.mutable_custom_attributes())["id_card"].set_string_value("440301198501010011");
  (*c.mutable_custom_attributes())["bill"].set_int_value(188);
  v1::ContactPoint* phone = c.add_contact_points();
  phone->set_contact_point_id("p1");
  phone->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
  phone->set_value("138 0013 8000");
  phone->set_normalized_value("+8613800138000");
  phone->set_status(v1::CONTACT_POINT_STATUS_WRONG_PARTY);
  phone->set_label("home");
  v1::ContactPoint* mail = c.add_contact_points();
  mail->set_contact_point_id("p2");
  mail->set_type(v1::CONTACT_POINT_TYPE_EMAIL);
  mail->set_value("Wang@Example.com");
  mail->set_normalized_value("wang@example.com");
  return c;
}

TEST(CustomerSharingTest, DefaultPolicyMasksIdentifiersAndWithholdsAddressDetails) {
  v1::Customer shared = ShareCustomer(Customer(), DefaultSharingPolicy(), {"id_card"});
  EXPECT_EQ(shared.customer_id(), "0190a3b4-0000-7000-8000-000000000001");
  EXPECT_EQ(shared.region_id(), "gd");
  EXPECT_EQ(shared.display_name(), "王**");
  EXPECT_EQ(shared.occupation(), "teacher");
  EXPECT_EQ(shared.birth_year(), 1985);
  EXPECT_EQ(shared.residence().city_code(), "4403");
  EXPECT_EQ(shared.residence().street_address(), "");
  EXPECT_EQ(shared.residence().postal_code(), "");
  EXPECT_EQ(shared.external_id(), "");
  EXPECT_EQ(shared.custom_attributes().at("plan").string_value(), "family-plus");
  EXPECT_EQ(shared.custom_attributes().count("id_card"), 0u);  // personal: withheld
  EXPECT_EQ(shared.custom_attributes().at("bill").int_value(), 188);
  EXPECT_TRUE(Has(shared.masked_fields(), "display_name"));
  EXPECT_TRUE(Has(shared.masked_fields(), "contact_points"));
  EXPECT_TRUE(Has(shared.withheld_fields(), "residence.street_address"));
  EXPECT_TRUE(Has(shared.withheld_fields(), "residence.postal_code"));
  EXPECT_TRUE(Has(shared.withheld_fields(), "external_id"));
  EXPECT_TRUE(Has(shared.withheld_fields(), "custom_attributes.id_card"));

  ASSERT_EQ(shared.contact_points_size(), 2);
  const v1::ContactPoint& phone = shared.contact_points(0);
  EXPECT_EQ(phone.contact_point_id(), "p1");
  EXPECT_EQ(phone.status(), v1::CONTACT_POINT_STATUS_WRONG_PARTY);
  EXPECT_EQ(phone.value(), "+86 138****8000");
  EXPECT_EQ(phone.normalized_value(), "+86138****8000");
  EXPECT_TRUE(phone.masked());
  EXPECT_EQ(phone.label(), "home");
  EXPECT_EQ(shared.contact_points(1).value(), "w***@example.com");
}

TEST(CustomerSharingTest, WithheldPointsKeepIdTypeAndStatusOnly) {
  SharingPolicy policy{{{"contact_points", SharingMode::kWithhold}}, SharingMode::kShare};
  v1::Customer shared = ShareCustomer(Customer(), policy, {});
  ASSERT_EQ(shared.contact_points_size(), 2);
  EXPECT_EQ(shared.contact_points(0).contact_point_id(), "p1");
  EXPECT_EQ(shared.contact_points(0).type(), v1::CONTACT_POINT_TYPE_MOBILE);
  EXPECT_EQ(shared.contact_points(0).status(), v1::CONTACT_POINT_STATUS_WRONG_PARTY);
  EXPECT_EQ(shared.contact_points(0).value(), "");
  EXPECT_EQ(shared.contact_points(0).normalized_value(), "");
  EXPECT_EQ(shared.contact_points(0).label(), "");
  EXPECT_TRUE(Has(shared.withheld_fields(), "contact_points"));
  EXPECT_EQ(shared.display_name(), "王小明");  // no rule: the default, SHARE
}

TEST(CustomerSharingTest, MaskByDefaultMasksStringsAndWithholdsOtherValues) {
  SharingPolicy policy{{{"residence.city_code", SharingMode::kShare}}, SharingMode::kMask};
  v1::Customer shared = ShareCustomer(Customer(), policy, {});
  EXPECT_EQ(shared.occupation(), "t******");
  EXPECT_EQ(shared.birth_year(), 0);
  EXPECT_TRUE(Has(shared.withheld_fields(), "birth_year"));
  EXPECT_EQ(shared.residence().city_code(), "4403");
  EXPECT_EQ(shared.residence().street_address(), "深*******");  // one star a code point
  EXPECT_TRUE(Has(shared.masked_fields(), "residence.street_address"));
  EXPECT_EQ(shared.custom_attributes().at("plan").string_value(), "f**********");
  EXPECT_EQ(shared.custom_attributes().count("bill"), 0u);
  EXPECT_EQ(shared.region_id(), "gd");  // always shared
}

TEST(CustomerSharingTest, PolicyConvertsToProto) {
  v1::SharingPolicy proto;
  ToProto(DefaultSharingPolicy(), proto);
  EXPECT_EQ(proto.default_mode(), v1::SHARING_MODE_SHARE);
  ASSERT_EQ(proto.rules_size(), 5);
  EXPECT_EQ(proto.rules(0).field_path(), "display_name");
  EXPECT_EQ(proto.rules(0).mode(), v1::SHARING_MODE_MASK);
  EXPECT_EQ(FromProto(v1::SHARING_MODE_WITHHOLD), SharingMode::kWithhold);
}

}  // namespace
}  // namespace tmk::contacts
