// Which customer an inbound caller is (R18, R5, R6).
#include "services/dialing/domain/caller_match.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

constexpr char kMasked[] = "+86138****8000";

// Contacts lists the customers its region owns first: that one is the caller, on the phone of
// the caller's number even when it is not the customer's first.
TEST(CallerMatchTest, TakesTheFirstCustomerOnThePhoneOfTheNumber) {
  std::vector<CallerCandidate> found = {
      {"owned", {{"cp-home", "+8675588881234"}, {"cp-mobile", kMasked}}},
      {"replica", {{"cp-r", kMasked}}}};
  std::optional<KnownCaller> caller = MatchCaller(found, kMasked);
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->customer_id, "owned");
  EXPECT_EQ(caller->contact_point_id, "cp-mobile");
}

// Masking may make two phones of one customer look alike: the first in contacts' order.
TEST(CallerMatchTest, TakesTheFirstOfPhonesThatLookAlikeMasked) {
  std::optional<KnownCaller> caller =
      MatchCaller({{"c", {{"cp-1", kMasked}, {"cp-2", kMasked}}}}, kMasked);
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->contact_point_id, "cp-1");
}

// A replica whose owner withholds phones is still the customer, with no contact point.
TEST(CallerMatchTest, CustomerWithoutAVisiblePhoneHasNoContactPoint) {
  std::optional<KnownCaller> caller = MatchCaller({{"replica", {}}}, kMasked);
  ASSERT_TRUE(caller.has_value());
  EXPECT_EQ(caller->customer_id, "replica");
  EXPECT_TRUE(caller->contact_point_id.empty());
}

TEST(CallerMatchTest, NobodyFoundIsUnknown) {
  EXPECT_FALSE(MatchCaller({}, kMasked).has_value());
}

}  // namespace
}  // namespace tmk::dialing
