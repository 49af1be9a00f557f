// The review workflow of script versions (R9): DRAFT -> IN_REVIEW -> APPROVED -> RETIRED, rejection
// back to DRAFT, four eyes, immutability of what was approved, and the script-level rules that
// follow from review history.
#include "services/campaigns/domain/script_review.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "services/common/core/status_details.h"

namespace tmk::campaigns {
namespace {

using ::testing::HasSubstr;
using State = ScriptVersionState;

ReviewFacts Facts(State state, size_t issues = 0) {
  return ReviewFacts{state, "author-1", {"editor-2"}, issues};
}

TEST(ScriptReview, ADraftGoesThroughReviewToApprovalAndRetirement) {
  absl::StatusOr<State> state = ApplyReviewVerb(Facts(State::kDraft), ReviewVerb::kSubmit, "author-1");
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(*state, State::kInReview);
  state = ApplyReviewVerb(Facts(*state), ReviewVerb::kApprove, "reviewer-3");
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(*state, State::kApproved);
  state = ApplyReviewVerb(Facts(*state), ReviewVerb::kRetire, "author-1");
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(*state, State::kRetired);
}

TEST(ScriptReview, ARejectedVersionIsADraftAgain) {
  absl::StatusOr<State> state =
      ApplyReviewVerb(Facts(State::kInReview), ReviewVerb::kReject, "reviewer-3");
  ASSERT_TRUE(state.ok()) << state.status();
  EXPECT_EQ(*state, State::kDraft);
}

TEST(ScriptReview, AVersionWithIssuesCannotBeSubmitted) {
  absl::StatusOr<State> state =
      ApplyReviewVerb(Facts(State::kDraft, 3), ReviewVerb::kSubmit, "author-1");
  EXPECT_EQ(state.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(state.status()), "SCRIPT_VERSION_HAS_ISSUES");
  EXPECT_THAT(state.status().message(), HasSubstr("3 validation issue"));
}

TEST(ScriptReview, NobodyWhoWroteAVersionReviewsIt) {
  for (const char* writer : {"author-1", "editor-2"}) {
    for (ReviewVerb verb : {ReviewVerb::kApprove, ReviewVerb::kReject}) {
      absl::StatusOr<State> state = ApplyReviewVerb(Facts(State::kInReview), verb, writer);
      EXPECT_EQ(state.status().code(), absl::StatusCode::kFailedPrecondition) << writer;
      EXPECT_EQ(ReasonOf(state.status()), "SELF_REVIEW");
    }
  }
}

TEST(ScriptReview, VerbsOutOfOrderAreFailedPreconditionsSayingWhy) {
  struct Case {
    State from;
    ReviewVerb verb;
    const char* says;
  };
  for (const Case& c : std::vector<Case>{
           {State::kDraft, ReviewVerb::kApprove, "submit it for review first"},
           {State::kDraft, ReviewVerb::kReject, "submit it for review first"},
           {State::kApproved, ReviewVerb::kApprove, "only IN_REVIEW versions are reviewed"},
           {State::kInReview, ReviewVerb::kSubmit, "only DRAFT versions are submitted"},
           {State::kApproved, ReviewVerb::kSubmit, "only DRAFT versions are submitted"},
           {State::kInReview, ReviewVerb::kRetire, "only APPROVED versions are retired"},
           {State::kRetired, ReviewVerb::kRetire, "only APPROVED versions are retired"},
           {State::kRetired, ReviewVerb::kApprove, "only IN_REVIEW versions are reviewed"},
       }) {
    absl::StatusOr<State> state = ApplyReviewVerb(Facts(c.from), c.verb, "reviewer-3");
    EXPECT_EQ(state.status().code(), absl::StatusCode::kFailedPrecondition) << c.says;
    EXPECT_EQ(ReasonOf(state.status()), "INVALID_STATE_TRANSITION");
    EXPECT_THAT(state.status().message(), HasSubstr(c.says));
    EXPECT_THAT(state.status().message(),
                HasSubstr(std::string(ScriptVersionStateName(c.from))));
  }
}

TEST(ScriptReview, OnlyDraftsChange) {
  EXPECT_TRUE(CheckDraftEditable(State::kDraft).ok());
  EXPECT_EQ(ReasonOf(CheckDraftEditable(State::kInReview)), "SCRIPT_VERSION_IN_REVIEW");
  for (State frozen : {State::kApproved, State::kRetired}) {
    absl::Status status = CheckDraftEditable(frozen);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(status), "SCRIPT_VERSION_IMMUTABLE");
    EXPECT_THAT(status.message(), HasSubstr("copy_from_version"));
  }
}

TEST(ScriptReview, ReviewHistoryFixesTheScript) {
  EXPECT_TRUE(CheckScriptDeletable(false).ok());
  EXPECT_EQ(ReasonOf(CheckScriptDeletable(true)), "SCRIPT_HAS_APPROVED_VERSIONS");
  EXPECT_TRUE(CheckCampaignTypeChangeable(false).ok());
  EXPECT_EQ(CheckCampaignTypeChangeable(true).code(), absl::StatusCode::kFailedPrecondition);
}

}  // namespace
}  // namespace tmk::campaigns
