#include "services/dialing/telephony/simulated_agents.h"

#include <utility>

namespace tmk::dialing {

absl::Status SimulatedAgents::Settings::Validate() const {
  if (absl::Status s = wrap_up.Validate(); !s.ok()) return s;
  double total = 0;
  for (const Disposition& d : dispositions) {
    if (d.code.empty() || !(d.weight >= 0)) {
      return absl::InvalidArgumentError("a disposition needs a code and a weight >= 0");
    }
    total += d.weight;
  }
  if (!dispositions.empty() && !(total > 0)) {
    return absl::InvalidArgumentError("disposition weights must not all be zero");
  }
  return absl::OkStatus();
}

absl::StatusOr<SimulatedAgents> SimulatedAgents::Create(Scheduler& scheduler,
                                                        const Settings& settings) {
  if (absl::Status s = settings.Validate(); !s.ok()) return s;
  return SimulatedAgents(scheduler, settings);
}

SimulatedAgents::SimulatedAgents(Scheduler& scheduler, const Settings& settings)
    : scheduler_(&scheduler), settings_(settings), rng_(settings.seed) {
  for (const Disposition& d : settings_.dispositions) total_weight_ += d.weight;
}

void SimulatedAgents::WrapUp(const std::string& agent, WrapUpDone done) {
  std::string disposition;
  double pick = UniformUnit(rng_) * total_weight_;
  for (const Disposition& d : settings_.dispositions) {
    if (d.weight <= 0) continue;
    disposition = d.code;  // the last one with weight, should rounding leave `pick` >= 0
    if ((pick -= d.weight) < 0) break;
  }
  scheduler_->After(std::chrono::duration<double>(settings_.wrap_up.Sample(rng_)),
                    [agent, disposition = std::move(disposition), done = std::move(done)] {
                      done(agent, disposition);
                    });
}

}  // namespace tmk::dialing
