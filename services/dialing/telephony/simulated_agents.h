#pragma once
// Agents at their desks in simulation (R17): after each call an agent wraps up (notes, the
// disposition) for a random time, picks a disposition with the configured weights, and is ready
// again. Together with SimulatedTelephony's talk times this is the handle time pacing sees.
#include <cstdint>
#include <functional>
#include <random>
#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/dialing/telephony/duration_distribution.h"
#include "services/dialing/telephony/scheduler.h"

namespace tmk::dialing {

class SimulatedAgents {
 public:
  struct Disposition {
    std::string code;  // e.g. "ORDER", "INTERESTED", "CALLBACK", "NOT_INTERESTED"
    double weight = 0;
  };
  struct Settings {
    DurationDistribution wrap_up = DurationDistribution::LogNormal(30, 15);
    std::vector<Disposition> dispositions;  // none: wrap-ups carry an empty code
    uint64_t seed = 2;
    absl::Status Validate() const;
  };
  using WrapUpDone = std::function<void(const std::string& agent, const std::string& disposition)>;

  static absl::StatusOr<SimulatedAgents> Create(Scheduler& scheduler, const Settings& settings);

  // `agent` starts wrapping up now; `done` runs when the agent is ready again.
  void WrapUp(const std::string& agent, WrapUpDone done);

 private:
  SimulatedAgents(Scheduler& scheduler, const Settings& settings);

  Scheduler* scheduler_;
  Settings settings_;
  double total_weight_ = 0;
  std::mt19937_64 rng_;
};

}  // namespace tmk::dialing
