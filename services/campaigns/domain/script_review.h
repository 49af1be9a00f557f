#pragma once
// The review workflow of a script version (R9: scripts are reviewed before use):
//   DRAFT -> IN_REVIEW (submit, only without validation issues), IN_REVIEW -> APPROVED (approve)
//   or -> DRAFT (reject), APPROVED -> RETIRED (retire).
// Four eyes: nobody who wrote a version — its author or anyone who edited it — reviews it.
// Only drafts change; APPROVED and RETIRED versions are immutable, so what was reviewed is what
// agents read. Refusals are FAILED_PRECONDITION with a reason (self-review: SELF_REVIEW).
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tmk::campaigns {

// Values equal telemarketing.campaigns.v1.ScriptVersionState.
enum class ScriptVersionState {
  kUnspecified = 0,
  kDraft = 1,
  kInReview = 2,
  kApproved = 3,
  kRetired = 4,
};
inline constexpr int kMaxScriptVersionState = 4;

enum class ReviewVerb { kSubmit, kApprove, kReject, kRetire };

// The contract's name without prefix, e.g. "IN_REVIEW".
std::string_view ScriptVersionStateName(ScriptVersionState state);

struct ReviewFacts {
  ScriptVersionState state = ScriptVersionState::kDraft;
  std::string author_id;
  std::vector<std::string> editor_ids;  // everyone who changed the draft after its author
  size_t issue_count = 0;               // validation issues of the content now
};

// The state after `actor` applies `verb`, or why it is refused.
absl::StatusOr<ScriptVersionState> ApplyReviewVerb(const ReviewFacts& facts, ReviewVerb verb,
                                                   std::string_view actor);

// Updating or deleting a version: drafts only.
absl::Status CheckDraftEditable(ScriptVersionState state);

// A script that ever had an approved version is kept: campaigns and recordings refer to it.
absl::Status CheckScriptDeletable(bool ever_approved);

// The campaign type decides the mandatory statements a version was reviewed against, so it is
// fixed once any version has left DRAFT.
absl::Status CheckCampaignTypeChangeable(bool any_version_reviewed);

}  // namespace tmk::campaigns
