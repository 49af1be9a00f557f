// Preview mode on a real PostgreSQL in virtual time (R17, R19, R20): every ready agent is offered
// a lead without an attempt counted; dialing it counts the attempt, places the call with the
// agent reserved and bridges the agent when a person answers; skipping gives the lead back
// untouched and the agent gets the next one; an untouched preview is dialed after the campaign's
// preview timeout; a restart keeps the preview held and its auto-dial armed.
#include "services/dialing/runtime/preview_dealer.h"

#include <google/protobuf/util/time_util.h>

#include "services/common/core/status_details.h"
#include "services/dialing/store/preview_store.h"
#include "tests/dialing/runtime/dialer_floor_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
using std::chrono::seconds;

class PreviewDealerTest : public testing::DialerFloorTest {
 protected:
  // Preview mode; `timeout_s` seconds before an untouched preview is dialed (0: never).
  void RunPreview(int timeout_s) {
    v1::CampaignRuntime r = Running(telemarketing::common::v1::DIAL_MODE_PREVIEW);
    *r.mutable_preview_timeout() = google::protobuf::util::TimeUtil::SecondsToDuration(timeout_s);
    ASSERT_TRUE(Run([&](pqxx::work& tx) { CampaignRuntimeStore().Put(tx, r); }).ok());
    ASSERT_TRUE(hopper_->Fill(testing::kCampaignId).ok());
  }

  std::vector<PreviewRow> Previews() {
    std::vector<PreviewRow> out;
    EXPECT_TRUE(Run([&](pqxx::work& tx) { out = PreviewStore().List(tx); }).ok());
    return out;
  }

  PreviewCalls previews_{scheduler_, sessions_, ledger_, projection_, "t"};
};

TEST_F(PreviewDealerTest, EveryReadyAgentIsOfferedALeadWithoutAnAttempt) {
  LoadLeads(10);
  LogIn(2);
  RunPreview(0);
  StartDialer();
  scheduler_.RunUntil(testing::FloorStart() + seconds(3));
  const std::vector<PreviewRow> held = Previews();
  ASSERT_EQ(held.size(), 2u);
  EXPECT_NE(held[0].lead_id, held[1].lead_id);
  EXPECT_EQ(Scalar("SELECT count(*) FROM agent_sessions WHERE state = 3"), "2");
  EXPECT_EQ(Scalar("SELECT count(*) FROM leads WHERE state = 5"), "2");
  EXPECT_EQ(Scalar("SELECT coalesce(sum(attempts), 0) FROM leads"), "0") << "no attempt yet";
  EXPECT_EQ(Scalar("SELECT count(*) FROM calls"), "0");
}

TEST_F(PreviewDealerTest, DialCountsTheAttemptAndBridgesTheReservedAgent) {
  LoadLeads(10);
  LogIn(1);
  RunPreview(0);
  SimulationProfile everyone_answers;
  everyone_answers.person = 1;
  everyone_answers.machine = everyone_answers.busy = everyone_answers.no_answer =
      everyone_answers.invalid_number = 0;
  everyone_answers.amd_accuracy = 1;
  everyone_answers.talk_time = DurationDistribution::Fixed(300);
  StartDialer(everyone_answers);
  scheduler_.RunUntil(testing::FloorStart() + seconds(2));
  const std::vector<PreviewRow> held = Previews();
  ASSERT_EQ(held.size(), 1u);
  absl::StatusOr<PreviewDialing> row = absl::UnknownError("not dialed");
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                row = previews_.Dial(tx, held[0].session_id, held[0].lead_id, "+8610000");
              }).ok());
  ASSERT_TRUE(row.ok()) << row.status();
  ASSERT_TRUE(row->call.has_value()) << "refused by the gate";
  EXPECT_EQ(row->call->call.call_id(), held[0].call_id);
  ASSERT_TRUE(runtime_->DialReserved(row->call->call).ok());
  scheduler_.RunUntil(testing::FloorStart() + seconds(60));
  EXPECT_EQ(Scalar(absl::StrCat("SELECT attempts FROM leads WHERE lead_id = '",
                                held[0].lead_id, "'")),
            "1");
  // Answered and bridged at once to the agent who previewed it: never abandoned (R20).
  std::optional<CallRow> call;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { call = CallStore().Find(tx, held[0].call_id); }).ok());
  ASSERT_TRUE(call.has_value());
  EXPECT_EQ(call->call.dial_mode(), telemarketing::common::v1::DIAL_MODE_PREVIEW);
  EXPECT_EQ(call->call.session_id(), held[0].session_id);
  EXPECT_TRUE(call->call.has_agent_connect_time());
  EXPECT_EQ(call->call.abandon_reason(), v1::ABANDON_REASON_UNSPECIFIED);
  EXPECT_EQ(Scalar("SELECT state FROM agent_sessions"), "4") << "the agent is ON_CALL";
}

TEST_F(PreviewDealerTest, SkipGivesTheLeadBackUntouchedAndTheAgentGetsTheNext) {
  LoadLeads(10);
  LogIn(1);
  RunPreview(0);
  StartDialer();
  scheduler_.RunUntil(testing::FloorStart() + seconds(2));
  const std::vector<PreviewRow> first = Previews();
  ASSERT_EQ(first.size(), 1u);
  absl::StatusOr<LeadRow> lead = absl::UnknownError("not skipped");
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                lead = previews_.Skip(tx, first[0].session_id, first[0].lead_id,
                                      SkipReason::kLater, "");
              }).ok());
  ASSERT_TRUE(lead.ok()) << lead.status();
  EXPECT_EQ(lead->facts.state, first[0].queued_from);
  EXPECT_EQ(lead->facts.attempts, 0);
  scheduler_.RunUntil(testing::FloorStart() + seconds(4));
  const std::vector<PreviewRow> next = Previews();
  ASSERT_EQ(next.size(), 1u);
  EXPECT_NE(next[0].call_id, first[0].call_id);
  EXPECT_EQ(Scalar("SELECT coalesce(sum(attempts), 0) FROM leads"), "0");
  // A second skip of the same preview finds nothing held.
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                lead = previews_.Skip(tx, first[0].session_id, first[0].lead_id,
                                      SkipReason::kLater, "");
              }).ok());
  EXPECT_EQ(lead.status().code(), absl::StatusCode::kFailedPrecondition);
}

// R10, R20: the window closes while the agent reads the preview; the dial asks the gate, rings
// nobody, holds the lead with its reason like a refused hopper lead and frees the agent.
TEST_F(PreviewDealerTest, DialOutsideTheWindowIsRefusedAndTheLeadHeld) {
  LoadLeads(10);
  LogIn(1);
  RunPreview(0);
  StartDialer();
  scheduler_.RunUntil(testing::FloorStart() + seconds(2));
  const std::vector<PreviewRow> held = Previews();
  ASSERT_EQ(held.size(), 1u);
  runtime_->Stop();  // no further previews: the floor is closed
  scheduler_.RunUntil(testing::FloorStart() + std::chrono::hours(11) + seconds(30));  // 21:00:30
  absl::StatusOr<PreviewDialing> dialed = absl::UnknownError("not dialed");
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                dialed = previews_.Dial(tx, held[0].session_id, held[0].lead_id, "+8610000");
              }).ok());
  ASSERT_TRUE(dialed.ok()) << dialed.status();
  ASSERT_TRUE(dialed->refused.has_value());
  EXPECT_FALSE(dialed->call.has_value());
  EXPECT_EQ(ReasonOf(DialGate::Refusal(*dialed->refused)), "OUTSIDE_CALLING_WINDOW");
  EXPECT_TRUE(Previews().empty());
  EXPECT_EQ(Scalar("SELECT count(*) FROM calls"), "0");
  EXPECT_EQ(Scalar(absl::StrCat("SELECT attempts || ' ' || state || ' ' || hold_reason FROM leads"
                                " WHERE lead_id = '", held[0].lead_id, "'")),
            absl::StrCat("0 ", static_cast<int>(held[0].queued_from), " 1"))
      << "no attempt, back to its state, held OUTSIDE_CALLING_WINDOW";
  EXPECT_EQ(Scalar("SELECT state FROM agent_sessions"), "2") << "READY again";
}

TEST_F(PreviewDealerTest, UntouchedPreviewIsDialedAfterTheTimeoutAlsoAcrossARestart) {
  LoadLeads(10);
  LogIn(1);
  RunPreview(30);
  StartDialer();
  scheduler_.RunUntil(testing::FloorStart() + seconds(2));
  const std::vector<PreviewRow> held = Previews();
  ASSERT_EQ(held.size(), 1u);
  ASSERT_TRUE(held[0].auto_dial_time.has_value());
  // The dialer dies while the preview is held; the next one keeps it and its auto-dial time.
  runtime_.reset();
  telephony_.reset();
  scheduler_ = VirtualTimeScheduler(testing::FloorStart() + seconds(10));
  StartDialer();
  EXPECT_EQ(Previews().size(), 1u) << "the preview survives the restart";
  EXPECT_EQ(Scalar("SELECT count(*) FROM calls"), "0");
  scheduler_.RunUntil(testing::FloorStart() + seconds(33));
  EXPECT_EQ(Scalar(absl::StrCat("SELECT count(*) FROM calls WHERE call_id = '", held[0].call_id,
                                "'")),
            "1")
      << "auto-dialed after 30 s";
  EXPECT_EQ(Scalar(absl::StrCat("SELECT attempts FROM leads WHERE lead_id = '",
                                held[0].lead_id, "'")),
            "1");
}

}  // namespace
}  // namespace tmk::dialing
