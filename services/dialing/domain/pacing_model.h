#pragma once
// The exponential model of a campaign's outbound floor that predictive pacing optimises (R17,
// R20): `agents` agents; a launched call reaches its outcome after an exponential time and is
// answered by a person with probability p; a person who finds a free agent is connected for an
// exponential handle time (talk + wrap-up), one who finds none is abandoned; every other outcome
// ends the call without using an agent. Its state is (busy agents, calls dialing); a decision,
// taken at every change of state, raises the calls dialing.
#include "absl/status/status.h"

namespace tmk::dialing {

struct PacingModel {
  int agents = 0;
  double answer_probability = 0;    // p
  double mean_time_to_outcome = 0;  // seconds
  double mean_handle_time = 0;      // seconds

  absl::Status Validate() const;

  double outcome_rate() const { return 1 / mean_time_to_outcome; }
  double handle_rate() const { return 1 / mean_handle_time; }

  // How many calls dialing the state space keeps. Keeping every agent busy takes about
  // agents * mean_time_to_outcome / (p * mean_handle_time) calls dialing; twice that plus slack
  // (and at least agents + slack, for a floor of free agents) holds every state an optimal policy
  // visits in the long run. Beyond it only the rare, nearly empty floor would dial more, so the
  // truncation costs no measurable occupancy (checked against a 4x bound in the tests).
  int MaxDialing() const;
};

}  // namespace tmk::dialing
