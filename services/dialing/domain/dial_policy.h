#pragma once
// How many calls a campaign launches now (R17): the one decision every automatic dial mode makes
// (progressive, power, the adaptive dial level, predictive). The dialer builds a snapshot of the
// floor and of what it has measured, asks the campaign's policy, then applies compliance caps.
#include <cstdint>

#include "services/common/core/clock.h"

namespace tmk::dialing {

struct PacingSnapshot {
  TimePoint now;

  // The floor. Agents counts those logged in to the campaign and not paused: ready + on a call or
  // in wrap-up. Busy agents are agents - ready_agents.
  int agents = 0;
  int ready_agents = 0;
  int calls_dialing = 0;    // launched, no outcome yet (ringing or being set up)
  int calls_waiting = 0;    // answered by a person, waiting for an agent (within the 2 s grace)
  int calls_connected = 0;  // talking with an agent

  // Measured on this campaign's own calls (PacingStatistics), never assumed.
  double answer_probability = 0;    // share of dial outcomes answered by a person
  double mean_time_to_outcome = 0;  // seconds from launch to the outcome
  double mean_handle_time = 0;      // seconds of talk + wrap-up per connected call

  // Compliance (R20), from the campaign's AbandonLedger.
  double abandon_target = 0.03;
  int64_t live_answers_24h = 0;
  int64_t abandons_24h = 0;
  int64_t abandons_30d = 0;
  int64_t affordable_abandons = 0;  // AbandonLedger::AffordableAbandons()

  int busy_agents() const { return agents - ready_agents; }
};

class DialPolicy {
 public:
  virtual ~DialPolicy() = default;
  // Calls to launch now (>= 0). Policies with a memory (the adaptive level, the predictive
  // controller) update it from each snapshot, so the dialer calls this on every floor change
  // and at least once a second.
  virtual int CallsToLaunch(const PacingSnapshot& floor) = 0;
};

}  // namespace tmk::dialing
