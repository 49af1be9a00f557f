// What list screening records on a contact point (R2) is stored with it: status, why, when and by
// which call, and the agent's label (R3); a screened-out number leaves the callable set the
// segment evaluation reads (callable_contact_points), and an update keeps every other point as it
// was.
#include <google/protobuf/util/time_util.h>

#include "services/common/core/uuid.h"
#include "services/common/pg/migration.h"
#include "services/contacts/store/customer_store.h"
#include "tests/contacts/store/test_cipher.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

class ContactPointScreeningTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  static v1::ContactPoint Phone(const std::string& value, const std::string& normalized) {
    v1::ContactPoint p;
    p.set_contact_point_id(NewId());
    p.set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    p.set_value(value);
    p.set_normalized_value(normalized);
    p.set_status(v1::CONTACT_POINT_STATUS_UNVERIFIED);
    p.set_source("api");
    p.mutable_create_time()->set_seconds(1'790'000'000);
    return p;
  }

  v1::Customer Stored() {
    v1::Customer c;
    EXPECT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       c = *store_.Find(tx, customer_.customer_id());
                       return absl::OkStatus();
                     }).ok());
    return c;
  }

  std::string CallableCount() {
    // Service purpose (2) on voice: needs no grant, so only list screening and DNC decide.
    return Scalar("SELECT count(*) FROM callable_contact_points(2::smallint, 1::smallint, '',"
                  " now())");
  }

  CustomerStore store_{TestCipher()};
  v1::Customer customer_;
};

TEST_F(ContactPointScreeningTest, ScreeningFactsRoundTripAndTakeTheNumberOutOfTheCallableSet) {
  customer_.set_customer_id(NewId());
  customer_.set_region_id("gd");
  customer_.set_display_name("吴强");
  customer_.set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
  customer_.mutable_create_time()->set_seconds(1'790'000'000);
  *customer_.add_contact_points() = Phone("138 1234 5678", "+8613812345678");
  *customer_.add_contact_points() = Phone("139 2000 1234", "+8613920001234");
  customer_.mutable_contact_points(1)->set_label("spouse");
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     store_.Insert(tx, customer_, "", "");
                     return absl::OkStatus();
                   }).ok());
  EXPECT_EQ(Stored().contact_points(1).label(), "spouse");
  EXPECT_FALSE(Stored().contact_points(0).has_status_update_time());
  EXPECT_EQ(CallableCount(), "2");

  v1::Customer screened = Stored();
  v1::ContactPoint& wrong = *screened.mutable_contact_points(0);
  wrong.set_status(v1::CONTACT_POINT_STATUS_WRONG_PARTY);
  wrong.set_status_reason("call outcome WRONG_PARTY");
  wrong.set_status_call_id("call-77");
  TimeUtil::FromString("2026-06-01T12:00:00.250Z", wrong.mutable_status_update_time());
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     store_.Update(tx, screened);
                     return absl::OkStatus();
                   }).ok());

  v1::Customer after = Stored();
  ASSERT_EQ(after.contact_points_size(), 2);
  const v1::ContactPoint& p = after.contact_points(0);
  EXPECT_EQ(p.status(), v1::CONTACT_POINT_STATUS_WRONG_PARTY);
  EXPECT_EQ(p.status_reason(), "call outcome WRONG_PARTY");
  EXPECT_EQ(p.status_call_id(), "call-77");
  EXPECT_EQ(TimeUtil::ToString(p.status_update_time()), "2026-06-01T12:00:00.250Z");
  EXPECT_EQ(p.normalized_value(), "+8613812345678");
  EXPECT_EQ(after.contact_points(1).label(), "spouse");
  EXPECT_EQ(after.contact_points(1).status(), v1::CONTACT_POINT_STATUS_UNVERIFIED);
  EXPECT_EQ(CallableCount(), "1");
}

}  // namespace
}  // namespace tmk::contacts
