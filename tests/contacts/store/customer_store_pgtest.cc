// A customer stored through CustomerStore is found by segment filters on every targeting attribute
// (R1, R8): the columns segments read are written by the same insert as the record.
#include "services/contacts/store/customer_store.h"

#include <google/protobuf/util/message_differencer.h>

#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/pg/migration.h"
#include "services/contacts/domain/segment_filter.h"
#include "services/contacts/store/segment_store.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

namespace v1 = telemarketing::contacts::v1;

class CustomerStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ASSERT_TRUE(pg::ApplyMigrations(*pool_, events::EventTableMigrations()).ok());
    ASSERT_TRUE(pg::ApplyMigrations(*pool_, Migrations()).ok());
  }

  v1::Customer Customer() {
    v1::Customer c;
    c.set_customer_id(NewId());
    c.set_region_id("gd");
    c.set_display_name("赵磊");
    c.set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2B);
    c.set_company_name("广州数据有限公司");
    c.set_marital_status(v1::MARITAL_STATUS_MARRIED);
    c.set_income_band(v1::INCOME_BAND_HIGH);
    c.set_occupation("engineer");
    c.mutable_residence()->set_district_code("440106");
    (*c.mutable_custom_attributes())["broadband_mbps"].set_int_value(500);
    (*c.mutable_custom_attributes())["plan"].set_string_value("family-plus");
    (*c.mutable_custom_attributes())["roaming"].set_bool_value(true);
    c.mutable_create_time()->set_seconds(1'790'000'000);
    return c;
  }

  long long Matches(const std::string& filter) {
    segment::ParseResult parsed = segment::ParseSegmentFilter(filter);
    EXPECT_TRUE(parsed.ok()) << filter << ": " << parsed.error.message;
    absl::StatusOr<SqlCondition> condition =
        CompileSegmentFilter(parsed.root, "2026-11-24T00:00:00Z");
    EXPECT_TRUE(condition.ok()) << condition.status();
    long long count = -1;
    EXPECT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       count = SegmentStore().CountMatches(tx, *condition);
                       return absl::OkStatus();
                     }).ok());
    return count;
  }
};

TEST_F(CustomerStoreTest, EveryTargetingAttributeIsVisibleToSegmentFilters) {
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     CustomerStore().Insert(tx, Customer(), "", "");
                     return absl::OkStatus();
                   }).ok());
  EXPECT_EQ(Matches("marital_status = MARRIED"), 1);
  EXPECT_EQ(Matches("income_band = HIGH"), 1);
  EXPECT_EQ(Matches("occupation = \"engineer\""), 1);
  EXPECT_EQ(Matches("residence.district_code = \"440106\""), 1);
  EXPECT_EQ(Matches("company_name = \"广州数据有限公司\""), 1);
  EXPECT_EQ(Matches("attr.broadband_mbps >= 300"), 1);
  EXPECT_EQ(Matches("attr.plan = \"family-plus\" AND attr.roaming = true"), 1);
  EXPECT_EQ(Matches("marital_status = SINGLE OR attr.broadband_mbps < 300"), 0);
}

TEST_F(CustomerStoreTest, FindReturnsWhatWasInserted) {
  v1::Customer stored = Customer();
  v1::ContactPoint* phone = stored.add_contact_points();
  phone->set_contact_point_id(NewId());
  phone->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
  phone->set_value("139 2000 1234");
  phone->set_normalized_value("+8613920001234");
  phone->set_status(v1::CONTACT_POINT_STATUS_VALID);
  phone->mutable_create_time()->set_seconds(1'790'000'000);
  std::optional<v1::Customer> found;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     CustomerStore().Insert(tx, stored, "req-1", "fingerprint");
                     found = CustomerStore().Find(tx, stored.customer_id());
                     return absl::OkStatus();
                   }).ok());
  ASSERT_TRUE(found.has_value());
  // Compared as messages: map fields have no defined serialisation order.
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*found, stored))
      << found->DebugString() << "\n!=\n" << stored.DebugString();
}

}  // namespace
}  // namespace tmk::contacts
