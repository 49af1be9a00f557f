// Leads and the hopper on PostgreSQL (R11, R17, R20): loading twice creates nothing new;
// candidates come due callbacks first, then by priority, and never while held; a customer is in
// the hopper once across campaigns; taking a lead counts the attempt and marks it IN_PROGRESS in
// the same transaction, two workers never take the same lead, and an IN_PROGRESS lead is never a
// candidate again (a crashed dialer does not double-dial); evicted entries give their lead back.
#include <gtest/gtest.h>

#include <chrono>

#include "services/common/core/uuid.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/store/lead_store.h"
#include "tests/dialing/store/dialing_store_fixture.h"

namespace tmk::dialing {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const TimePoint kNow = TimePoint() + hours(24 * 20600);

class LeadHopperStoreTest : public testing::DialingStoreTest {
 protected:
  LeadRow Lead(const std::string& campaign, const std::string& customer, int priority = 0,
               LeadState state = LeadState::kNew, std::optional<TimePoint> next = std::nullopt) {
    LeadRow row;
    row.facts.lead_id = NewId();
    row.facts.campaign_id = campaign;
    row.facts.customer_id = customer;
    row.facts.state = state;
    row.facts.priority = priority;
    row.facts.next_attempt_time = next;
    row.revision = 1;
    row.create_time = row.update_time = kNow - hours(1);
    return row;
  }

  // Inserts and, for states InsertIfAbsent does not set, updates.
  std::string Add(const LeadRow& row) {
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  EXPECT_TRUE(leads_.InsertIfAbsent(tx, row));
                  leads_.Update(tx, row);
                }).ok());
    return row.facts.lead_id;
  }

  std::vector<std::string> CandidateIds(const std::string& campaign, int limit = 10) {
    std::vector<std::string> ids;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  for (const LeadRow& r : leads_.Candidates(tx, campaign, kNow, limit)) {
                    ids.push_back(r.facts.lead_id);
                  }
                }).ok());
    return ids;
  }

  bool Queue(const LeadRow& row, bool callback_due = false) {
    bool queued = false;
    HopperEntry entry{{row.facts.lead_id, row.facts.campaign_id, row.facts.customer_id,
                       callback_due, row.facts.priority, row.facts.next_attempt_time},
                      "cp-1", "", row.facts.state, kNow};
    EXPECT_TRUE(Run([&](pqxx::work& tx) { queued = hopper_.Insert(tx, {entry}) == 1; }).ok());
    return queued;
  }

  LeadRow Get(const std::string& id) {
    std::optional<LeadRow> row;
    EXPECT_TRUE(Run([&](pqxx::work& tx) { row = leads_.Find(tx, id); }).ok());
    EXPECT_TRUE(row.has_value());
    return row.value_or(LeadRow{});
  }

  LeadStore leads_;
  HopperStore hopper_;
};

TEST_F(LeadHopperStoreTest, LoadingTheSameCustomerTwiceCreatesOneLead) {
  LeadRow first = Lead("camp-1", "cust-1");
  LeadRow again = Lead("camp-1", "cust-1");
  LeadRow other_campaign = Lead("camp-2", "cust-1");
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                EXPECT_TRUE(leads_.InsertIfAbsent(tx, first));
                EXPECT_FALSE(leads_.InsertIfAbsent(tx, again));
                EXPECT_TRUE(leads_.InsertIfAbsent(tx, other_campaign));
              }).ok());
  EXPECT_EQ(Get(first.facts.lead_id).facts.customer_id, "cust-1");
  EXPECT_EQ(Get(first.facts.lead_id).revision, 1);
}

TEST_F(LeadHopperStoreTest, CandidatesAreDueCallbacksThenPriorityThenLongestWait) {
  const std::string low_old = Add(Lead("camp", "c1", 0, LeadState::kScheduled, kNow - hours(5)));
  const std::string low_new = Add(Lead("camp", "c2", 0, LeadState::kScheduled, kNow - hours(1)));
  const std::string vip = Add(Lead("camp", "c3", 10));
  const std::string callback = Add(Lead("camp", "c4", 0, LeadState::kCallback, kNow - minutes(5)));
  Add(Lead("camp", "c5", 50, LeadState::kCallback, kNow + hours(1)));   // callback not due
  Add(Lead("camp", "c6", 50, LeadState::kScheduled, kNow + hours(1)));  // retry not due
  Add(Lead("camp", "c7", 50, LeadState::kStopped));                     // closed
  Add(Lead("other", "c8", 50));                                         // another campaign
  EXPECT_EQ(CandidateIds("camp"), (std::vector<std::string>{callback, vip, low_old, low_new}));
}

TEST_F(LeadHopperStoreTest, AHeldLeadIsNoCandidateUntilTheHoldEndsOrTheCustomerChanges) {
  const std::string id = Add(Lead("camp", "c1"));
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                leads_.Hold(tx, {{id, HopperBlockReason::kDoNotCall, kNow + hours(1)}});
              }).ok());
  EXPECT_TRUE(CandidateIds("camp").empty());
  std::vector<HoldCount> waiting;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { waiting = leads_.CountWaiting(tx, "camp", kNow); }).ok());
  ASSERT_EQ(waiting.size(), 1u);
  EXPECT_EQ(waiting[0].reason, HopperBlockReason::kDoNotCall);
  EXPECT_EQ(waiting[0].leads, 1);
  EXPECT_EQ(waiting[0].earliest, kNow + hours(1));

  ASSERT_TRUE(Run([&](pqxx::work& tx) { leads_.ReleaseHolds(tx, "c1"); }).ok());
  EXPECT_EQ(CandidateIds("camp"), std::vector<std::string>{id});
}

TEST_F(LeadHopperStoreTest, ACustomerIsInTheHopperOnceAcrossCampaigns) {
  LeadRow a = Lead("camp-a", "c1");
  LeadRow b = Lead("camp-b", "c1");
  Add(a);
  Add(b);
  EXPECT_TRUE(Queue(a));
  EXPECT_FALSE(Queue(b));
  EXPECT_EQ(Get(a.facts.lead_id).facts.state, LeadState::kQueued);
  EXPECT_EQ(Get(a.facts.lead_id).facts.contact_point_id, "cp-1");
  EXPECT_EQ(Get(b.facts.lead_id).facts.state, LeadState::kNew);
  EXPECT_TRUE(CandidateIds("camp-a").empty());  // queued leads are not candidates
}

TEST_F(LeadHopperStoreTest, ABatchQueuesEveryLeadWhoseCustomerIsFree) {
  LeadRow busy = Lead("camp-a", "c1");
  LeadRow same_customer = Lead("camp-b", "c1");
  LeadRow free = Lead("camp-b", "c2", 3, LeadState::kCallback, kNow - minutes(1));
  for (const LeadRow* row : {&busy, &same_customer, &free}) Add(*row);
  ASSERT_TRUE(Queue(busy));
  auto entry = [](const LeadRow& r, const std::string& point) {
    return HopperEntry{{r.facts.lead_id, r.facts.campaign_id, r.facts.customer_id, true,
                        r.facts.priority, r.facts.next_attempt_time},
                       point, "", r.facts.state, kNow};
  };
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                EXPECT_EQ(hopper_.Insert(tx, {entry(same_customer, "cp-x"), entry(free, "cp-2")}),
                          1);
                EXPECT_EQ(hopper_.CountCallbacks(tx, "camp-b"), 1);
              }).ok());
  EXPECT_EQ(Get(same_customer.facts.lead_id).facts.state, LeadState::kNew);
  EXPECT_EQ(Get(free.facts.lead_id).facts.state, LeadState::kQueued);
  EXPECT_EQ(Get(free.facts.lead_id).facts.contact_point_id, "cp-2");
}

TEST_F(LeadHopperStoreTest, TakingCountsTheAttemptAndTheLeadIsNeverACandidateAgain) {
  LeadRow row = Lead("camp", "c1", 0, LeadState::kScheduled, kNow - hours(1));
  row.facts.attempts = 2;
  Add(row);
  ASSERT_TRUE(Queue(row));
  std::optional<TakenLead> taken;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { taken = hopper_.Take(tx, "camp", "agent-1", kNow); }).ok());
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(taken->lead_id, row.facts.lead_id);
  EXPECT_EQ(taken->attempts, 3);
  EXPECT_EQ(taken->contact_point_id, "cp-1");
  // What a restarted dialer finds: the attempt counted, the lead in progress, no entry left.
  LeadRow stored = Get(row.facts.lead_id);
  EXPECT_EQ(stored.facts.state, LeadState::kInProgress);
  EXPECT_EQ(stored.facts.attempts, 3);
  EXPECT_EQ(stored.facts.last_attempt_time, kNow);
  EXPECT_EQ(stored.revision, 2);
  EXPECT_TRUE(CandidateIds("camp").empty());
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                EXPECT_FALSE(hopper_.Take(tx, "camp", "agent-1", kNow).has_value());
                EXPECT_EQ(hopper_.Count(tx, "camp"), 0);
              }).ok());
}

TEST_F(LeadHopperStoreTest, TwoWorkersNeverTakeTheSameLead) {
  LeadRow first = Lead("camp", "c1", 5);
  LeadRow second = Lead("camp", "c2", 1);
  Add(first);
  Add(second);
  ASSERT_TRUE(Queue(first));
  ASSERT_TRUE(Queue(second));
  // Worker A holds its transaction open while worker B takes: B skips A's locked row.
  std::optional<TakenLead> a, b;
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                a = hopper_.Take(tx, "camp", "agent-a", kNow);
                ASSERT_TRUE(Run([&](pqxx::work& other) {
                              b = hopper_.Take(other, "camp", "agent-b", kNow);
                            }).ok());
              }).ok());
  ASSERT_TRUE(a.has_value());
  ASSERT_TRUE(b.has_value());
  EXPECT_EQ(a->lead_id, first.facts.lead_id);
  EXPECT_EQ(b->lead_id, second.facts.lead_id);
}

TEST_F(LeadHopperStoreTest, AnEntryReservedForItsOwnerIsTakenOnlyByThem) {
  LeadRow row = Lead("camp", "c1", 0, LeadState::kCallback, kNow - minutes(1));
  Add(row);
  HopperEntry entry{{row.facts.lead_id, "camp", "c1", true, 0, row.facts.next_attempt_time},
                    "cp-1", "agent-owner", LeadState::kCallback, kNow};
  ASSERT_TRUE(Run([&](pqxx::work& tx) { ASSERT_EQ(hopper_.Insert(tx, {entry}), 1); }).ok());
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                EXPECT_FALSE(hopper_.Take(tx, "camp", "agent-other", kNow).has_value());
                auto taken = hopper_.Take(tx, "camp", "agent-owner", kNow);
                ASSERT_TRUE(taken.has_value());
                EXPECT_TRUE(taken->callback_due);
              }).ok());
}

TEST_F(LeadHopperStoreTest, EvictedEntriesGiveTheirLeadsBackTheirState) {
  LeadRow callback = Lead("camp", "c1", 0, LeadState::kCallback, kNow - minutes(1));
  LeadRow fresh = Lead("camp", "c2");
  Add(callback);
  Add(fresh);
  ASSERT_TRUE(Queue(callback, true));
  ASSERT_TRUE(Queue(fresh));
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                EXPECT_EQ(hopper_.EvictCustomer(tx, "c1"), 1);
                EXPECT_EQ(hopper_.EvictOlderThan(tx, "camp", kNow + minutes(1)), 1);
                EXPECT_EQ(hopper_.Count(tx, "camp"), 0);
              }).ok());
  EXPECT_EQ(Get(callback.facts.lead_id).facts.state, LeadState::kCallback);
  EXPECT_EQ(Get(fresh.facts.lead_id).facts.state, LeadState::kNew);
}

TEST_F(LeadHopperStoreTest, UpdateWritesEveryMutableColumn) {
  LeadRow row = Lead("camp", "c1");
  Add(row);
  row.facts.state = LeadState::kStopped;
  row.facts.stop_reason = LeadStopReason::kManual;
  row.facts.stage = campaigns::SaleStage::kFollowUp;
  row.facts.intention_class = campaigns::IntentionClass::kInterested;
  row.facts.priority = 7;
  row.facts.callback_owner_agent_id = "agent-1";
  row.facts.callback_ownership = CallbackOwnership::kAgentOnly;
  row.facts.next_attempt_time = kNow + hours(48);
  row.revision = 2;
  row.update_time = kNow;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { leads_.Update(tx, row); }).ok());
  LeadRow stored = Get(row.facts.lead_id);
  EXPECT_EQ(stored.facts.state, LeadState::kStopped);
  EXPECT_EQ(stored.facts.stop_reason, LeadStopReason::kManual);
  EXPECT_EQ(stored.facts.stage, campaigns::SaleStage::kFollowUp);
  EXPECT_EQ(stored.facts.intention_class, campaigns::IntentionClass::kInterested);
  EXPECT_EQ(stored.facts.priority, 7);
  EXPECT_EQ(stored.facts.callback_owner_agent_id, "agent-1");
  EXPECT_EQ(stored.facts.callback_ownership, CallbackOwnership::kAgentOnly);
  EXPECT_EQ(stored.facts.next_attempt_time, kNow + hours(48));
  EXPECT_EQ(stored.revision, 2);
  EXPECT_EQ(stored.update_time, kNow);
}

}  // namespace
}  // namespace tmk::dialing
