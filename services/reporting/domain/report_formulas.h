#pragma once
// The measures of R26-R28 as ratios of rolled-up counts and sums. A measure with no denominator
// is 0; the count fields next to it in the report say so.
#include <chrono>
#include <cstdint>
#include <optional>
#include <vector>

#include "services/reporting/domain/call_measures.h"
#include "services/reporting/domain/call_step.h"

namespace tmk::reporting {

double Ratio(double numerator, double denominator);
// Mean duration of `total_ms` over `count` items.
Millis MeanMillis(int64_t total_ms, int64_t count);

// R26.
double AbandonRate(const CallMeasures& m);
// Average handle time: talk + hold + wrap-up per handled call that ended.
Millis AverageHandleTime(const CallMeasures& m);
// Average wait / speed of answer: offered to agent connect per handled call.
Millis AverageWaitTime(const CallMeasures& m);
Millis AverageTransferTime(const CallMeasures& m);
// Share of offered calls handled within the threshold; `threshold_index` into
// kServiceLevelSeconds.
double ServiceLevel(const CallMeasures& m, size_t threshold_index);
// Outbound: reached customers / dial attempts (R26, R27).
double ContactRate(const CallMeasures& m);
// Index of `threshold` in kServiceLevelSeconds; none when it is not one of them.
std::optional<size_t> ServiceLevelIndex(std::chrono::seconds threshold);

// (talk + wrap-up + reserved) / (logged in - paused) (R26, R28).
double Occupancy(Millis busy, Millis logged_in, Millis paused);
double CallsPerHour(int64_t calls, Millis logged_in);
// (revenue - cost) / cost (R16, R27).
double ReturnOnInvestment(double revenue, double cost);
// The campaign's cost: agent hours and line minutes at its rates plus its fixed cost (R16).
double CampaignCost(double agent_hours, double line_minutes, double cost_per_agent_hour,
                    double cost_per_line_minute, double fixed_cost);
// The value at the end of the period at the rate so far.
double ProjectToEnd(double actual, double elapsed_fraction);
// Median of `values` (0 for none); the mean of the two middle values for an even count.
double Median(std::vector<double> values);

}  // namespace tmk::reporting
