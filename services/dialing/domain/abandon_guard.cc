#include "services/dialing/domain/abandon_guard.h"

#include <algorithm>
#include <cmath>

namespace tmk::dialing {

absl::StatusOr<AbandonGuard> AbandonGuard::Create(double risk) {
  if (!(risk > 0 && risk <= 0.1)) {
    return absl::InvalidArgumentError("abandon guard risk must be in (0, 0.1]");
  }
  return AbandonGuard(risk);
}

double AbandonGuard::BinomialTail(int n, double p, int64_t k) {
  if (k < 0) return 1;
  if (k >= n) return 0;
  if (p >= 1) return 1;
  if (p <= 0) return 0;
  // Sum the pmf from k + 1 up; the terms fall fast past the mean, so stop once they vanish.
  const double log_p = std::log(p);
  const double log_q = std::log1p(-p);
  double tail = 0;
  for (int64_t j = k + 1; j <= n; ++j) {
    const double log_pmf = std::lgamma(n + 1.0) - std::lgamma(j + 1.0) - std::lgamma(n - j + 1.0) +
                           j * log_p + (n - j) * log_q;
    const double term = std::exp(log_pmf);
    tail += term;
    if (j > n * p && term < tail * 1e-12) break;
  }
  return std::min(tail, 1.0);
}

int AbandonGuard::MaxDialing(int free_agents, int64_t affordable_abandons,
                             double answer_probability) const {
  // Answers the floor can take without exceeding the budget; negative when more answered calls
  // wait than agents are free.
  const int64_t absorbable = free_agents + std::max<int64_t>(0, affordable_abandons);
  if (absorbable < 0) return 0;
  // The tail grows with n: bracket, then binary search the largest n within the risk.
  int low = static_cast<int>(absorbable);  // never any risk
  int high = low + 1;
  while (BinomialTail(high, answer_probability, absorbable) <= risk_ && high < (1 << 20)) {
    low = high;
    high *= 2;
  }
  while (high - low > 1) {
    const int mid = low + (high - low) / 2;
    (BinomialTail(mid, answer_probability, absorbable) <= risk_ ? low : high) = mid;
  }
  return low;
}

}  // namespace tmk::dialing
