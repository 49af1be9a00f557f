#pragma once
// The telephony port in simulation (R17): calls reach the outcomes of a SimulationProfile after
// its random times, on a Scheduler's clock (virtual time for tests and benchmarks, real time for
// the demo). A seed gives the same calls every run. Not thread-safe: use it from the scheduler's
// context.
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/statusor.h"
#include "services/dialing/telephony/scheduler.h"
#include "services/dialing/telephony/simulation_profile.h"
#include "services/dialing/telephony/telephony.h"

namespace tmk::dialing {

class SimulatedTelephony final : public Telephony {
 public:
  // What really happened, which the dialer only sees through detection; for tests and reports.
  struct Counts {
    int64_t originated = 0;
    int64_t persons = 0;   // answered by a person
    int64_t machines = 0;  // answered by a machine
    int64_t busy = 0;
    int64_t no_answer = 0;  // including calls past the ring timeout
    int64_t invalid_number = 0;
    int64_t misdetected = 0;  // answers that detection classed wrong
    int64_t inbound_arrived = 0;
    int64_t inbound_gave_up = 0;  // callers who hung up before an agent took them
  };

  static absl::StatusOr<std::unique_ptr<SimulatedTelephony>> Create(
      Scheduler& scheduler, const SimulationProfile& profile);

  void SetListener(CallEventListener* listener) override { listener_ = listener; }
  absl::StatusOr<CallId> Originate(const OriginateRequest& request) override;
  absl::Status HangUp(CallId call) override;
  absl::Status Bridge(CallId call, const std::string& agent) override;
  absl::Status Transfer(CallId call, const std::string& destination) override;

  // Starts the profile's inbound streams (R18): from now on callers arrive as kArrived events.
  void StartArrivals();
  // Numbers of known customers inbound callers are drawn from (known_caller_share of them);
  // with an empty pool every caller is unknown.
  void SetCallerPool(std::vector<std::string> numbers) { caller_pool_ = std::move(numbers); }

  const Counts& counts() const { return counts_; }
  size_t calls_in_progress() const { return calls_.size(); }

 private:
  enum class State { kDialing, kAnswered, kBridged };
  struct Call {
    State state = State::kDialing;
    bool person = false;  // the truth behind an answer
    std::string agent;
  };

  SimulatedTelephony(Scheduler& scheduler, const SimulationProfile& profile)
      : scheduler_(scheduler), profile_(profile), rng_(profile.seed) {}

  // The next caller of stream `index` after an exponential gap.
  void ScheduleArrival(size_t index);
  void Arrive(size_t index);
  // The outcome of a dialing call, at its time.
  void Resolve(CallId id, CallEventType outcome, bool person);
  // An answered call nobody bridged: the far end gives up.
  void EndInSilence(CallId id);
  // A bridged call's conversation is over.
  void EndConversation(CallId id);
  void Deliver(const CallEvent& event);
  // For events caused by a call to the port: delivered from the scheduler, never re-entrantly.
  void DeliverLater(CallEvent event);
  CallEvent Event(CallId id, CallEventType type) const;

  Scheduler& scheduler_;
  SimulationProfile profile_;
  std::mt19937_64 rng_;
  CallEventListener* listener_ = nullptr;
  CallId next_id_ = 1;
  std::unordered_map<CallId, Call> calls_;
  std::vector<std::string> caller_pool_;
  Counts counts_;
};

}  // namespace tmk::dialing
