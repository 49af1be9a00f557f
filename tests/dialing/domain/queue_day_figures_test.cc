// A queue's day in figures (R26): service level and speed of answer.
#include "services/dialing/domain/queue_day_figures.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

TEST(QueueDayFiguresTest, ServiceLevelJudgesAnsweredAndAbandonedCalls) {
  std::vector<QueuedCallOutcome> calls = {
      {5.0, false}, {15.0, false}, {40.0, false}, {std::nullopt, true}, {std::nullopt, false}};
  const QueueDayFigures f = SummarizeQueueDay(calls, 20);
  EXPECT_EQ(f.offered, 5);
  EXPECT_EQ(f.answered, 3);
  EXPECT_EQ(f.abandoned, 1);
  EXPECT_DOUBLE_EQ(f.service_level, 2.0 / 4);  // the one still waiting is not judged
  EXPECT_DOUBLE_EQ(f.average_speed_of_answer_seconds, 20);
}

TEST(QueueDayFiguresTest, AnEmptyDayFailedNobody) {
  const QueueDayFigures f = SummarizeQueueDay({}, 20);
  EXPECT_EQ(f.offered, 0);
  EXPECT_EQ(f.service_level, 1);
}

}  // namespace
}  // namespace tmk::dialing
