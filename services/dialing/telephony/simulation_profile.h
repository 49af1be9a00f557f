#pragma once
// What the simulated phone network and its customers do (R17): the share of each call outcome,
// answering-machine detection accuracy, and the time each step takes.
#include <cstdint>
#include <optional>

#include "absl/status/status.h"
#include <vector>

#include "services/dialing/telephony/duration_distribution.h"
#include "services/dialing/telephony/inbound_stream.h"

namespace tmk::dialing {

struct SimulationProfile {
  // Shares of launched calls by what is really at the other end; they sum to 1.
  double person = 0.25;
  double machine = 0.10;
  double busy = 0.10;
  double no_answer = 0.45;
  double invalid_number = 0.10;

  // Probability that detection classes an answer right (persons and machines alike); a person
  // taken for a machine is hung up on, a machine taken for a person reaches an agent.
  double amd_accuracy = 0.95;

  DurationDistribution ring_time = DurationDistribution::LogNormal(12, 6);  // to an answer
  DurationDistribution busy_time = DurationDistribution::Exponential(4);
  DurationDistribution invalid_time = DurationDistribution::Fixed(2);
  // When the network reports "no answer" by itself; unset: at the dialer's ring timeout.
  std::optional<DurationDistribution> no_answer_time;
  // A person's conversation with the agent, and an agent's time with a machine's greeting.
  DurationDistribution talk_time = DurationDistribution::LogNormal(150, 90);
  DurationDistribution machine_talk_time = DurationDistribution::Fixed(8);
  // How long an answered call waits in silence for an agent before the far end hangs up.
  DurationDistribution silence_patience = DurationDistribution::Exponential(4);

  // Inbound callers (R18): one Poisson stream per dialed number; none by default.
  std::vector<InboundStream> inbound;
  // How long an inbound caller waits in the queue before hanging up, for streams parsed from text.
  DurationDistribution inbound_patience = DurationDistribution::Exponential(90);
  // Share of inbound callers who are known customers (their number from the caller pool).
  double known_caller_share = 0.8;

  uint64_t seed = 1;

  absl::Status Validate() const;
};

}  // namespace tmk::dialing
