#include "services/reporting/domain/report_formulas.h"

#include <algorithm>

namespace tmk::reporting {

double Ratio(double numerator, double denominator) {
  return denominator == 0 ? 0.0 : numerator / denominator;
}

Millis MeanMillis(int64_t total_ms, int64_t count) {
  return count == 0 ? Millis(0) : Millis(total_ms / count);
}

double AbandonRate(const CallMeasures& m) { return Ratio(m.abandoned, m.offered); }

Millis AverageHandleTime(const CallMeasures& m) {
  return MeanMillis(m.talk_ms + m.hold_ms + m.wrap_ms, m.handle_count);
}

Millis AverageWaitTime(const CallMeasures& m) { return MeanMillis(m.wait_ms, m.handled); }

Millis AverageTransferTime(const CallMeasures& m) { return MeanMillis(m.transfer_ms, m.transferred); }

double ServiceLevel(const CallMeasures& m, size_t threshold_index) {
  return Ratio(m.answered_within.at(threshold_index), m.offered);
}

double ContactRate(const CallMeasures& m) { return Ratio(m.contacts, m.dial_attempts); }

std::optional<size_t> ServiceLevelIndex(std::chrono::seconds threshold) {
  for (size_t i = 0; i < kServiceLevelSeconds.size(); ++i) {
    if (kServiceLevelSeconds[i] == threshold.count()) return i;
  }
  return std::nullopt;
}

double Occupancy(Millis busy, Millis logged_in, Millis paused) {
  return Ratio(busy.count(), (logged_in - paused).count());
}

double CallsPerHour(int64_t calls, Millis logged_in) {
  return Ratio(calls, logged_in.count() / 3'600'000.0);
}

double ReturnOnInvestment(double revenue, double cost) { return Ratio(revenue - cost, cost); }

double CampaignCost(double agent_hours, double line_minutes, double cost_per_agent_hour,
                    double cost_per_line_minute, double fixed_cost) {
  return agent_hours * cost_per_agent_hour + line_minutes * cost_per_line_minute + fixed_cost;
}

double ProjectToEnd(double actual, double elapsed_fraction) {
  return elapsed_fraction <= 0 ? actual : actual / std::min(1.0, elapsed_fraction);
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace tmk::reporting
