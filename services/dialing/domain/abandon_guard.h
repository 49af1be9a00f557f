#pragma once
// R20 enforced before a predictive launch, whatever the pacing model says: the calls in flight may
// overrun the abandon budget only with a tiny probability. Every call dialing is assumed to be
// answered by a person with the measured probability, independently, and every answer beyond
// the free agents to be abandoned; agents freeing up meanwhile are ignored, which only makes the
// bound safer.
#include <cstdint>

#include "absl/status/statusor.h"

namespace tmk::dialing {

class AbandonGuard {
 public:
  // `risk`: the accepted probability, per decision, of more abandons than affordable; in (0, 0.1].
  static absl::StatusOr<AbandonGuard> Create(double risk);

  // The most calls that may be dialing: the largest n with
  //   P(Binomial(n, answer_probability) > free_agents + affordable_abandons) <= risk.
  // Dialing for free agents only (n <= free_agents) is never refused. `free_agents` is ready agents
  // minus answered calls waiting for one.
  int MaxDialing(int free_agents, int64_t affordable_abandons, double answer_probability) const;

  // P(Binomial(n, p) > k).
  static double BinomialTail(int n, double p, int64_t k);

 private:
  explicit AbandonGuard(double risk) : risk_(risk) {}
  double risk_;
};

}  // namespace tmk::dialing
