// The access audit log (R6): a call's entries go in with one statement, come back newest first
// through every filter and page, and are never edited.
#include "services/contacts/store/access_audit_store.h"

#include <gtest/gtest.h>
#include <google/protobuf/util/time_util.h>

#include "services/common/core/uuid.h"
#include "services/common/pg/migration.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

class AccessAuditStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  v1::AccessAuditEntry Entry(const std::string& customer_id, const std::string& actor,
                             int64_t seconds) {
    v1::AccessAuditEntry e;
    e.set_entry_id(NewId());
    e.set_customer_id(customer_id);
    e.mutable_actor()->set_actor_id(actor);
    e.mutable_actor()->set_region_id("gd");
    e.set_kind(v1::ACCESS_KIND_READ_UNMASKED);
    e.set_method("/telemarketing.contacts.v1.ContactsService/GetCustomer");
    e.add_revealed_fields("display_name");
    e.add_revealed_fields("contact_points");
    e.set_call_id("call-1");
    e.set_campaign_id("camp-1");
    e.set_reason("inbound call, customer asked for their plan");
    *e.mutable_access_time() = TimeUtil::SecondsToTimestamp(seconds);
    e.set_region_id("gd");
    e.set_peer("ipv4:10.0.0.7:50000");
    return e;
  }

  std::vector<AccessAuditStore::Listed> List(AccessAuditStore::Filter filter) {
    std::vector<AccessAuditStore::Listed> out;
    EXPECT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       out = store_.List(tx, filter);
                       return absl::OkStatus();
                     }).ok());
    return out;
  }

  AccessAuditStore store_;
};

TEST_F(AccessAuditStoreTest, AppendsACallsEntriesAndListsThemNewestFirstByFilter) {
  const std::string ann = NewId(), bob = NewId();
  std::vector<v1::AccessAuditEntry> batch = {Entry(ann, "sup-1", 1'790'000'000),
                                             Entry(bob, "sup-1", 1'790'000'000)};
  batch[1].clear_revealed_fields();
  std::vector<v1::AccessAuditEntry> later = {Entry(ann, "agent-7", 1'790'000'100)};
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     store_.Append(tx, batch, {"supervisor", "qa_analyst"});
                     store_.Append(tx, later, {"agent"});
                     store_.Append(tx, {}, {"agent"});
                     return absl::OkStatus();
                   }).ok());

  std::vector<AccessAuditStore::Listed> all = List({});
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].entry.entry_id(), later[0].entry_id());
  const AccessAuditStore::Listed& first = all[2];
  EXPECT_EQ(first.entry.entry_id(), batch[0].entry_id());
  EXPECT_EQ(first.entry.customer_id(), ann);
  EXPECT_EQ(first.entry.actor().actor_id(), "sup-1");
  EXPECT_EQ(first.entry.actor().region_id(), "gd");
  EXPECT_EQ(first.actor_roles, (std::vector<std::string>{"supervisor", "qa_analyst"}));
  EXPECT_EQ(first.entry.kind(), v1::ACCESS_KIND_READ_UNMASKED);
  EXPECT_EQ(first.entry.method(), "/telemarketing.contacts.v1.ContactsService/GetCustomer");
  EXPECT_EQ(std::vector<std::string>(first.entry.revealed_fields().begin(),
                                     first.entry.revealed_fields().end()),
            (std::vector<std::string>{"display_name", "contact_points"}));
  EXPECT_EQ(first.entry.call_id(), "call-1");
  EXPECT_EQ(first.entry.campaign_id(), "camp-1");
  EXPECT_EQ(first.entry.reason(), "inbound call, customer asked for their plan");
  EXPECT_EQ(first.entry.access_time().seconds(), 1'790'000'000);
  EXPECT_EQ(first.entry.peer(), "ipv4:10.0.0.7:50000");
  EXPECT_EQ(all[1].entry.revealed_fields_size(), 0);

  EXPECT_EQ(List({.customer_id = bob}).size(), 1u);
  EXPECT_EQ(List({.actor_id = "agent-7"}).size(), 1u);
  EXPECT_EQ(List({.start_time = "2026-09-21T14:14:00Z"}).size(), 1u);   // 1'790'000'040
  EXPECT_EQ(List({.end_time = "2026-09-21T14:14:00Z"}).size(), 2u);
  std::vector<AccessAuditStore::Listed> page = List({.limit = 2});
  ASSERT_EQ(page.size(), 2u);
  std::vector<AccessAuditStore::Listed> rest = List({.before_entry_id = page[1].entry.entry_id()});
  ASSERT_EQ(rest.size(), 1u);
  EXPECT_EQ(rest[0].entry.entry_id(), batch[0].entry_id());
}

TEST_F(AccessAuditStoreTest, EntriesAreNeverEdited) {
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     store_.Append(tx, {Entry(NewId(), "sup-1", 1'790'000'000)}, {"supervisor"});
                     return absl::OkStatus();
                   }).ok());
  absl::Status edit = pool_->Transact([&](pqxx::work& tx) {
    tx.exec("UPDATE access_audit SET actor_id = 'someone else'");
    return absl::OkStatus();
  });
  EXPECT_FALSE(edit.ok());
  EXPECT_EQ(Scalar("SELECT actor_id FROM access_audit"), "sup-1");
}

}  // namespace
}  // namespace tmk::contacts
