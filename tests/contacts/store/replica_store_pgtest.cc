// Replicas of other regions' customers (R5, R32) and update proposals, as stored: a replica is
// sealed like an owned customer and found by the owner's phone lookup key (R6), its bookkeeping
// (snapshot HLC, per-field HLCs) reads back, erasing it removes everything attached; proposals
// are sealed whole and listed newest first by direction; the sharing policy round-trips and each
// change queues one republish run, an older unfinished run superseded by a newer one.
#include "services/contacts/store/replica_store.h"

#include "absl/strings/escaping.h"
#include "services/common/core/uuid.h"
#include "services/common/pg/migration.h"
#include "services/contacts/store/sharing_policy_store.h"
#include "services/contacts/store/snapshot_source_store.h"
#include "services/contacts/store/update_proposal_store.h"
#include "tests/contacts/store/plaintext_scan.h"
#include "tests/contacts/store/test_cipher.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

namespace v1 = telemarketing::contacts::v1;

class ReplicaStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  template <class F>
  void InTx(F&& f) {
    ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       f(tx);
                       return absl::OkStatus();
                     }).ok());
  }

  static v1::Customer Replica() {
    v1::Customer c;
    c.set_customer_id(NewId());
    c.set_region_id("sc");
    c.set_replica(true);
    c.set_display_name("王**");
    c.set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    c.add_masked_fields("display_name");
    c.add_withheld_fields("external_id");
    c.mutable_create_time()->set_seconds(1'790'000'000);
    v1::ContactPoint* p = c.add_contact_points();
    p->set_contact_point_id(NewId());
    p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    p->set_value("+86 138****8000");
    p->set_normalized_value("+86138****8000");
    p->set_masked(true);
    p->set_status(v1::CONTACT_POINT_STATUS_VALID);
    p->mutable_create_time()->set_seconds(1'790'000'000);
    return c;
  }

  ReplicaStore replicas_{TestCipher()};
  CustomerStore customers_{TestCipher()};
};

TEST_F(ReplicaStoreTest, AReplicaIsSealedFoundByTheOwnersLookupKeyAndErasedWhole) {
  v1::Customer replica = Replica();
  const std::string id = replica.customer_id();
  const std::string point = replica.contact_points(0).contact_point_id();
  const std::string key = absl::BytesToHexString(TestCipher().ContactIndex("+8613800138000"));
  InTx([&](pqxx::work& tx) {
    replicas_.Upsert(tx, replica, {500, 1, "sc"}, {{"display_name", {400, 0, "sc"}}},
                     {{point, key}}, TimePoint());
  });
  InTx([&](pqxx::work& tx) {
    std::optional<ReplicaStore::Held> held = replicas_.Find(tx, id);
    ASSERT_TRUE(held);
    EXPECT_TRUE(held->replica);
    EXPECT_EQ(held->region_id, "sc");
    EXPECT_EQ(held->snapshot_hlc, (HlcTimestamp{500, 1, "sc"}));
    EXPECT_EQ(held->field_hlc.at("display_name"), (HlcTimestamp{400, 0, "sc"}));
    std::optional<v1::Customer> read = customers_.Find(tx, id);
    ASSERT_TRUE(read);
    EXPECT_TRUE(read->replica());
    EXPECT_EQ(read->display_name(), "王**");
    ASSERT_EQ(read->contact_points_size(), 1);
    EXPECT_TRUE(read->contact_points(0).masked());
    EXPECT_EQ(read->contact_points(0).value(), "+86 138****8000");
    // The number itself was never here, yet the owner's index finds it.
    EXPECT_EQ(customers_.IdsByPhone(tx, "+8613800138000", "gd", 10), std::vector<std::string>{id});
  });
  // A later snapshot without the point: the point goes, the bookkeeping follows.
  replica.clear_contact_points();
  replica.set_occupation("teacher");
  InTx([&](pqxx::work& tx) {
    replicas_.Upsert(tx, replica, {600, 0, "sc"}, {}, {}, TimePoint());
    EXPECT_EQ(customers_.Find(tx, id)->occupation(), "teacher");
    EXPECT_EQ(customers_.Find(tx, id)->contact_points_size(), 0);
    EXPECT_EQ(replicas_.Find(tx, id)->snapshot_hlc, (HlcTimestamp{600, 0, "sc"}));
  });
  InTx([&](pqxx::work& tx) { replicas_.Erase(tx, id); });
  InTx([&](pqxx::work& tx) {
    EXPECT_FALSE(replicas_.Find(tx, id));
    EXPECT_TRUE(tx.exec_params("SELECT 1 FROM customer_replicas WHERE customer_id = $1::uuid", id)
                    .empty());
  });
}

TEST_F(ReplicaStoreTest, EraseNeverTouchesAnOwnedCustomer) {
  v1::Customer owned = Replica();
  owned.set_replica(false);
  owned.set_region_id("gd");
  owned.mutable_contact_points(0)->set_normalized_value("+8613800138001");
  InTx([&](pqxx::work& tx) { customers_.Insert(tx, owned, "", ""); });
  InTx([&](pqxx::work& tx) { replicas_.Erase(tx, owned.customer_id()); });
  InTx([&](pqxx::work& tx) {
    std::optional<ReplicaStore::Held> held = replicas_.Find(tx, owned.customer_id());
    ASSERT_TRUE(held);
    EXPECT_FALSE(held->replica);
    std::map<std::string, std::string> keys =
        SnapshotSourceStore().LookupKeys(tx, owned.customer_id());
    EXPECT_EQ(keys.at(owned.contact_points(0).contact_point_id()),
              absl::BytesToHexString(TestCipher().ContactIndex("+8613800138001")));
  });
}

TEST_F(ReplicaStoreTest, ProposalsAreSealedAndListedByDirectionNewestFirst) {
  UpdateProposalStore proposals(TestCipher());
  const std::string customer = NewId();
  std::vector<std::string> ids;
  InTx([&](pqxx::work& tx) {
    for (int i = 0; i < 3; ++i) {
      v1::UpdateProposal p;
      p.set_proposal_id(NewId());
      p.set_customer_id(customer);
      p.set_owner_region_id("sc");
      p.set_proposing_region_id("gd");
      p.mutable_patch()->add_contact_points()->set_value("13900139000");
      p.set_state(v1::PROPOSAL_STATE_PENDING);
      EXPECT_TRUE(proposals.Insert(tx, p, /*received=*/i == 2));
      EXPECT_FALSE(proposals.Insert(tx, p, i == 2));  // a redelivery inserts nothing
      ids.push_back(p.proposal_id());
    }
  });
  InTx([&](pqxx::work& tx) {
    EXPECT_TRUE(ColumnsContaining(tx, schema_, {"13900139000"}).empty());
  });
  InTx([&](pqxx::work& tx) {
    std::vector<v1::UpdateProposal> sent = proposals.List(tx, {false, customer, 0}, "", 10);
    ASSERT_EQ(sent.size(), 2u);
    EXPECT_EQ(sent[0].proposal_id(), ids[1]);
    EXPECT_EQ(sent[1].proposal_id(), ids[0]);
    EXPECT_EQ(proposals.List(tx, {false, customer, 0}, ids[1], 10).size(), 1u);
    v1::UpdateProposal decided = sent[0];
    decided.set_state(v1::PROPOSAL_STATE_APPLIED);
    decided.mutable_decide_time()->set_seconds(1'790'000'100);
    proposals.Decide(tx, decided);
    EXPECT_EQ(proposals.List(tx, {false, "", v1::PROPOSAL_STATE_APPLIED}, "", 10).size(), 1u);
    EXPECT_EQ(proposals.List(tx, {true, customer, 0}, "", 10).size(), 1u);
    EXPECT_EQ(proposals.Find(tx, ids[1])->patch().contact_points(0).value(), "13900139000");
  });
}

TEST_F(ReplicaStoreTest, PolicyRoundTripsAndEachChangeQueuesOneRepublishRun) {
  SharingPolicyStore store;
  InTx([&](pqxx::work& tx) {
    EXPECT_FALSE(store.Load(tx));
    EXPECT_FALSE(store.PendingRepublish(tx));
    StoredSharingPolicy policy{DefaultSharingPolicy(), "1.0", "admin-1", 4, TimePoint(),
                               {100, 0, "gd"}};
    policy.policy.rules.push_back({"occupation", SharingMode::kWithhold});
    store.Save(tx, policy);
    policy.etag = "2.0";
    store.Save(tx, policy);
  });
  InTx([&](pqxx::work& tx) {
    std::optional<StoredSharingPolicy> loaded = store.Load(tx);
    ASSERT_TRUE(loaded);
    EXPECT_EQ(loaded->etag, "2.0");
    EXPECT_EQ(loaded->policy.ModeFor("occupation"), SharingMode::kWithhold);
    EXPECT_EQ(loaded->policy.ModeFor("display_name"), SharingMode::kMask);
    EXPECT_EQ(loaded->hlc, (HlcTimestamp{100, 0, "gd"}));
    std::optional<SharingPolicyStore::Republish> run = store.PendingRepublish(tx);
    ASSERT_TRUE(run);
    EXPECT_EQ(run->after_id, "");
    store.Advance(tx, run->id, "", 0, TimePoint());
    // The first run was superseded by the second: nothing is left to do.
    EXPECT_FALSE(store.PendingRepublish(tx));
  });
}

}  // namespace
}  // namespace tmk::contacts
