// How long the dialer lets an unanswered phone ring (R20): never under 15 s, and as long as the
// region's ComplianceSettings require when they ask for more — read at every decision, so a
// change applies to the next calls without a restart.
#include "services/dialing/api/compliance_settings_mapping.h"
#include "services/dialing/runtime/dialer_runtime.h"
#include "services/dialing/store/compliance_settings_store.h"
#include "tests/dialing/runtime/dialer_floor_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;
using std::chrono::minutes;
using std::chrono::seconds;

class RingTimeoutTest : public testing::DialerFloorTest {
 protected:
  // Nobody ever answers: every call rings until the dialer gives up.
  static SimulationProfile NobodyAnswers() {
    SimulationProfile p;
    p.person = p.machine = p.busy = p.invalid_number = 0;
    p.no_answer = 1;
    return p;
  }

  void RegionMinimumRing(seconds ring) {
    v1::ComplianceSettings s = DefaultSettings("t");
    *s.mutable_min_ring_duration() = TimeUtil::SecondsToDuration(ring.count());
    s.set_revision(1);
    ASSERT_TRUE(Run([&](pqxx::work& tx) { ComplianceSettingsStore().Put(tx, s); }).ok());
  }

  // The ring durations of the unanswered calls created in [from, to).
  std::vector<int64_t> RingsBetween(TimePoint from, TimePoint to) {
    std::vector<int64_t> out;
    for (const v1::Call& c : Calls()) {
      const int64_t created = TimeUtil::TimestampToMicroseconds(c.create_time());
      if (created < Micros(from) || created >= Micros(to)) continue;
      EXPECT_EQ(c.outcome(), common::CALL_OUTCOME_NO_ANSWER);
      out.push_back(TimeUtil::DurationToSeconds(c.ring_duration()));
    }
    return out;
  }
};

// R20: the dialer's own 20 s while the region asks for 15 s; 40 s from the moment the region's
// settings ask for it.
TEST_F(RingTimeoutTest, RingsAtLeastTheRegionsMinimumAndNeverUnder15Seconds) {
  dialer_settings_.region = "t";
  LoadLeads(400);
  LogIn(3);
  Running(common::DIAL_MODE_PROGRESSIVE);
  StartDialer(NobodyAnswers());
  const TimePoint change = testing::FloorStart() + minutes(5);
  scheduler_.RunUntil(change);
  RegionMinimumRing(seconds(40));
  scheduler_.RunUntil(change + minutes(5));

  const std::vector<int64_t> before = RingsBetween(testing::FloorStart(), change);
  ASSERT_GT(before.size(), 10u);
  for (int64_t ring : before) EXPECT_EQ(ring, 20) << "the dialer's own ring timeout";
  // A decision already under way when the settings changed may still use the old value.
  const std::vector<int64_t> after = RingsBetween(change + seconds(2), change + minutes(5));
  ASSERT_GT(after.size(), 5u);
  for (int64_t ring : after) EXPECT_EQ(ring, 40) << "the region's minimum ring (R20)";
}

// R20: a dialer configured to ring for less than 15 s refuses to start.
TEST(RingTimeoutSettingsTest, DialerSettingsUnder15SecondsAreRefused) {
  DialerSettings settings;
  settings.ring_timeout = seconds(14);
  EXPECT_EQ(settings.Validate().code(), absl::StatusCode::kInvalidArgument);
  settings.ring_timeout = seconds(15);
  EXPECT_TRUE(settings.Validate().ok());
}

}  // namespace
}  // namespace tmk::dialing
