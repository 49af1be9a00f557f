// Dialing's campaign projection on PostgreSQL: last writer wins by HLC (wall, logical, node), so
// replays and out-of-order redelivery of tm.campaigns.v1 change nothing (R7, R32).
#include "services/dialing/store/campaign_projection_store.h"

#include <gtest/gtest.h>

#include "tests/dialing/store/dialing_store_fixture.h"

namespace tmk::dialing {
namespace {

constexpr int kDraft = 1, kActive = 3, kPaused = 4, kCompleted = 5;  // CampaignState values

class CampaignProjectionStoreTest : public testing::DialingStoreTest {
 protected:
  static CampaignProjectionRow Snapshot(const std::string& id, int state, HlcTimestamp hlc) {
    return CampaignProjectionRow{id, "gd", state, std::move(hlc),
                                 "snapshot of " + id + " in state " + std::to_string(state)};
  }

  bool Upsert(const CampaignProjectionRow& row) {
    bool written = false;
    EXPECT_TRUE(Run([&](pqxx::work& tx) { written = store_.Upsert(tx, row); }).ok());
    return written;
  }
  bool Delete(const std::string& id, HlcTimestamp hlc) {
    bool written = false;
    EXPECT_TRUE(Run([&](pqxx::work& tx) { written = store_.Delete(tx, id, "gd", hlc); }).ok());
    return written;
  }
  std::optional<CampaignProjectionRow> Find(const std::string& id) {
    std::optional<CampaignProjectionRow> found;
    EXPECT_TRUE(Run([&](pqxx::work& tx) { found = store_.Find(tx, id); }).ok());
    return found;
  }

  CampaignProjectionStore store_;
};

TEST_F(CampaignProjectionStoreTest, ANewerSnapshotReplacesTheStoredOne) {
  ASSERT_TRUE(Upsert(Snapshot("c1", kDraft, {1000, 0, "gd"})));
  EXPECT_TRUE(Upsert(Snapshot("c1", kActive, {1000, 1, "gd"})));  // same millisecond, later
  EXPECT_TRUE(Upsert(Snapshot("c1", kPaused, {2000, 0, "gd"})));
  auto found = Find("c1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->state, kPaused);
  EXPECT_EQ(found->region, "gd");
  EXPECT_EQ(found->snapshot, Snapshot("c1", kPaused, {}).snapshot);
  EXPECT_EQ(found->hlc, (HlcTimestamp{2000, 0, "gd"}));
}

TEST_F(CampaignProjectionStoreTest, AnOlderSnapshotIsIgnored) {
  ASSERT_TRUE(Upsert(Snapshot("c1", kActive, {2000, 3, "gd"})));
  EXPECT_FALSE(Upsert(Snapshot("c1", kDraft, {1999, 9, "gd"})));
  EXPECT_FALSE(Upsert(Snapshot("c1", kDraft, {2000, 2, "gd"})));
  EXPECT_FALSE(Upsert(Snapshot("c1", kDraft, {2000, 3, "ah"})));  // node breaks the tie
  EXPECT_EQ(Find("c1")->state, kActive);
}

TEST_F(CampaignProjectionStoreTest, TheNodeTieBreakIsByteWiseLikeHlcTimestamp) {
  // A case-insensitive or locale collation would order "Z" after "a"; HlcTimestamp does not.
  ASSERT_TRUE(HlcTimestamp({1, 0, "Z"}) < HlcTimestamp({1, 0, "a"}));
  ASSERT_TRUE(Upsert(Snapshot("c1", kDraft, {1, 0, "Z"})));
  EXPECT_TRUE(Upsert(Snapshot("c1", kActive, {1, 0, "a"})));
  EXPECT_EQ(Find("c1")->state, kActive);
}

TEST_F(CampaignProjectionStoreTest, AnEqualSnapshotIsIgnoredSoAReplayChangesNothing) {
  ASSERT_TRUE(Upsert(Snapshot("c1", kActive, {2000, 0, "gd"})));
  CampaignProjectionRow replay = Snapshot("c1", kPaused, {2000, 0, "gd"});
  EXPECT_FALSE(Upsert(replay));
  auto found = Find("c1");
  EXPECT_EQ(found->state, kActive);
  EXPECT_EQ(found->snapshot, Snapshot("c1", kActive, {}).snapshot);
}

TEST_F(CampaignProjectionStoreTest, ATombstoneOlderThanTheSnapshotIsIgnored) {
  ASSERT_TRUE(Upsert(Snapshot("c1", kDraft, {2000, 0, "gd"})));
  EXPECT_FALSE(Delete("c1", {1500, 0, "gd"}));
  EXPECT_FALSE(Delete("c1", {2000, 0, "gd"}));  // equal: not newer
  ASSERT_TRUE(Find("c1").has_value());
  EXPECT_EQ(Find("c1")->state, kDraft);
}

TEST_F(CampaignProjectionStoreTest, ANewerTombstoneDeletesAndOlderSnapshotsCannotResurrect) {
  ASSERT_TRUE(Upsert(Snapshot("c1", kDraft, {2000, 0, "gd"})));
  EXPECT_TRUE(Delete("c1", {3000, 0, "gd"}));
  EXPECT_FALSE(Find("c1").has_value());
  // The snapshot redelivered after its deletion stays deleted.
  EXPECT_FALSE(Upsert(Snapshot("c1", kDraft, {2000, 0, "gd"})));
  EXPECT_FALSE(Find("c1").has_value());
  // A tombstone for a campaign never seen also holds back its older snapshots.
  EXPECT_TRUE(Delete("c2", {5000, 0, "gd"}));
  EXPECT_FALSE(Upsert(Snapshot("c2", kDraft, {4000, 0, "gd"})));
  EXPECT_FALSE(Find("c2").has_value());
}

TEST_F(CampaignProjectionStoreTest, ListsOnlyLiveCampaigns) {
  ASSERT_TRUE(Upsert(Snapshot("a-draft", kDraft, {1, 0, "gd"})));
  ASSERT_TRUE(Upsert(Snapshot("b-pilot", 2, {1, 0, "gd"})));
  ASSERT_TRUE(Upsert(Snapshot("c-active", kActive, {1, 0, "gd"})));
  ASSERT_TRUE(Upsert(Snapshot("d-paused", kPaused, {1, 0, "gd"})));
  ASSERT_TRUE(Upsert(Snapshot("e-completed", kCompleted, {1, 0, "gd"})));
  ASSERT_TRUE(Upsert(Snapshot("f-deleted", kActive, {1, 0, "gd"})));
  ASSERT_TRUE(Delete("f-deleted", {2, 0, "gd"}));
  std::vector<CampaignProjectionRow> live;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { live = store_.ListLive(tx); }).ok());
  std::vector<std::string> ids;
  for (const auto& row : live) ids.push_back(row.campaign_id);
  EXPECT_EQ(ids, (std::vector<std::string>{"b-pilot", "c-active", "d-paused"}));
}

TEST_F(CampaignProjectionStoreTest, AContactPolicyKeepsTheNewestSnapshot) {
  auto upsert = [&](HlcTimestamp hlc, const std::string& bytes) {
    bool written = false;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  written = store_.UpsertContactPolicy(tx, {"gd", hlc, bytes});
                }).ok());
    return written;
  };
  EXPECT_TRUE(upsert({1000, 0, "gd"}, "v1"));
  EXPECT_TRUE(upsert({2000, 0, "gd"}, "v2"));
  EXPECT_FALSE(upsert({1500, 0, "gd"}, "late v1.5"));
  EXPECT_FALSE(upsert({2000, 0, "gd"}, "replay"));
  std::optional<ContactPolicyProjectionRow> found;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { found = store_.FindContactPolicy(tx, "gd"); }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->snapshot, "v2");
  EXPECT_EQ(found->hlc, (HlcTimestamp{2000, 0, "gd"}));
}

}  // namespace
}  // namespace tmk::dialing
