#include "services/dialing/domain/abandon_budget_limit.h"

#include <algorithm>

namespace tmk::dialing {

LaunchLimit LimitToAbandonBudget(const PacingSnapshot& floor, int wanted,
                                 const AbandonGuard& guard) {
  const int free_agents = floor.ready_agents - floor.calls_waiting;
  LaunchLimit limit;
  // A fresh campaign affords no abandon yet either, but it has not spent anything: the guard's
  // bound applies. Hold is for a budget spent by abandons still inside a window.
  limit.compliance_hold = floor.affordable_abandons <= 0 &&
                          (floor.abandons_24h > 0 || floor.abandons_30d > 0);
  const int max_dialing =
      limit.compliance_hold
          ? std::max(0, free_agents)
          : guard.MaxDialing(free_agents, floor.affordable_abandons, floor.answer_probability);
  limit.launches = std::clamp(max_dialing - floor.calls_dialing, 0, std::max(0, wanted));
  return limit;
}

}  // namespace tmk::dialing
