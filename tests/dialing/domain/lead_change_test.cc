// UpdateLead's rules (R6, R11, R12, R17): priority bounds, no next attempt in the past, known
// stages and classes, stop and reopen (never a do-not-call lead), nothing while a call is on.
#include "services/dialing/domain/lead_change.h"

#include <gtest/gtest.h>

#include "services/common/core/status_details.h"

namespace tmk::dialing {
namespace {

using std::chrono::hours;

const TimePoint kNow = TimePoint() + hours(24 * 20600);

LeadFacts Open() {
  LeadFacts lead;
  lead.lead_id = "lead-1";
  lead.state = LeadState::kScheduled;
  lead.attempts = 2;
  lead.intention_class = campaigns::IntentionClass::kConsidering;
  lead.contacts_in_class = 3;
  return lead;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

TEST(LeadChangeTest, MaskedFieldsAreWritten) {
  LeadChange change;
  change.priority = 15;
  change.next_attempt_time = kNow + hours(2);
  change.stage = campaigns::SaleStage::kResolvingQuestions;
  change.intention_class = campaigns::IntentionClass::kInterested;
  change.callback_owner_agent_id = "agent-9";
  auto lead = ApplyLeadChange(Open(), change, kNow);
  ASSERT_TRUE(lead.ok()) << lead.status();
  EXPECT_EQ(lead->priority, 15);
  EXPECT_EQ(lead->next_attempt_time, kNow + hours(2));
  EXPECT_EQ(lead->stage, campaigns::SaleStage::kResolvingQuestions);
  EXPECT_EQ(lead->intention_class, campaigns::IntentionClass::kInterested);
  EXPECT_EQ(lead->contacts_in_class, 0);  // a new class starts its cadence count afresh (R12)
  EXPECT_EQ(lead->callback_owner_agent_id, "agent-9");
  EXPECT_EQ(lead->state, LeadState::kScheduled);
}

TEST(LeadChangeTest, BadValuesAreFieldViolations) {
  LeadChange change;
  change.priority = kMaxLeadPriority + 1;
  change.next_attempt_time = kNow - hours(1);
  change.stage = static_cast<campaigns::SaleStage>(42);
  change.intention_class = static_cast<campaigns::IntentionClass>(42);
  change.stop = change.reopen = true;
  auto lead = ApplyLeadChange(Open(), change, kNow);
  EXPECT_EQ(lead.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(lead.status()),
            (std::vector<std::string>{"lead.priority", "lead.next_attempt_time", "lead.stage",
                                      "lead.intention_class", "reopen"}));
}

TEST(LeadChangeTest, ANewLeadGivenATimeIsScheduled) {
  LeadFacts lead = Open();
  lead.state = LeadState::kNew;
  LeadChange change;
  change.next_attempt_time = kNow + hours(1);
  EXPECT_EQ(ApplyLeadChange(lead, change, kNow)->state, LeadState::kScheduled);
}

TEST(LeadChangeTest, StopAndReopen) {
  LeadChange stop;
  stop.stop = true;
  auto stopped = ApplyLeadChange(Open(), stop, kNow);
  ASSERT_TRUE(stopped.ok());
  EXPECT_EQ(stopped->state, LeadState::kStopped);
  EXPECT_EQ(stopped->stop_reason, LeadStopReason::kManual);

  EXPECT_EQ(ReasonOf(ApplyLeadChange(*stopped, stop, kNow).status()), "LEAD_CLOSED");
  LeadChange priority;
  priority.priority = 3;
  EXPECT_EQ(ReasonOf(ApplyLeadChange(*stopped, priority, kNow).status()), "LEAD_CLOSED");

  LeadChange reopen;
  reopen.reopen = true;
  auto reopened = ApplyLeadChange(*stopped, reopen, kNow);
  ASSERT_TRUE(reopened.ok());
  EXPECT_EQ(reopened->state, LeadState::kScheduled);  // attempted before
  EXPECT_EQ(reopened->stop_reason, LeadStopReason::kUnspecified);
  EXPECT_EQ(reopened->next_attempt_time, kNow);
  EXPECT_EQ(ReasonOf(ApplyLeadChange(*reopened, reopen, kNow).status()), "LEAD_NOT_STOPPED");
}

TEST(LeadChangeTest, ADoNotCallLeadIsNeverReopened) {
  LeadFacts lead = Open();
  lead.state = LeadState::kStopped;
  lead.stop_reason = LeadStopReason::kDoNotCall;
  LeadChange reopen;
  reopen.reopen = true;
  auto refused = ApplyLeadChange(lead, reopen, kNow);
  EXPECT_EQ(refused.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(refused.status()), "LEAD_DO_NOT_CALL");
}

TEST(LeadChangeTest, NothingChangesWhileACallIsOnTheLead) {
  LeadFacts lead = Open();
  lead.state = LeadState::kInProgress;
  LeadChange change;
  change.priority = 1;
  EXPECT_EQ(ReasonOf(ApplyLeadChange(lead, change, kNow).status()), "LEAD_IN_PROGRESS");
}

}  // namespace
}  // namespace tmk::dialing
