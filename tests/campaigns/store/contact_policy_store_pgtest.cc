// The region's contact policy on a real PostgreSQL (R10, R20): the defaults until one is stored,
// one row per region, and compare-and-set saves that refuse a stale revision.
#include "services/campaigns/store/contact_policy_store.h"

#include <gtest/gtest.h>

#include "services/campaigns/domain/contact_policy.h"
#include "services/campaigns/store/calling_windows_mapping.h"
#include "services/common/pg/migration.h"
#include "tests/support/pg_fixture.h"

namespace tmk::campaigns {
std::vector<pg::Migration> Migrations();  // generated from services/campaigns/migrations
}

namespace tmk::campaigns {
namespace {

namespace v1 = telemarketing::campaigns::v1;
using calendar::DayOfWeek;
using calendar::kWeek;
using calendar::WeekSchedule;
constexpr char kAt[] = "2026-06-01T00:00:00Z";

class ContactPolicyStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  v1::ContactPolicy Get(const std::string& region) {
    v1::ContactPolicy policy;
    absl::Status status = pool_->Transact([&](pqxx::work& tx) {
      policy = store_.Get(tx, region);
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return policy;
  }

  bool Save(const v1::ContactPolicy& policy, long long expected) {
    bool saved = false;
    absl::Status status = pool_->Transact([&](pqxx::work& tx) {
      saved = store_.Save(tx, policy, expected, kAt);
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return saved;
  }

  ContactPolicyStore store_;
};

TEST_F(ContactPolicyStoreTest, AnswersTheDefaultsUntilAPolicyIsStored) {
  v1::ContactPolicy policy = Get("gd");
  EXPECT_EQ(policy.region_id(), "gd");
  EXPECT_EQ(policy.revision(), 0);
  ContactPolicy domain = ToDomain(policy);
  WeekSchedule legal = WeekSchedule::Of(domain.legal_bounds);
  for (DayOfWeek day : kWeek) EXPECT_EQ(legal.Describe(day), "08:00-21:00") << DayName(day);
  ASSERT_EQ(domain.default_windows.size(), 2u);
  EXPECT_EQ(WeekSchedule::Of(domain.default_windows[0].weekly).Describe(DayOfWeek::kSaturday),
            "10:00-20:00");
  EXPECT_EQ(WeekSchedule::Of(domain.default_windows[1].weekly).Describe(DayOfWeek::kMonday),
            "09:00-12:00, 14:00-17:30");
  EXPECT_EQ(Scalar("SELECT count(*) FROM contact_policies"), "0");
}

TEST_F(ContactPolicyStoreTest, SavesWithCompareAndSet) {
  v1::ContactPolicy policy = Get("gd");
  policy.mutable_frequency_cap()->set_max_calls_per_day(2);
  policy.set_revision(1);
  EXPECT_TRUE(Save(policy, 0));
  EXPECT_EQ(Get("gd").frequency_cap().max_calls_per_day(), 2);
  EXPECT_EQ(Get("gd").revision(), 1);

  // A second first-time writer, and a writer holding a stale revision, change nothing.
  v1::ContactPolicy late = policy;
  late.mutable_frequency_cap()->set_max_calls_per_day(9);
  EXPECT_FALSE(Save(late, 0));
  policy.set_revision(2);
  policy.mutable_frequency_cap()->set_max_calls_per_day(3);
  EXPECT_TRUE(Save(policy, 1));
  late.set_revision(2);
  EXPECT_FALSE(Save(late, 1));
  EXPECT_EQ(Get("gd").frequency_cap().max_calls_per_day(), 3);
  EXPECT_EQ(Get("gd").revision(), 2);
}

TEST_F(ContactPolicyStoreTest, KeepsOnePolicyPerRegion) {
  v1::ContactPolicy gd = Get("gd");
  gd.mutable_frequency_cap()->set_max_calls_per_week(4);
  gd.set_revision(1);
  ASSERT_TRUE(Save(gd, 0));
  v1::ContactPolicy hn = Get("hn");
  EXPECT_EQ(hn.revision(), 0);
  EXPECT_EQ(hn.frequency_cap().max_calls_per_week(), 0);
  EXPECT_EQ(hn.region_id(), "hn");
}

TEST_F(ContactPolicyStoreTest, RemembersRequests) {
  absl::Status saved = pool_->Transact([&](pqxx::work& tx) {
    store_.SaveRequest(tx, "r1", {"gd", "fp"});
    return absl::OkStatus();
  });
  ASSERT_TRUE(saved.ok()) << saved;
  std::optional<ContactPolicyStore::RequestRecord> found, missing;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     found = store_.FindRequest(tx, "r1");
                     missing = store_.FindRequest(tx, "r2");
                     return absl::OkStatus();
                   })
                  .ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->region_id, "gd");
  EXPECT_EQ(found->fingerprint, "fp");
  EXPECT_FALSE(missing.has_value());
}

}  // namespace
}  // namespace tmk::campaigns
