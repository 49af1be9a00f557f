#include "services/dialing/domain/erlang_c.h"

#include <cmath>

namespace tmk::dialing {

double ErlangCWaitProbability(int agents, double traffic) {
  if (traffic <= 0) return 0;
  if (agents <= 0 || traffic >= agents) return 1;
  // Erlang B by its stable recurrence, then C from B: no factorials to overflow.
  double b = 1;
  for (int n = 1; n <= agents; ++n) b = traffic * b / (n + traffic * b);
  const double rho = traffic / agents;
  return b / (1 - rho + rho * b);
}

double ErlangCServiceLevel(int agents, double traffic, double mean_handle_seconds,
                           double threshold_seconds) {
  if (traffic <= 0) return 1;
  if (agents <= 0 || traffic >= agents) return 0;
  const double waits = ErlangCWaitProbability(agents, traffic);
  return 1 - waits * std::exp(-(agents - traffic) * threshold_seconds / mean_handle_seconds);
}

int ErlangCAgentsFor(double traffic, double mean_handle_seconds, double threshold_seconds,
                     double target, int max_agents) {
  if (traffic <= 0) return 0;
  for (int n = static_cast<int>(std::floor(traffic)) + 1; n <= max_agents; ++n) {
    if (ErlangCServiceLevel(n, traffic, mean_handle_seconds, threshold_seconds) >= target) {
      return n;
    }
  }
  return max_agents;
}

}  // namespace tmk::dialing
