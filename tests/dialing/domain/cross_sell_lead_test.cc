// The lead a cross-sell takes on an inbound call (R18).
#include "services/dialing/domain/cross_sell_lead.h"

#include <gtest/gtest.h>

#include "services/dialing/domain/lead_scheduler.h"
#include "services/common/core/status_details.h"

namespace tmk::dialing {
namespace {

LeadFacts Lead(LeadState state) {
  LeadFacts lead;
  lead.lead_id = "lead-1";
  lead.state = state;
  lead.attempts = 2;
  return lead;
}

// Open leads are taken without counting a dial attempt: the customer called in.
TEST(CrossSellLeadTest, TakesAnOpenLeadWithoutCountingAnAttempt) {
  for (LeadState state : {LeadState::kNew, LeadState::kScheduled, LeadState::kCallback,
                          LeadState::kQueued}) {
    absl::StatusOr<LeadFacts> taken = TakeForCrossSell(Lead(state));
    ASSERT_TRUE(taken.ok()) << taken.status();
    EXPECT_EQ(taken->state, LeadState::kInProgress);
    EXPECT_EQ(taken->attempts, 2);
  }
}

// Taken, the lead is one the wrap-up can apply a disposition to, like a dialed one.
TEST(CrossSellLeadTest, TakenLeadIsReadyForTheCampaignsWrapUp) {
  absl::StatusOr<LeadFacts> taken = TakeForCrossSell(Lead(LeadState::kNew));
  ASSERT_TRUE(taken.ok());
  campaigns::Disposition sale;
  sale.code = "NOT_NOW";
  sale.outcome = campaigns::CallOutcome::kReached;
  sale.effect = campaigns::SchedulingEffect::kStop;
  absl::StatusOr<LeadDecision> decided =
      LeadScheduler(campaigns::ContactStrategy{}).ApplyDisposition(*taken, sale, WrapUp{},
                                                                   TimePoint{});
  ASSERT_TRUE(decided.ok()) << decided.status();
  EXPECT_EQ(decided->lead.contacts, 1);
}

TEST(CrossSellLeadTest, RefusesClosedLeadsAndLeadsOnAnotherCall) {
  EXPECT_EQ(ReasonOf(TakeForCrossSell(Lead(LeadState::kOrdered)).status()), "LEAD_CLOSED");
  EXPECT_EQ(ReasonOf(TakeForCrossSell(Lead(LeadState::kStopped)).status()), "LEAD_CLOSED");
  EXPECT_EQ(ReasonOf(TakeForCrossSell(Lead(LeadState::kInProgress)).status()),
            "LEAD_IN_PROGRESS");
}

}  // namespace
}  // namespace tmk::dialing
