#include "services/dialing/domain/queue_day_figures.h"

namespace tmk::dialing {

QueueDayFigures SummarizeQueueDay(const std::vector<QueuedCallOutcome>& calls,
                                  double threshold_seconds) {
  QueueDayFigures f;
  long long within = 0;
  double answer_seconds = 0;
  for (const QueuedCallOutcome& c : calls) {
    ++f.offered;
    if (c.answered_after_seconds) {
      ++f.answered;
      answer_seconds += *c.answered_after_seconds;
      if (*c.answered_after_seconds <= threshold_seconds) ++within;
    } else if (c.abandoned) {
      ++f.abandoned;
    }
  }
  const long long judged = f.answered + f.abandoned;
  if (judged > 0) f.service_level = double(within) / judged;
  if (f.answered > 0) f.average_speed_of_answer_seconds = answer_seconds / f.answered;
  return f;
}

}  // namespace tmk::dialing
