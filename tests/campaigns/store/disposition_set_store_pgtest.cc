// Disposition sets on a real PostgreSQL (R11, R12): records round-trip, listing pages newest
// first, ids that are not UUIDs are simply not found, and request records make mutations
// idempotent.
#include "services/campaigns/store/disposition_set_store.h"

#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include "services/common/core/uuid.h"
#include "services/common/pg/migration.h"
#include "tests/support/pg_fixture.h"

namespace tmk::campaigns {
std::vector<pg::Migration> Migrations();  // generated from services/campaigns/migrations
}

namespace tmk::campaigns {
namespace {

namespace v1 = telemarketing::campaigns::v1;
using google::protobuf::util::MessageDifferencer;
using google::protobuf::util::TimeUtil;

class DispositionSetStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  v1::DispositionSet NewSet(const std::string& name) {
    v1::DispositionSet set;
    set.set_disposition_set_id(NewId());
    set.set_display_name(name);
    v1::Disposition* d = set.add_dispositions();
    d->set_code("INTERESTED_2D");
    d->set_display_name("Interested");
    d->set_outcome(telemarketing::common::v1::CALL_OUTCOME_REACHED);
    d->set_intention_class(telemarketing::common::v1::INTENTION_CLASS_INTERESTED);
    d->set_effect(v1::SCHEDULING_EFFECT_CADENCE);
    *set.mutable_create_time() = TimeUtil::SecondsToTimestamp(1'780'000'000);
    *set.mutable_update_time() = set.create_time();
    set.set_revision(1);
    return set;
  }

  DispositionSetStore store_;
};

TEST_F(DispositionSetStoreTest, InsertsFindsUpdatesAndDeletes) {
  v1::DispositionSet set = NewSet("Broadband");
  ASSERT_TRUE(Run([&](pqxx::work& tx) { store_.Insert(tx, set); }).ok());
  std::optional<v1::DispositionSet> found;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { found = store_.Find(tx, set.disposition_set_id()); }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(MessageDifferencer::Equals(*found, set)) << found->DebugString();

  set.mutable_dispositions(0)->set_retired(true);
  set.set_revision(2);
  *set.mutable_update_time() = TimeUtil::SecondsToTimestamp(1'780'000'100);
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                auto locked = store_.FindForUpdate(tx, set.disposition_set_id());
                ASSERT_TRUE(locked.has_value());
                EXPECT_EQ(locked->revision(), 1);
                store_.Update(tx, set);
              }).ok());
  ASSERT_TRUE(Run([&](pqxx::work& tx) { found = store_.Find(tx, set.disposition_set_id()); }).ok());
  EXPECT_EQ(found->revision(), 2);
  EXPECT_TRUE(found->dispositions(0).retired());
  EXPECT_EQ(Scalar("SELECT revision FROM disposition_sets"), "2");

  ASSERT_TRUE(Run([&](pqxx::work& tx) { store_.Delete(tx, set.disposition_set_id()); }).ok());
  ASSERT_TRUE(Run([&](pqxx::work& tx) { found = store_.Find(tx, set.disposition_set_id()); }).ok());
  EXPECT_FALSE(found.has_value());
}

TEST_F(DispositionSetStoreTest, UnknownAndMalformedIdsAreNotFound) {
  std::optional<v1::DispositionSet> unknown = NewSet("x"), malformed = NewSet("x");
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                unknown = store_.Find(tx, NewId());
                malformed = store_.FindForUpdate(tx, "not-a-uuid");
              }).ok());
  EXPECT_FALSE(unknown.has_value());
  EXPECT_FALSE(malformed.has_value());
}

TEST_F(DispositionSetStoreTest, ListsNewestFirstInPages) {
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    v1::DispositionSet set = NewSet("set " + std::to_string(i));
    ids.push_back(set.disposition_set_id());
    ASSERT_TRUE(Run([&](pqxx::work& tx) { store_.Insert(tx, set); }).ok());
  }
  std::vector<std::string> seen;
  std::string after;
  for (int page = 0; page < 3; ++page) {
    std::vector<v1::DispositionSet> sets;
    ASSERT_TRUE(Run([&](pqxx::work& tx) { sets = store_.List(tx, after, 2); }).ok());
    for (const v1::DispositionSet& s : sets) seen.push_back(s.disposition_set_id());
    if (sets.empty()) break;
    after = sets.back().disposition_set_id();
  }
  EXPECT_EQ(seen, std::vector<std::string>(ids.rbegin(), ids.rend()));
}

TEST_F(DispositionSetStoreTest, RemembersRequestsByVerb) {
  const std::string id = NewId();
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                store_.SaveRequest(tx, "create", "req-1", {id, "fp-1"});
              }).ok());
  std::optional<DispositionSetStore::RequestRecord> create, update;
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                create = store_.FindRequest(tx, "create", "req-1");
                update = store_.FindRequest(tx, "update", "req-1");
              }).ok());
  ASSERT_TRUE(create.has_value());
  EXPECT_EQ(create->disposition_set_id, id);
  EXPECT_EQ(create->fingerprint, "fp-1");
  EXPECT_FALSE(update.has_value());
  absl::Status again = Run([&](pqxx::work& tx) {
    store_.SaveRequest(tx, "create", "req-1", {NewId(), "fp-2"});
  });
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists) << again;
}

}  // namespace
}  // namespace tmk::campaigns
