#include "services/campaigns/domain/script_review.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {
namespace {

using State = ScriptVersionState;

absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

absl::Status Refused(std::string_view verb, State state, std::string_view rule) {
  return WithReason(absl::FailedPreconditionError(absl::StrCat(
                        "cannot ", View(verb), " a script version in state ",
                        View(ScriptVersionStateName(state)), ": ", View(rule))),
                    "INVALID_STATE_TRANSITION");
}

absl::Status CheckReviewer(const ReviewFacts& facts, std::string_view verb,
                           std::string_view actor) {
  bool wrote_it = actor == facts.author_id ||
                  std::find(facts.editor_ids.begin(), facts.editor_ids.end(), actor) !=
                      facts.editor_ids.end();
  if (!wrote_it) return absl::OkStatus();
  // The version, not the caller's role, is what refuses: FAILED_PRECONDITION like any other
  // review rule, so clients handle every refusal of a verb alike.
  return WithReason(absl::FailedPreconditionError(absl::StrCat(
                        View(actor), " may not ", View(verb),
                        " a script version they wrote: another reviewer must")),
                    "SELF_REVIEW");
}

}  // namespace

std::string_view ScriptVersionStateName(ScriptVersionState state) {
  switch (state) {
    case State::kDraft:
      return "DRAFT";
    case State::kInReview:
      return "IN_REVIEW";
    case State::kApproved:
      return "APPROVED";
    case State::kRetired:
      return "RETIRED";
    case State::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

absl::StatusOr<ScriptVersionState> ApplyReviewVerb(const ReviewFacts& facts, ReviewVerb verb,
                                                   std::string_view actor) {
  switch (verb) {
    case ReviewVerb::kSubmit:
      if (facts.state != State::kDraft) {
        return Refused("submit", facts.state, "only DRAFT versions are submitted for review");
      }
      if (facts.issue_count > 0) {
        return WithReason(
            absl::FailedPreconditionError(absl::StrCat(
                "the version has ", facts.issue_count,
                " validation issue(s); ValidateScriptVersion lists them")),
            "SCRIPT_VERSION_HAS_ISSUES");
      }
      return State::kInReview;
    case ReviewVerb::kApprove:
    case ReviewVerb::kReject: {
      const bool approve = verb == ReviewVerb::kApprove;
      const std::string_view name = approve ? "approve" : "reject";
      if (facts.state != State::kInReview) {
        return Refused(name, facts.state,
                       facts.state == State::kDraft ? "submit it for review first"
                                                    : "only IN_REVIEW versions are reviewed");
      }
      if (absl::Status reviewer = CheckReviewer(facts, name, actor); !reviewer.ok()) {
        return reviewer;
      }
      return approve ? State::kApproved : State::kDraft;
    }
    case ReviewVerb::kRetire:
      if (facts.state != State::kApproved) {
        return Refused("retire", facts.state, "only APPROVED versions are retired");
      }
      return State::kRetired;
  }
  return absl::InternalError("unknown review verb");
}

absl::Status CheckDraftEditable(ScriptVersionState state) {
  switch (state) {
    case State::kDraft:
      return absl::OkStatus();
    case State::kInReview:
      return WithReason(absl::FailedPreconditionError(
                            "the version is IN_REVIEW: a reviewer must reject it back to DRAFT "
                            "before it changes"),
                        "SCRIPT_VERSION_IN_REVIEW");
    default:
      return WithReason(
          absl::FailedPreconditionError(absl::StrCat(
              "the version is ", View(ScriptVersionStateName(state)),
              " and immutable: create a new version (copy_from_version) to change it")),
          "SCRIPT_VERSION_IMMUTABLE");
  }
}

absl::Status CheckScriptDeletable(bool ever_approved) {
  if (!ever_approved) return absl::OkStatus();
  return WithReason(absl::FailedPreconditionError(
                        "the script has approved versions; retire them instead of deleting it"),
                    "SCRIPT_HAS_APPROVED_VERSIONS");
}

absl::Status CheckCampaignTypeChangeable(bool any_version_reviewed) {
  if (!any_version_reviewed) return absl::OkStatus();
  return WithReason(absl::FailedPreconditionError(
                        "versions of the script were reviewed against its campaign type; create "
                        "a new script for another type"),
                    "SCRIPT_CAMPAIGN_TYPE_FIXED");
}

}  // namespace tmk::campaigns
