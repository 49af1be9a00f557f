// The simulator's inbound callers (R18): Poisson arrivals at each stream's rate, known customers'
// numbers at the profile's share, callers who give up after their patience unless an agent took
// them first, and the --dialing-inbound-arrivals text.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>
#include <vector>

#include "services/dialing/telephony/inbound_stream.h"
#include "services/dialing/telephony/simulated_telephony.h"
#include "services/dialing/telephony/virtual_time_scheduler.h"

namespace tmk::dialing {
namespace {

using std::chrono::hours;
using std::chrono::seconds;

const TimePoint kStart = TimePoint(seconds(1'800'000'000));

class Callers : public CallEventListener {
 public:
  void OnCallEvent(const CallEvent& event) override {
    if (event.type == CallEventType::kArrived) arrivals.push_back(event);
    if (event.type == CallEventType::kEnded) ended[event.call] = event;
    if (on_arrival && event.type == CallEventType::kArrived) on_arrival(event);
  }
  std::vector<CallEvent> arrivals;
  std::map<CallId, CallEvent> ended;
  std::function<void(const CallEvent&)> on_arrival;
};

class InboundArrivalsTest : public ::testing::Test {
 protected:
  void Start(std::vector<InboundStream> streams, double known_share = 0.8) {
    SimulationProfile profile;
    profile.inbound = std::move(streams);
    profile.known_caller_share = known_share;
    telephony_ = *SimulatedTelephony::Create(scheduler_, profile);
    telephony_->SetListener(&callers_);
    telephony_->SetCallerPool({"+8613800000001", "+8613800000002"});
    telephony_->StartArrivals();
  }

  InboundStream Stream(const std::string& number, double per_hour, double patience_s = 60) {
    InboundStream s;
    s.dialed_number = number;
    s.calls_per_hour = per_hour;
    s.patience = DurationDistribution::Exponential(patience_s);
    return s;
  }

  VirtualTimeScheduler scheduler_{kStart};
  std::unique_ptr<SimulatedTelephony> telephony_;
  Callers callers_;
};

// 10 simulated hours at 120 and 30 calls an hour: counts within 4 standard deviations of the
// Poisson means (1200 and 300), each on its own number.
TEST_F(InboundArrivalsTest, ArriveAtEachStreamsRate) {
  Start({Stream("+8610086", 120), Stream("+8610010", 30)});
  scheduler_.RunUntil(kStart + hours(10));
  std::map<std::string, int> per_number;
  for (const CallEvent& e : callers_.arrivals) ++per_number[e.dialed_number];
  EXPECT_NEAR(per_number["+8610086"], 1200, 4 * std::sqrt(1200.0));
  EXPECT_NEAR(per_number["+8610010"], 300, 4 * std::sqrt(300.0));
  EXPECT_EQ(telephony_->counts().inbound_arrived, static_cast<int64_t>(callers_.arrivals.size()));
}

// About the profile's share of callers are known customers; the others call from numbers no
// customer has.
TEST_F(InboundArrivalsTest, KnownCallersComeFromThePoolAtTheirShare) {
  Start({Stream("+8610086", 600)}, 0.8);
  scheduler_.RunUntil(kStart + hours(2));
  const std::set<std::string> pool = {"+8613800000001", "+8613800000002"};
  int known = 0;
  for (const CallEvent& e : callers_.arrivals) known += pool.count(e.caller_number);
  const double n = callers_.arrivals.size();
  ASSERT_GT(n, 900);
  EXPECT_NEAR(known / n, 0.8, 4 * std::sqrt(0.8 * 0.2 / n));
}

// Nobody answers: every caller hangs up after their patience (mean 60 s), as the remote side.
TEST_F(InboundArrivalsTest, UnansweredCallersGiveUpAfterTheirPatience) {
  Start({Stream("+8610086", 120, 60)});
  std::map<CallId, TimePoint> arrived;
  callers_.on_arrival = [&](const CallEvent& e) { arrived[e.call] = e.at; };
  scheduler_.RunUntil(kStart + hours(5));
  scheduler_.RunUntil(kStart + hours(6));  // let the last callers give up
  double waited = 0;
  int gave_up = 0;
  for (const auto& [call, at] : arrived) {
    if (at > kStart + hours(5)) continue;
    auto end = callers_.ended.find(call);
    ASSERT_NE(end, callers_.ended.end()) << "caller " << call << " never hung up";
    EXPECT_EQ(end->second.side, HangupSide::kRemote);
    waited += std::chrono::duration<double>(end->second.at - at).count();
    ++gave_up;
  }
  ASSERT_GT(gave_up, 400);
  EXPECT_NEAR(waited / gave_up, 60, 4 * 60 / std::sqrt(gave_up));
  EXPECT_EQ(telephony_->counts().inbound_gave_up, static_cast<int64_t>(callers_.ended.size()));
}

// A caller an agent took talks until the conversation ends, however short their patience.
TEST_F(InboundArrivalsTest, BridgedCallersDoNotGiveUp) {
  Start({Stream("+8610086", 60, 1)});
  callers_.on_arrival = [&](const CallEvent& e) {
    ASSERT_TRUE(telephony_->Bridge(e.call, "agent-1").ok());
  };
  scheduler_.RunUntil(kStart + hours(2));
  EXPECT_EQ(telephony_->counts().inbound_gave_up, 0);
  for (const auto& [call, end] : callers_.ended) EXPECT_EQ(end.agent, "agent-1");
}

TEST(InboundStreamsTest, ParseTheServerSetting) {
  const auto patience = DurationDistribution::Exponential(30);
  absl::StatusOr<std::vector<InboundStream>> two =
      ParseInboundStreams("+8610086:120,+8610010:30", patience);
  ASSERT_TRUE(two.ok()) << two.status();
  ASSERT_EQ(two->size(), 2u);
  EXPECT_EQ((*two)[0].dialed_number, "+8610086");
  EXPECT_EQ((*two)[1].calls_per_hour, 30);
  EXPECT_TRUE(ParseInboundStreams("", patience)->empty());
  for (const char* bad : {"+8610086", "+8610086:-1", "+8610086:lots", "10086:120", ":120"}) {
    EXPECT_FALSE(ParseInboundStreams(bad, patience).ok()) << bad;
  }
}

}  // namespace
}  // namespace tmk::dialing
