#include "services/dialing/telephony/simulated_telephony.h"

#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <vector>

#include "services/dialing/telephony/virtual_time_scheduler.h"

namespace tmk::dialing {
namespace {

using std::chrono::seconds;

const TimePoint kStart = TimePoint(seconds(1'800'000'000));

bool IsTerminal(CallEventType type) {
  return type == CallEventType::kBusy || type == CallEventType::kNoAnswer ||
         type == CallEventType::kInvalidNumber || type == CallEventType::kEnded;
}

class Recorder : public CallEventListener {
 public:
  void OnCallEvent(const CallEvent& event) override {
    EXPECT_FALSE(inside_port_call) << "event delivered re-entrantly";
    events.push_back(event);
    ++count[event.type];
    if (on_event) on_event(event);
  }
  std::vector<CallEvent> events;
  std::map<CallEventType, int> count;
  std::function<void(const CallEvent&)> on_event;
  bool inside_port_call = false;
};

class SimulatedTelephonyTest : public ::testing::Test {
 protected:
  void SetUp() override { Make(SimulationProfile{}); }

  void Make(const SimulationProfile& profile) {
    telephony_ = *SimulatedTelephony::Create(scheduler_, profile);
    telephony_->SetListener(&recorder_);
  }

  CallId Dial(seconds ring_timeout = seconds(600)) {
    recorder_.inside_port_call = true;
    const CallId id = *telephony_->Originate({"+8613812345678", ring_timeout});
    recorder_.inside_port_call = false;
    launched_[id] = scheduler_.Now();
    return id;
  }

  // Launches `calls` calls in batches and runs each batch to its end.
  void DialMany(int calls, seconds ring_timeout = seconds(600)) {
    for (int done = 0; done < calls; done += 1000) {
      for (int i = 0; i < std::min(1000, calls - done); ++i) Dial(ring_timeout);
      scheduler_.RunUntil(scheduler_.Now() + std::chrono::hours(10));
    }
  }

  // Mean seconds from launch to events of `type`.
  double MeanSecondsTo(CallEventType type) {
    double sum = 0;
    int n = 0;
    for (const CallEvent& e : recorder_.events) {
      if (e.type != type) continue;
      sum += std::chrono::duration<double>(e.at - launched_.at(e.call)).count();
      ++n;
    }
    return n ? sum / n : -1;
  }

  double Share(CallEventType type, int calls) { return recorder_.count[type] / double(calls); }

  VirtualTimeScheduler scheduler_{kStart};
  Recorder recorder_;
  std::unique_ptr<SimulatedTelephony> telephony_;
  std::map<CallId, TimePoint> launched_;
};

// R17: the simulator's outcome rates are the profile's, detection errors included.
// Standard errors at 100,000 calls are below 0.0015; the tolerances are ~4 of them.
TEST_F(SimulatedTelephonyTest, OutcomeRatesFollowTheProfile) {
  constexpr int kCalls = 100000;
  recorder_.on_event = [&](const CallEvent& e) {
    if (e.type == CallEventType::kAnsweredByPerson || e.type == CallEventType::kAnsweredByMachine) {
      ASSERT_TRUE(telephony_->HangUp(e.call).ok());
    }
  };
  DialMany(kCalls);
  const SimulationProfile p;
  const auto& truth = telephony_->counts();
  EXPECT_EQ(truth.originated, kCalls);
  EXPECT_NEAR(truth.persons / double(kCalls), p.person, 0.006);
  EXPECT_NEAR(truth.machines / double(kCalls), p.machine, 0.004);
  EXPECT_NEAR(Share(CallEventType::kBusy, kCalls), p.busy, 0.004);
  EXPECT_NEAR(Share(CallEventType::kInvalidNumber, kCalls), p.invalid_number, 0.004);
  EXPECT_NEAR(Share(CallEventType::kNoAnswer, kCalls), p.no_answer, 0.006);
  // Detection: right with probability amd_accuracy, for persons and machines alike.
  const double wrong = 1 - p.amd_accuracy;
  EXPECT_NEAR(truth.misdetected / double(truth.persons + truth.machines), wrong, 0.004);
  EXPECT_NEAR(Share(CallEventType::kAnsweredByPerson, kCalls),
              p.person * p.amd_accuracy + p.machine * wrong, 0.006);
  EXPECT_NEAR(Share(CallEventType::kAnsweredByMachine, kCalls),
              p.machine * p.amd_accuracy + p.person * wrong, 0.004);
  EXPECT_EQ(recorder_.count[CallEventType::kRinging], kCalls);
  EXPECT_EQ(telephony_->calls_in_progress(), 0u);
}

TEST_F(SimulatedTelephonyTest, EachOutcomeComesAfterItsOwnTime) {
  SimulationProfile profile;
  profile.ring_time = DurationDistribution::Exponential(15);
  profile.busy_time = DurationDistribution::Exponential(4);
  profile.invalid_time = DurationDistribution::Fixed(2);
  Make(profile);
  recorder_.on_event = [&](const CallEvent& e) {
    if (e.type == CallEventType::kAnsweredByPerson || e.type == CallEventType::kAnsweredByMachine) {
      ASSERT_TRUE(telephony_->HangUp(e.call).ok());
    }
  };
  DialMany(40000, seconds(30));
  EXPECT_NEAR(MeanSecondsTo(CallEventType::kBusy), 4, 4 * 0.04);
  EXPECT_DOUBLE_EQ(MeanSecondsTo(CallEventType::kInvalidNumber), 2);
  // Answers are the ring times cut at the 30 s timeout: E[X | X <= 30] for Exp(15).
  const double cut = 15 - 30 * std::exp(-2.0) / (1 - std::exp(-2.0));
  EXPECT_NEAR(MeanSecondsTo(CallEventType::kAnsweredByPerson), cut, cut * 0.03);
  // Unset no-answer time: at the dialer's ring timeout, exactly.
  EXPECT_DOUBLE_EQ(MeanSecondsTo(CallEventType::kNoAnswer), 30);
}

TEST_F(SimulatedTelephonyTest, NothingRingsPastTheTimeout) {
  SimulationProfile profile;
  profile.person = 1;
  profile.machine = profile.busy = profile.no_answer = profile.invalid_number = 0;
  profile.ring_time = DurationDistribution::Fixed(40);
  Make(profile);
  DialMany(100, seconds(30));
  EXPECT_EQ(recorder_.count[CallEventType::kNoAnswer], 100);
  EXPECT_EQ(telephony_->counts().no_answer, 100);
  EXPECT_EQ(telephony_->counts().persons, 0);
  EXPECT_DOUBLE_EQ(MeanSecondsTo(CallEventType::kNoAnswer), 30);
}

TEST_F(SimulatedTelephonyTest, ABridgedCallLastsItsTalkTime) {
  SimulationProfile profile;
  profile.amd_accuracy = 1;
  Make(profile);
  std::map<CallId, TimePoint> bridged;
  double talk = 0;
  int conversations = 0;
  recorder_.on_event = [&](const CallEvent& e) {
    if (e.type == CallEventType::kAnsweredByPerson) {
      ASSERT_TRUE(telephony_->Bridge(e.call, "agent-1").ok());
      bridged[e.call] = e.at;
    } else if (e.type == CallEventType::kAnsweredByMachine) {
      ASSERT_TRUE(telephony_->HangUp(e.call).ok());
    } else if (e.type == CallEventType::kEnded && e.side == HangupSide::kRemote) {
      EXPECT_EQ(e.agent, "agent-1");
      talk += std::chrono::duration<double>(e.at - bridged.at(e.call)).count();
      ++conversations;
    }
  };
  DialMany(60000);
  ASSERT_GT(conversations, 14000);
  EXPECT_EQ(recorder_.count[CallEventType::kBridged], conversations);
  EXPECT_NEAR(talk / conversations, 150, 150 * 0.02);  // LogNormal(150, 90)
}

TEST_F(SimulatedTelephonyTest, AMachineTakenForAPersonTalksTheMachinesTime) {
  SimulationProfile profile;
  profile.machine = 1;
  profile.person = profile.busy = profile.no_answer = profile.invalid_number = 0;
  profile.amd_accuracy = 0.5;
  Make(profile);
  std::map<CallId, TimePoint> bridged;
  int conversations = 0;
  recorder_.on_event = [&](const CallEvent& e) {
    if (e.type == CallEventType::kAnsweredByPerson) {
      ASSERT_TRUE(telephony_->Bridge(e.call, "agent-2").ok());
      bridged[e.call] = e.at;
    } else if (e.type == CallEventType::kEnded && bridged.count(e.call)) {
      EXPECT_EQ(e.at - bridged[e.call], seconds(8));  // the profile's machine_talk_time
      ++conversations;
    }
  };
  DialMany(200);
  EXPECT_EQ(conversations, telephony_->counts().misdetected);
  EXPECT_GT(conversations, 70);
}

TEST_F(SimulatedTelephonyTest, AnAnsweredCallLeftInSilenceIsHungUpByTheFarEnd) {
  SimulationProfile profile;
  profile.person = 1;
  profile.machine = profile.busy = profile.no_answer = profile.invalid_number = 0;
  profile.amd_accuracy = 1;
  profile.silence_patience = DurationDistribution::Exponential(4);
  Make(profile);
  std::map<CallId, TimePoint> answered;
  double silence = 0;
  recorder_.on_event = [&](const CallEvent& e) {
    if (e.type == CallEventType::kAnsweredByPerson) answered[e.call] = e.at;
    if (e.type == CallEventType::kEnded) {
      EXPECT_EQ(e.side, HangupSide::kRemote);
      EXPECT_TRUE(e.agent.empty());
      silence += std::chrono::duration<double>(e.at - answered.at(e.call)).count();
    }
  };
  DialMany(20000);
  EXPECT_EQ(recorder_.count[CallEventType::kEnded], 20000);
  EXPECT_NEAR(silence / 20000, 4, 4 * 0.04);
}

TEST_F(SimulatedTelephonyTest, EveryCallEndsWithExactlyOneTerminalEvent) {
  std::map<CallId, int> terminal;
  recorder_.on_event = [&](const CallEvent& e) {
    if (IsTerminal(e.type)) ++terminal[e.call];
    if (e.type == CallEventType::kAnsweredByPerson && e.call % 2 == 0) {
      ASSERT_TRUE(telephony_->Bridge(e.call, "agent-3").ok());
    }
  };
  DialMany(5000, seconds(30));
  EXPECT_EQ(terminal.size(), 5000u);
  for (const auto& [call, n] : terminal) EXPECT_EQ(n, 1) << call;
  EXPECT_EQ(telephony_->calls_in_progress(), 0u);
}

TEST_F(SimulatedTelephonyTest, HangingUpADialingCallEndsItThere) {
  const CallId call = Dial();
  recorder_.inside_port_call = true;
  ASSERT_TRUE(telephony_->HangUp(call).ok());
  recorder_.inside_port_call = false;
  scheduler_.RunUntil(kStart + std::chrono::hours(1));
  ASSERT_EQ(recorder_.events.size(), 2u);
  EXPECT_EQ(recorder_.events[0].type, CallEventType::kRinging);
  EXPECT_EQ(recorder_.events[1].type, CallEventType::kEnded);
  EXPECT_EQ(recorder_.events[1].side, HangupSide::kLocal);
  EXPECT_EQ(recorder_.events[1].at, kStart);
  EXPECT_EQ(telephony_->HangUp(call).code(), absl::StatusCode::kNotFound);
}

TEST_F(SimulatedTelephonyTest, TheStateMachineRefusesWhatTheCallCannotDo) {
  EXPECT_EQ(telephony_->Originate({"", seconds(30)}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(telephony_->Originate({"+8613812345678", seconds(0)}).status().code(),
            absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(telephony_->HangUp(999).code(), absl::StatusCode::kNotFound);
  EXPECT_EQ(telephony_->Bridge(999, "a").code(), absl::StatusCode::kNotFound);
  const CallId dialing = Dial();
  EXPECT_EQ(telephony_->Bridge(dialing, "a").code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(telephony_->Transfer(dialing, "b").code(), absl::StatusCode::kFailedPrecondition);
}

TEST_F(SimulatedTelephonyTest, ATransferredCallEndsWithItsNewAgent) {
  SimulationProfile profile;
  profile.person = 1;
  profile.machine = profile.busy = profile.no_answer = profile.invalid_number = 0;
  profile.amd_accuracy = 1;
  Make(profile);
  recorder_.on_event = [&](const CallEvent& e) {
    if (e.type == CallEventType::kAnsweredByPerson) {
      ASSERT_TRUE(telephony_->Bridge(e.call, "sales-1").ok());
      EXPECT_EQ(telephony_->Bridge(e.call, "sales-2").code(),
                absl::StatusCode::kFailedPrecondition);
    } else if (e.type == CallEventType::kBridged) {
      EXPECT_EQ(e.agent, "sales-1");
      ASSERT_TRUE(telephony_->Transfer(e.call, "vip-desk").ok());
    }
  };
  Dial();
  scheduler_.RunUntil(kStart + std::chrono::hours(1));
  ASSERT_EQ(recorder_.count[CallEventType::kTransferred], 1);
  ASSERT_EQ(recorder_.events.back().type, CallEventType::kEnded);
  EXPECT_EQ(recorder_.events.back().agent, "vip-desk");
  EXPECT_EQ(recorder_.events.back().side, HangupSide::kRemote);
}

TEST_F(SimulatedTelephonyTest, ASeedGivesTheSameCalls) {
  auto trace = [](uint64_t seed) {
    VirtualTimeScheduler scheduler(kStart);
    SimulationProfile profile;
    profile.seed = seed;
    auto telephony = *SimulatedTelephony::Create(scheduler, profile);
    Recorder recorder;
    telephony->SetListener(&recorder);
    for (int i = 0; i < 200; ++i) *telephony->Originate({"+8613812345678", seconds(30)});
    scheduler.RunUntil(kStart + std::chrono::hours(1));
    std::vector<std::pair<CallEventType, TimePoint>> out;
    for (const CallEvent& e : recorder.events) out.push_back({e.type, e.at});
    return out;
  };
  EXPECT_EQ(trace(3), trace(3));
  EXPECT_NE(trace(3), trace(4));
}

TEST(SimulationProfile, RejectsProfilesThatCannotBe) {
  SimulationProfile p;
  EXPECT_TRUE(p.Validate().ok());
  p.person = 0.5;  // shares no longer sum to 1
  EXPECT_FALSE(p.Validate().ok());
  p = SimulationProfile{};
  p.amd_accuracy = 0.3;
  EXPECT_FALSE(p.Validate().ok());
  p = SimulationProfile{};
  p.talk_time = DurationDistribution::Exponential(-1);
  EXPECT_FALSE(p.Validate().ok());
  p = SimulationProfile{};
  p.no_answer_time = DurationDistribution::LogNormal(10, 0);
  EXPECT_FALSE(p.Validate().ok());
}

}  // namespace
}  // namespace tmk::dialing
