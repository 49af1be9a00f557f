// Interactions attached to a customer (R4): one attachment per (kind, reference_id), listed newest
// first page by page, filtered by kind.
#include "services/contacts/store/interaction_store.h"

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

class InteractionStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
    v1::Customer c;
    c.set_customer_id(customer_id_);
    c.set_region_id("gd");
    c.set_display_name("周敏");
    c.set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    c.mutable_create_time()->set_seconds(1'790'000'000);
    ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       CustomerStore(TestCipher()).Insert(tx, c, "", "");
                       return absl::OkStatus();
                     }).ok());
  }

  v1::Interaction At(v1::InteractionKind kind, const std::string& reference, int minute) {
    v1::Interaction i;
    i.set_interaction_id(NewId());
    i.set_customer_id(customer_id_);
    i.set_kind(kind);
    i.set_reference_id(reference);
    i.set_service(kind == v1::INTERACTION_KIND_RECORDING ? "recording" : "dialing");
    i.set_region_id("gd");
    i.set_call_id("call-" + reference);
    TimeUtil::FromString("2026-06-01T10:" + std::to_string(10 + minute) + ":00Z",
                         i.mutable_occur_time());
    i.set_summary("REACHED");
    *i.mutable_create_time() = i.occur_time();
    return i;
  }

  bool Insert(const v1::Interaction& i) {
    bool inserted = false;
    EXPECT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       inserted = store_.Insert(tx, i);
                       return absl::OkStatus();
                     }).ok());
    return inserted;
  }

  std::vector<std::string> Page(const std::vector<int>& kinds,
                                const std::optional<InteractionStore::Cursor>& after, int limit) {
    std::vector<std::string> refs;
    EXPECT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       for (const v1::Interaction& i :
                            store_.List(tx, customer_id_, kinds, after, limit)) {
                         refs.push_back(i.reference_id());
                       }
                       return absl::OkStatus();
                     }).ok());
    return refs;
  }

  std::string customer_id_ = NewId();
  InteractionStore store_;
};

TEST_F(InteractionStoreTest, TheSameReferenceIsAttachedOnce) {
  v1::Interaction first = At(v1::INTERACTION_KIND_CALL, "c1", 0);
  EXPECT_TRUE(Insert(first));
  EXPECT_FALSE(Insert(At(v1::INTERACTION_KIND_CALL, "c1", 5)));
  // Another kind with the same id is another reference.
  EXPECT_TRUE(Insert(At(v1::INTERACTION_KIND_RECORDING, "c1", 1)));
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     std::optional<v1::Interaction> found =
                         store_.FindByReference(tx, v1::INTERACTION_KIND_CALL, "c1");
                     EXPECT_TRUE(found.has_value());
                     if (found) {
                       EXPECT_EQ(found->interaction_id(), first.interaction_id());
                       EXPECT_EQ(found->occur_time(), first.occur_time());
                       EXPECT_EQ(found->call_id(), "call-c1");
                       EXPECT_EQ(found->summary(), "REACHED");
                     }
                     return absl::OkStatus();
                   }).ok());
}

TEST_F(InteractionStoreTest, ListsNewestFirstByPagesAndKinds) {
  std::vector<v1::Interaction> all;
  for (int m = 0; m < 5; ++m) {
    all.push_back(At(m % 2 == 0 ? v1::INTERACTION_KIND_CALL : v1::INTERACTION_KIND_ORDER,
                     "r" + std::to_string(m), m));
    ASSERT_TRUE(Insert(all.back()));
  }
  EXPECT_EQ(Page({}, std::nullopt, 3), (std::vector<std::string>{"r4", "r3", "r2"}));
  InteractionStore::Cursor after{TimeUtil::ToString(all[2].occur_time()),
                                 all[2].interaction_id()};
  EXPECT_EQ(Page({}, after, 3), (std::vector<std::string>{"r1", "r0"}));
  EXPECT_EQ(Page({v1::INTERACTION_KIND_ORDER}, std::nullopt, 10),
            (std::vector<std::string>{"r3", "r1"}));
  EXPECT_EQ(Page({v1::INTERACTION_KIND_CALL, v1::INTERACTION_KIND_ORDER}, after, 1),
            (std::vector<std::string>{"r1"}));
}

}  // namespace
}  // namespace tmk::contacts
