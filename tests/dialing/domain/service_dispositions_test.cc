// The fixed service outcomes of inbound calls with no campaign (R18, R26).
#include "services/dialing/domain/service_dispositions.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

// The set obeys the rules every campaign's set obeys (well-formed unique codes, at least one
// conversation), so reports read a service code like any other.
TEST(ServiceDispositionsTest, FollowTheCampaignsDispositionRules) {
  campaigns::DispositionSet set;
  set.display_name = "Inbound service";
  set.dispositions = ServiceDispositions();
  Violations v;
  campaigns::CheckDispositionSet(set, "service", v);
  EXPECT_TRUE(v.empty()) << v.ToStatus("service set").ToString();
}

// None needs what only a campaign can carry: a callback, an order or product feedback.
TEST(ServiceDispositionsTest, NeedNothingACampaignWouldCarry) {
  for (const campaigns::Disposition& d : ServiceDispositions()) {
    EXPECT_FALSE(d.requires_order) << d.code;
    EXPECT_FALSE(d.requires_feedback) << d.code;
    EXPECT_FALSE(d.counts_as_conversion) << d.code;
    EXPECT_NE(d.effect, campaigns::SchedulingEffect::kCallback) << d.code;
  }
}

TEST(ServiceDispositionsTest, FindsByCodeOnly) {
  const campaigns::Disposition* resolved = FindServiceDisposition("SERVICE_RESOLVED");
  ASSERT_NE(resolved, nullptr);
  EXPECT_EQ(resolved->outcome, campaigns::CallOutcome::kReached);
  EXPECT_EQ(FindServiceDisposition("SALE"), nullptr);
  EXPECT_EQ(FindServiceDisposition(""), nullptr);
}

}  // namespace
}  // namespace tmk::dialing
