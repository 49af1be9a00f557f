#pragma once
// The pacing benchmark's discrete-event harness (issue 5): a minimal dialer runs one DialPolicy
// against SimulatedTelephony and SimulatedAgents in virtual time, for a fixed floor of agents, and
// measures what R17/R20 care about. The policy sees only what a dialer can know: the floor, its
// own measurements (PacingStatistics) and the AbandonLedger.
//
// The floor first runs `warmup_hours` unmeasured, so the figures describe the policy at work
// rather than its first minutes (the CMDP optimum is a long-run figure too); compliance is judged
// over the whole run, warm-up included. Definitions, identical for every policy:
//   occupancy    = agent time busy with calls (talk + wrap-up) / agent time logged in;
//   abandon rate = abandons / live answers, an abandon being a person answered and no agent
//                  within the connect grace (by default 0 s, as in the CMDP model; R20 allows
//                  2 s);
//   worst window = the highest abandon rate of any 24 h window ending at a whole minute of the
//                  run; within the first day such a window holds the run so far.
#include <cstdint>

#include "services/dialing/domain/dial_policy.h"
#include "services/dialing/domain/pacing_statistics.h"
#include "services/dialing/telephony/duration_distribution.h"
#include "services/dialing/telephony/simulation_profile.h"

namespace tmk::dialing::bench {

struct PacingScenario {
  int agents = 10;
  double warmup_hours = 1;
  double hours = 8;  // measured, after the warm-up
  SimulationProfile telephony;
  DurationDistribution wrap_up = DurationDistribution::Fixed(0);
  double abandon_target = 0.03;
  double connect_grace_seconds = 0;
  std::chrono::seconds ring_timeout{600};
  PacingStatistics::Settings statistics;
};

struct PacingResult {
  // Over the measured hours.
  double occupancy = 0;
  int64_t dials = 0;
  int64_t live_answers = 0;
  int64_t abandons = 0;
  double abandon_rate = 0;
  // Over the whole run.
  double worst_window_rate = 0;
  // The measurements the policy last saw.
  double measured_answer_probability = 0;
  double measured_time_to_outcome = 0;
  double measured_handle_time = 0;
};

// Runs `policy` on the scenario; the scenario must be valid (the benchmark builds it).
PacingResult RunPacingSimulation(const PacingScenario& scenario, DialPolicy& policy);

}  // namespace tmk::dialing::bench
