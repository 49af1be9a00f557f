#pragma once
// A queue's day in figures (R26): calls offered, answered and abandoned, the service level (share
// of the calls that ended their wait — answered or abandoned — which were answered within the
// threshold; calls still waiting are not judged yet) and the average speed of answer.
#include <optional>
#include <vector>

namespace tmk::dialing {

struct QueuedCallOutcome {
  std::optional<double> answered_after_seconds;  // set when an agent connected
  bool abandoned = false;
};

struct QueueDayFigures {
  long long offered = 0;
  long long answered = 0;
  long long abandoned = 0;
  double service_level = 1;  // 1 with nothing judged yet: no caller was failed
  double average_speed_of_answer_seconds = 0;
};

QueueDayFigures SummarizeQueueDay(const std::vector<QueuedCallOutcome>& calls,
                                  double threshold_seconds);

}  // namespace tmk::dialing
