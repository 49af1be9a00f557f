// Forwarding changes to contacts (R2, R3): outages are retried with backoff until contacts is
// back; refusals on the merits are final and never retried forever.
#include "services/dialing/domain/forward_retry.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

TEST(ForwardRetryTest, OutagesAreRetriedRefusalsAreFinal) {
  EXPECT_TRUE(IsFinalAnswer(absl::StatusCode::kOk));
  EXPECT_TRUE(IsFinalAnswer(absl::StatusCode::kInvalidArgument));
  EXPECT_TRUE(IsFinalAnswer(absl::StatusCode::kNotFound));
  EXPECT_TRUE(IsFinalAnswer(absl::StatusCode::kFailedPrecondition));
  EXPECT_TRUE(IsFinalAnswer(absl::StatusCode::kPermissionDenied));
  EXPECT_FALSE(IsFinalAnswer(absl::StatusCode::kUnavailable));
  EXPECT_FALSE(IsFinalAnswer(absl::StatusCode::kDeadlineExceeded));
  EXPECT_FALSE(IsFinalAnswer(absl::StatusCode::kUnauthenticated));
  EXPECT_FALSE(IsFinalAnswer(absl::StatusCode::kAborted));
}

TEST(ForwardRetryTest, TheBackoffDoublesFromOneSecondUpToFiveMinutes) {
  EXPECT_EQ(ForwardBackoff(0), std::chrono::seconds(1));
  EXPECT_EQ(ForwardBackoff(1), std::chrono::seconds(2));
  EXPECT_EQ(ForwardBackoff(4), std::chrono::seconds(16));
  EXPECT_EQ(ForwardBackoff(9), std::chrono::minutes(5));
  EXPECT_EQ(ForwardBackoff(1000), std::chrono::minutes(5));
}

}  // namespace
}  // namespace tmk::dialing
