// Script storage against a real PostgreSQL (R9): records round-trip with their derived latest_*
// fields, version numbers are never reused, editors and retire reasons are kept (the reason in its
// column, back in every read), listings filter and page newest first, request ids are unique per
// verb, and GetVersion answers campaigns.
#include "services/campaigns/store/script_store.h"

#include <gtest/gtest.h>

#include <functional>

#include "services/common/core/uuid.h"
#include "tests/support/pg_fixture.h"

namespace tmk::campaigns {
std::vector<pg::Migration> Migrations();
}

namespace tmk::campaigns {
namespace {

namespace v1 = telemarketing::campaigns::v1;
namespace common = telemarketing::common::v1;

class ScriptStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  void Run(const std::function<void(pqxx::work&)>& body) {
    absl::Status status = pool_->Transact([&](pqxx::work& tx) {
      body(tx);
      return absl::OkStatus();
    });
    ASSERT_TRUE(status.ok()) << status;
  }

  v1::Script NewScript(common::CampaignType type = common::CAMPAIGN_TYPE_PROMOTION) {
    v1::Script script;
    script.set_script_id(NewId());
    script.set_display_name("5G 套餐推广");
    script.set_campaign_type(type);
    script.set_author_id("sup-1");
    script.set_revision(1);
    Run([&](pqxx::work& tx) { store_.InsertScript(tx, script); });
    return script;
  }

  // A new version of the script in `state`; returns its number.
  int32_t NewVersion(const std::string& script_id, v1::ScriptVersionState state,
                     std::vector<std::string> editors = {}) {
    int32_t number = 0;
    Run([&](pqxx::work& tx) {
      ASSERT_TRUE(store_.FindScript(tx, script_id, /*for_update=*/true));
      number = store_.AllocateVersion(tx, script_id);
      ScriptStore::StoredVersion stored;
      stored.version.set_script_id(script_id);
      stored.version.set_version(number);
      stored.version.set_state(state);
      stored.version.set_start_node_id("hello");
      stored.version.add_nodes()->set_node_id("hello");
      stored.version.set_author_id("sup-1");
      stored.version.set_revision(1);
      stored.editor_ids = std::move(editors);
      store_.InsertVersion(tx, stored);
    });
    return number;
  }

  v1::Script Find(const std::string& script_id) {
    std::optional<v1::Script> found;
    Run([&](pqxx::work& tx) { found = store_.FindScript(tx, script_id); });
    EXPECT_TRUE(found.has_value());
    return found.value_or(v1::Script{});
  }

  ScriptStore store_;
};

TEST_F(ScriptStoreTest, AScriptRoundTripsWithItsDerivedVersionNumbers) {
  v1::Script script = NewScript();
  v1::Script found = Find(script.script_id());
  EXPECT_EQ(found.display_name(), "5G 套餐推广");
  EXPECT_EQ(found.campaign_type(), common::CAMPAIGN_TYPE_PROMOTION);
  EXPECT_EQ(found.latest_version(), 0);
  EXPECT_EQ(found.latest_approved_version(), 0);

  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_APPROVED);
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_RETIRED);
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_APPROVED);
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_DRAFT);
  found = Find(script.script_id());
  EXPECT_EQ(found.latest_version(), 4);
  EXPECT_EQ(found.latest_approved_version(), 3);

  found.set_display_name("5G 套餐推广 v2");
  found.set_campaign_type(common::CAMPAIGN_TYPE_CROSS_UP_SELL);
  Run([&](pqxx::work& tx) { store_.UpdateScript(tx, found); });
  EXPECT_EQ(Find(script.script_id()).display_name(), "5G 套餐推广 v2");
  EXPECT_EQ(Scalar("SELECT campaign_type FROM scripts"), "6");
}

TEST_F(ScriptStoreTest, TheLatestVersionNumbersComeFromTheVersionsNeverFromTheRecord) {
  v1::Script script;
  script.set_script_id(NewId());
  script.set_latest_version(7);
  script.set_latest_approved_version(5);
  Run([&](pqxx::work& tx) { store_.InsertScript(tx, script); });
  EXPECT_EQ(Find(script.script_id()).latest_version(), 0);
  EXPECT_EQ(Find(script.script_id()).latest_approved_version(), 0);
}

TEST_F(ScriptStoreTest, VersionNumbersAreNeverReusedAfterADraftIsDeleted) {
  v1::Script script = NewScript();
  EXPECT_EQ(NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_DRAFT), 1);
  EXPECT_EQ(NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_DRAFT), 2);
  Run([&](pqxx::work& tx) { store_.DeleteVersion(tx, script.script_id(), 2); });
  EXPECT_EQ(NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_DRAFT), 3);
  EXPECT_EQ(Find(script.script_id()).latest_version(), 3);
}

TEST_F(ScriptStoreTest, AVersionKeepsItsEditorsAndRetireReasonThroughUpdates) {
  v1::Script script = NewScript();
  int32_t number = NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_DRAFT,
                              {"sup-2", "odd \"name\", {x}"});
  std::optional<ScriptStore::StoredVersion> stored;
  Run([&](pqxx::work& tx) { stored = store_.FindVersion(tx, script.script_id(), number, true); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->editor_ids, (std::vector<std::string>{"sup-2", "odd \"name\", {x}"}));
  EXPECT_EQ(stored->version.nodes(0).node_id(), "hello");

  stored->version.set_state(v1::SCRIPT_VERSION_STATE_RETIRED);
  stored->version.set_revision(2);
  stored->editor_ids.push_back("sup-3");
  stored->version.set_retire_reason("新资费上线");
  Run([&](pqxx::work& tx) { store_.UpdateVersion(tx, *stored); });
  std::optional<ScriptStore::StoredVersion> again;
  Run([&](pqxx::work& tx) { again = store_.FindVersion(tx, script.script_id(), number); });
  ASSERT_TRUE(again);
  EXPECT_EQ(again->version.state(), v1::SCRIPT_VERSION_STATE_RETIRED);
  EXPECT_EQ(again->version.revision(), 2);
  EXPECT_EQ(again->editor_ids.size(), 3u);
  EXPECT_EQ(again->version.retire_reason(), "新资费上线");
  EXPECT_EQ(Scalar("SELECT state FROM script_versions"), "4");
}

TEST_F(ScriptStoreTest, TheRetireReasonComesFromItsColumnInEveryRead) {
  v1::Script script = NewScript();
  int32_t number = NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_APPROVED);
  std::optional<ScriptStore::StoredVersion> stored;
  Run([&](pqxx::work& tx) { stored = store_.FindVersion(tx, script.script_id(), number, true); });
  ASSERT_TRUE(stored);
  EXPECT_EQ(stored->version.retire_reason(), "");
  stored->version.set_state(v1::SCRIPT_VERSION_STATE_RETIRED);
  stored->version.set_retire_reason("新资费上线");
  Run([&](pqxx::work& tx) { store_.UpdateVersion(tx, *stored); });
  EXPECT_EQ(Scalar("SELECT retire_reason FROM script_versions"), "新资费上线");

  // The column is the one place it is kept: a correction there is what every read returns.
  Run([&](pqxx::work& tx) { tx.exec("UPDATE script_versions SET retire_reason = '资费下线'"); });
  Run([&](pqxx::work& tx) {
    EXPECT_EQ(store_.FindVersion(tx, script.script_id(), number)->version.retire_reason(),
              "资费下线");
    std::vector<v1::ScriptVersion> listed = store_.ListVersions(tx, script.script_id(), {}, 0, 10);
    ASSERT_EQ(listed.size(), 1u);
    EXPECT_EQ(listed[0].retire_reason(), "资费下线");
    absl::StatusOr<v1::ScriptVersion> got = store_.GetVersion(tx, script.script_id(), number);
    ASSERT_TRUE(got.ok()) << got.status();
    EXPECT_EQ(got->retire_reason(), "资费下线");
  });
}

TEST_F(ScriptStoreTest, HistoryTellsWhetherVersionsWereApprovedOrLeftDraft) {
  v1::Script script = NewScript();
  ScriptStore::ReviewHistory history;
  Run([&](pqxx::work& tx) { history = store_.History(tx, script.script_id()); });
  EXPECT_FALSE(history.ever_approved);
  EXPECT_FALSE(history.any_left_draft);
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_IN_REVIEW);
  Run([&](pqxx::work& tx) { history = store_.History(tx, script.script_id()); });
  EXPECT_FALSE(history.ever_approved);
  EXPECT_TRUE(history.any_left_draft);
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_RETIRED);
  Run([&](pqxx::work& tx) { history = store_.History(tx, script.script_id()); });
  EXPECT_TRUE(history.ever_approved);
}

TEST_F(ScriptStoreTest, DeletingAScriptDeletesItsVersions) {
  v1::Script script = NewScript();
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_DRAFT);
  Run([&](pqxx::work& tx) { store_.DeleteScript(tx, script.script_id()); });
  EXPECT_EQ(Scalar("SELECT count(*) FROM scripts"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM script_versions"), "0");
}

TEST_F(ScriptStoreTest, ScriptsListNewestFirstByTypeAndApprovalPageByPage) {
  v1::Script old_promotion = NewScript();
  v1::Script survey = NewScript(common::CAMPAIGN_TYPE_MARKET_SURVEY);
  v1::Script new_promotion = NewScript();
  NewVersion(old_promotion.script_id(), v1::SCRIPT_VERSION_STATE_APPROVED);
  NewVersion(new_promotion.script_id(), v1::SCRIPT_VERSION_STATE_IN_REVIEW);
  auto ids = [](const std::vector<v1::Script>& scripts) {
    std::vector<std::string> out;
    for (const v1::Script& s : scripts) out.push_back(s.script_id());
    return out;
  };
  Run([&](pqxx::work& tx) {
    EXPECT_EQ(ids(store_.ListScripts(tx, {}, "", 10)),
              (std::vector<std::string>{new_promotion.script_id(), survey.script_id(),
                                        old_promotion.script_id()}));
    std::vector<v1::Script> first = store_.ListScripts(tx, {}, "", 2);
    ASSERT_EQ(first.size(), 2u);
    EXPECT_EQ(ids(store_.ListScripts(tx, {}, first.back().script_id(), 2)),
              std::vector<std::string>{old_promotion.script_id()});
    EXPECT_EQ(ids(store_.ListScripts(tx, {common::CAMPAIGN_TYPE_PROMOTION, false}, "", 10)),
              (std::vector<std::string>{new_promotion.script_id(), old_promotion.script_id()}));
    std::vector<v1::Script> approved = store_.ListScripts(tx, {0, true}, "", 10);
    EXPECT_EQ(ids(approved), std::vector<std::string>{old_promotion.script_id()});
    EXPECT_EQ(approved[0].latest_approved_version(), 1);
  });
}

TEST_F(ScriptStoreTest, VersionsListNewestFirstByStatePageByPage) {
  v1::Script script = NewScript();
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_APPROVED);
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_DRAFT);
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_APPROVED);
  NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_IN_REVIEW);
  auto numbers = [](const std::vector<v1::ScriptVersion>& versions) {
    std::vector<int> out;
    for (const v1::ScriptVersion& v : versions) out.push_back(v.version());
    return out;
  };
  Run([&](pqxx::work& tx) {
    EXPECT_EQ(numbers(store_.ListVersions(tx, script.script_id(), {}, 0, 10)),
              (std::vector<int>{4, 3, 2, 1}));
    EXPECT_EQ(numbers(store_.ListVersions(tx, script.script_id(), {}, 3, 1)),
              std::vector<int>{2});
    EXPECT_EQ(numbers(store_.ListVersions(tx, script.script_id(),
                                          {v1::SCRIPT_VERSION_STATE_APPROVED}, 0, 10)),
              (std::vector<int>{3, 1}));
    EXPECT_EQ(store_.LatestApprovedVersion(tx, script.script_id()), 3);
    EXPECT_EQ(store_.LatestApprovedVersion(tx, NewId()), 0);
  });
}

TEST_F(ScriptStoreTest, ARequestIdIsUniquePerVerb) {
  v1::Script script = NewScript();
  Run([&](pqxx::work& tx) {
    EXPECT_FALSE(store_.FindRequest(tx, "approve", "req-1"));
    store_.SaveRequest(tx, "approve", "req-1", {script.script_id(), 2, "fp-1"});
    store_.SaveRequest(tx, "reject", "req-1", {script.script_id(), 2, "fp-2"});
  });
  Run([&](pqxx::work& tx) {
    std::optional<ScriptStore::RequestRecord> found = store_.FindRequest(tx, "approve", "req-1");
    ASSERT_TRUE(found);
    EXPECT_EQ(found->script_id, script.script_id());
    EXPECT_EQ(found->version, 2);
    EXPECT_EQ(found->fingerprint, "fp-1");
  });
  absl::Status again = pool_->Transact([&](pqxx::work& tx) {
    store_.SaveRequest(tx, "approve", "req-1", {script.script_id(), 2, "fp-3"});
    return absl::OkStatus();
  });
  EXPECT_EQ(again.code(), absl::StatusCode::kAlreadyExists);
}

TEST_F(ScriptStoreTest, GetVersionAnswersCampaignsWithNotFoundForAnythingElse) {
  v1::Script script = NewScript();
  int32_t number = NewVersion(script.script_id(), v1::SCRIPT_VERSION_STATE_APPROVED);
  Run([&](pqxx::work& tx) {
    absl::StatusOr<v1::ScriptVersion> found = store_.GetVersion(tx, script.script_id(), number);
    ASSERT_TRUE(found.ok()) << found.status();
    EXPECT_EQ(found->state(), v1::SCRIPT_VERSION_STATE_APPROVED);
    EXPECT_EQ(found->script_id(), script.script_id());
    EXPECT_EQ(store_.GetVersion(tx, script.script_id(), number + 1).status().code(),
              absl::StatusCode::kNotFound);
    EXPECT_EQ(store_.GetVersion(tx, NewId(), 1).status().code(), absl::StatusCode::kNotFound);
    EXPECT_EQ(store_.GetVersion(tx, "not-a-uuid", 1).status().code(),
              absl::StatusCode::kNotFound);
  });
}

}  // namespace
}  // namespace tmk::campaigns
