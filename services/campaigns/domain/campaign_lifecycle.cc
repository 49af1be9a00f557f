#include "services/campaigns/domain/campaign_lifecycle.h"

#include <string>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {
namespace {

absl::Status Refused(std::string message) {
  return WithReason(absl::FailedPreconditionError(std::move(message)), "INVALID_STATE_TRANSITION");
}

bool Editable(CampaignState state) {
  return state == CampaignState::kDraft || state == CampaignState::kPilot ||
         state == CampaignState::kPaused;
}

}  // namespace

std::string_view StateName(CampaignState state) {
  switch (state) {
    case CampaignState::kUnspecified: return "UNSPECIFIED";
    case CampaignState::kDraft: return "DRAFT";
    case CampaignState::kPilot: return "PILOT";
    case CampaignState::kActive: return "ACTIVE";
    case CampaignState::kPaused: return "PAUSED";
    case CampaignState::kCompleted: return "COMPLETED";
    case CampaignState::kArchived: return "ARCHIVED";
  }
  return "UNKNOWN";
}

std::string_view VerbName(CampaignVerb verb) {
  switch (verb) {
    case CampaignVerb::kStartPilot: return "start a pilot";
    case CampaignVerb::kActivate: return "activate";
    case CampaignVerb::kPause: return "pause";
    case CampaignVerb::kResume: return "resume";
    case CampaignVerb::kComplete: return "complete";
    case CampaignVerb::kArchive: return "archive";
  }
  return "change";
}

absl::StatusOr<LifecyclePosition> ApplyVerb(const LifecyclePosition& from, CampaignVerb verb) {
  const CampaignState s = from.state;
  auto to = [](CampaignState state, CampaignState paused_from = CampaignState::kUnspecified) {
    return LifecyclePosition{state, paused_from};
  };
  switch (verb) {
    case CampaignVerb::kStartPilot:
      if (s == CampaignState::kDraft) return to(CampaignState::kPilot);
      break;
    case CampaignVerb::kActivate:
      if (s == CampaignState::kDraft || s == CampaignState::kPilot) return to(CampaignState::kActive);
      if (s == CampaignState::kPaused) {
        return Refused("cannot activate a PAUSED campaign: resume it, then activate from PILOT");
      }
      break;
    case CampaignVerb::kPause:
      if (s == CampaignState::kPilot || s == CampaignState::kActive) {
        return to(CampaignState::kPaused, s);
      }
      break;
    case CampaignVerb::kResume:
      if (s == CampaignState::kPaused) {
        if (from.paused_from != CampaignState::kPilot && from.paused_from != CampaignState::kActive) {
          // A broken invariant of stored data, not a client mistake.
          return absl::InternalError("paused campaign without a valid paused_from state");
        }
        return to(from.paused_from);
      }
      break;
    case CampaignVerb::kComplete:
      if (s == CampaignState::kPilot || s == CampaignState::kActive || s == CampaignState::kPaused) {
        return to(CampaignState::kCompleted);
      }
      break;
    case CampaignVerb::kArchive:
      if (s == CampaignState::kCompleted) return to(CampaignState::kArchived);
      break;
  }
  return Refused(absl::StrCat("cannot ", std::string(VerbName(verb)), " a campaign in state ",
                              std::string(StateName(s))));
}

absl::Status CheckFieldEditable(const LifecyclePosition& at, std::string_view field) {
  if (!Editable(at.state)) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "a campaign in state ", std::string(StateName(at.state)),
                          " cannot be edited; pause it first")),
                      "CAMPAIGN_NOT_EDITABLE");
  }
  bool frozen_once_active = field == "target_list_id" || field == "script_id" ||
                            field == "script_version" || field == "calling_windows" ||
                            field == "pilot";
  if (frozen_once_active && at.state == CampaignState::kPaused &&
      at.paused_from == CampaignState::kActive) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            std::string(field), " cannot change once the campaign has been ACTIVE: its leads were built "
            "from it; complete this campaign and create a new one")),
        "FIELD_FROZEN_WHEN_ACTIVE");
  }
  return absl::OkStatus();
}

absl::Status CheckDeletable(const LifecyclePosition& at) {
  if (at.state == CampaignState::kDraft) return absl::OkStatus();
  return WithReason(absl::FailedPreconditionError(absl::StrCat(
                        "only DRAFT campaigns can be deleted; this one is ",
                        std::string(StateName(at.state)), ": complete and archive it instead")),
                    "CAMPAIGN_NOT_DRAFT");
}

}  // namespace tmk::campaigns
