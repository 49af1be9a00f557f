#include "tests/bench/pacing/pacing_simulation.h"

#include <algorithm>
#include <deque>
#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

#include "services/dialing/domain/abandon_ledger.h"
#include "services/dialing/telephony/simulated_agents.h"
#include "services/dialing/telephony/simulated_telephony.h"
#include "services/dialing/telephony/virtual_time_scheduler.h"
#include "tests/bench/pacing/exit_on_error.h"

namespace tmk::dialing::bench {
namespace {

double Seconds(TimePoint::duration d) { return std::chrono::duration<double>(d).count(); }

class MiniDialer final : public CallEventListener {
 public:
  MiniDialer(const PacingScenario& scenario, DialPolicy& policy)
      : scenario_(scenario),
        policy_(policy),
        start_(std::chrono::hours(24 * 365 * 56)),  // 2026, so minutes are positive
        scheduler_(start_),
        telephony_(ValueOrExit(SimulatedTelephony::Create(scheduler_, scenario.telephony))),
        agents_(ValueOrExit(SimulatedAgents::Create(
            scheduler_, {scenario.wrap_up, {}, scenario.telephony.seed * 7919 + 1}))),
        ledger_(ValueOrExit(AbandonLedger::Create(scenario.abandon_target))),
        statistics_(ValueOrExit(PacingStatistics::Create(scenario.statistics))),
        bridged_at_(scenario.agents) {
    telephony_->SetListener(this);
    for (int i = 0; i < scenario.agents; ++i) {
      names_.push_back("agent-" + std::to_string(i));
      ready_.push_back(i);
    }
    agent_index_.reserve(names_.size());
    for (int i = 0; i < scenario.agents; ++i) agent_index_[names_[i]] = i;
    answers_by_minute_.assign(size_t((scenario.warmup_hours + scenario.hours) * 60) + 2, 0);
    abandons_by_minute_.assign(answers_by_minute_.size(), 0);
  }

  PacingResult Run() {
    auto after = [&](double hours) {
      return start_ + std::chrono::duration_cast<TimePoint::duration>(
                          std::chrono::duration<double>(hours * 3600));
    };
    last_change_ = start_;
    Tick();
    scheduler_.RunUntil(after(scenario_.warmup_hours));
    AccountBusyTime();
    measured_ = Measures{};
    scheduler_.RunUntil(after(scenario_.warmup_hours + scenario_.hours));
    AccountBusyTime();
    return Result();
  }

  void OnCallEvent(const CallEvent& event) override {
    switch (event.type) {
      case CallEventType::kAnsweredByPerson:
        Outcome(event, true);
        Answered(event.call);
        break;
      case CallEventType::kAnsweredByMachine:
        Outcome(event, false);
        ExitUnlessOk(telephony_->HangUp(event.call));  // detection: leave machines alone
        break;
      case CallEventType::kBusy:
      case CallEventType::kNoAnswer:
      case CallEventType::kInvalidNumber:
        Outcome(event, false);
        break;
      case CallEventType::kEnded:
        if (event.side == HangupSide::kRemote) Ended(event);
        break;
      default:
        return;  // ringing, bridged, transferred: nothing changes for pacing
    }
    Decide();
  }

 private:
  void Tick() {
    Decide();
    scheduler_.After(std::chrono::seconds(1), [this] { Tick(); });
  }

  void Decide() {
    ledger_.AdvanceTo(scheduler_.Now());
    PacingSnapshot floor;
    floor.now = scheduler_.Now();
    floor.agents = scenario_.agents;
    floor.ready_agents = static_cast<int>(ready_.size());
    floor.calls_dialing = dialing_;
    floor.calls_waiting = static_cast<int>(waiting_.size());
    floor.calls_connected = connected_;
    floor.answer_probability = statistics_.answer_probability();
    floor.mean_time_to_outcome = statistics_.mean_time_to_outcome();
    floor.mean_handle_time = statistics_.mean_handle_time();
    floor.abandon_target = ledger_.target();
    floor.live_answers_24h = ledger_.Last24Hours().live_answers;
    floor.abandons_24h = ledger_.Last24Hours().abandons;
    floor.affordable_abandons = ledger_.AffordableAbandons();
    const int launches = policy_.CallsToLaunch(floor);
    for (int i = 0; i < launches; ++i) {
      const CallId call = ValueOrExit(telephony_->Originate(
          {"+8613800" + std::to_string(1000000 + dials_++ % 1000000), scenario_.ring_timeout}));
      launched_at_[call] = scheduler_.Now();
      ++dialing_;
      ++measured_.dials;
    }
  }

  void Outcome(const CallEvent& event, bool live) {
    auto it = launched_at_.find(event.call);
    statistics_.RecordOutcome(live, Seconds(event.at - it->second));
    launched_at_.erase(it);
    --dialing_;
  }

  void Answered(CallId call) {
    if (!ready_.empty()) {
      Connect(call);
    } else if (scenario_.connect_grace_seconds > 0) {
      waiting_.push_back(call);
      scheduler_.After(std::chrono::duration<double>(scenario_.connect_grace_seconds),
                       [this, call] { GraceOver(call); });
    } else {
      Abandon(call, /*hang_up=*/true);
    }
  }

  void GraceOver(CallId call) {
    auto it = std::find(waiting_.begin(), waiting_.end(), call);
    if (it == waiting_.end()) return;  // connected in time
    waiting_.erase(it);
    Abandon(call, /*hang_up=*/true);
    Decide();
  }

  void Connect(CallId call) {
    const int agent = ready_.back();
    ready_.pop_back();
    ExitUnlessOk(telephony_->Bridge(call, names_[agent]));
    bridged_at_[agent] = scheduler_.Now();
    SetBusy(busy_ + 1);
    ++connected_;
    RecordLiveAnswer(false);
  }

  void Abandon(CallId call, bool hang_up) {
    if (hang_up) ExitUnlessOk(telephony_->HangUp(call));
    RecordLiveAnswer(true);
  }

  void RecordLiveAnswer(bool abandoned) {
    ledger_.RecordLiveAnswer(scheduler_.Now(), abandoned);
    const size_t minute = static_cast<size_t>(Seconds(scheduler_.Now() - start_) / 60);
    ++answers_by_minute_[minute];
    if (abandoned) ++abandons_by_minute_[minute];
    ++measured_.live_answers;
    if (abandoned) ++measured_.abandons;
  }

  void Ended(const CallEvent& event) {
    if (event.agent.empty()) {
      // The far end hung up in silence while waiting for an agent.
      auto it = std::find(waiting_.begin(), waiting_.end(), event.call);
      if (it != waiting_.end()) {
        waiting_.erase(it);
        Abandon(event.call, /*hang_up=*/false);
      }
      return;
    }
    --connected_;
    agents_.WrapUp(event.agent, [this](const std::string& name, const std::string&) {
      const int agent = agent_index_.at(name);
      statistics_.RecordHandleTime(Seconds(scheduler_.Now() - bridged_at_[agent]));
      SetBusy(busy_ - 1);
      ready_.push_back(agent);
      if (!waiting_.empty()) {
        const CallId call = waiting_.front();
        waiting_.pop_front();
        Connect(call);
      }
      Decide();
    });
  }

  void SetBusy(int busy) {
    AccountBusyTime();
    busy_ = busy;
  }

  void AccountBusyTime() {
    measured_.busy_agent_seconds += busy_ * Seconds(scheduler_.Now() - last_change_);
    last_change_ = scheduler_.Now();
  }

  PacingResult Result() const {
    PacingResult r;
    r.occupancy = measured_.busy_agent_seconds / (scenario_.agents * scenario_.hours * 3600);
    r.dials = measured_.dials;
    r.live_answers = measured_.live_answers;
    r.abandons = measured_.abandons;
    r.abandon_rate = r.live_answers ? double(r.abandons) / r.live_answers : 0;
    // Windows ending at each whole minute: a running sum over the last 1,440 minutes.
    int64_t answers = 0;
    int64_t abandons = 0;
    for (size_t m = 0; m < answers_by_minute_.size(); ++m) {
      answers += answers_by_minute_[m];
      abandons += abandons_by_minute_[m];
      if (m >= 1440) {
        answers -= answers_by_minute_[m - 1440];
        abandons -= abandons_by_minute_[m - 1440];
      }
      if (answers > 0) {
        r.worst_window_rate = std::max(r.worst_window_rate, double(abandons) / answers);
      }
    }
    r.measured_answer_probability = statistics_.answer_probability();
    r.measured_time_to_outcome = statistics_.mean_time_to_outcome();
    r.measured_handle_time = statistics_.mean_handle_time();
    return r;
  }

  const PacingScenario& scenario_;
  DialPolicy& policy_;
  TimePoint start_;
  VirtualTimeScheduler scheduler_;
  std::unique_ptr<SimulatedTelephony> telephony_;
  SimulatedAgents agents_;
  AbandonLedger ledger_;
  PacingStatistics statistics_;

  std::vector<std::string> names_;
  std::unordered_map<std::string, int> agent_index_;
  std::vector<int> ready_;
  std::vector<TimePoint> bridged_at_;
  std::deque<CallId> waiting_;
  std::unordered_map<CallId, TimePoint> launched_at_;
  int dialing_ = 0;
  int connected_ = 0;
  int busy_ = 0;

  struct Measures {
    double busy_agent_seconds = 0;
    int64_t dials = 0;
    int64_t live_answers = 0;
    int64_t abandons = 0;
  };
  TimePoint last_change_;
  Measures measured_;
  int64_t dials_ = 0;  // ever, for distinct numbers
  std::vector<int64_t> answers_by_minute_;
  std::vector<int64_t> abandons_by_minute_;
};

}  // namespace

PacingResult RunPacingSimulation(const PacingScenario& scenario, DialPolicy& policy) {
  return MiniDialer(scenario, policy).Run();
}

}  // namespace tmk::dialing::bench
