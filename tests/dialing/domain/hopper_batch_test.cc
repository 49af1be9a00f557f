// Hopper ordering (R12, R17, R19, R20): due callbacks, then priority, then the longest wait, then
// lead id; a batch fills each campaign's free slots and rings a customer once.
#include "services/dialing/domain/hopper_batch.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

using std::chrono::hours;
using ::testing::ElementsAre;

const TimePoint kT = TimePoint() + hours(24 * 20600);

HopperCandidate C(std::string lead, std::string campaign, std::string customer, bool callback,
                  int priority, std::optional<TimePoint> next) {
  return {std::move(lead), std::move(campaign), std::move(customer), callback, priority, next};
}

std::vector<std::string> Ids(const std::vector<HopperCandidate>& batch) {
  std::vector<std::string> out;
  for (const HopperCandidate& c : batch) out.push_back(c.lead_id);
  return out;
}

TEST(HopperBatchTest, CallbacksThenPriorityThenEarliestThenLeadId) {
  std::vector<HopperCandidate> leads = {
      C("e", "camp", "c5", false, 0, kT + hours(1)), C("d", "camp", "c4", false, 0, kT),
      C("c", "camp", "c3", false, 0, kT),            C("b", "camp", "c2", false, 5, kT + hours(9)),
      C("a", "camp", "c1", true, 0, kT + hours(3)),  C("f", "camp", "c6", false, 0, std::nullopt)};
  EXPECT_THAT(Ids(SelectHopperBatch(leads, {{"camp", 10}})),
              ElementsAre("a", "b", "f", "c", "d", "e"));
}

TEST(HopperBatchTest, UpToNPerCampaignAndEachCustomerOnce) {
  std::vector<HopperCandidate> leads = {
      C("x1", "x", "alice", false, 9, kT), C("y1", "y", "alice", true, 0, kT),
      C("x2", "x", "bob", false, 0, kT),   C("x3", "x", "carol", false, 0, kT),
      C("y2", "y", "dave", false, 0, kT),  C("z1", "z", "erin", false, 0, kT)};
  // Alice's due callback in y wins over her VIP lead in x; x takes its two slots from the rest;
  // z has no slots.
  EXPECT_THAT(Ids(SelectHopperBatch(leads, {{"x", 2}, {"y", 5}})),
              ElementsAre("y1", "x2", "x3", "y2"));
}

}  // namespace
}  // namespace tmk::dialing
