#pragma once
// The campaign lifecycle (R7, R14) as a pure state machine:
//   DRAFT -> PILOT (start pilot), DRAFT | PILOT -> ACTIVE (activate), PILOT | ACTIVE -> PAUSED
//   (pause), PAUSED -> the state it was paused from (resume), PILOT | ACTIVE | PAUSED ->
//   COMPLETED (complete), COMPLETED -> ARCHIVED (archive).
// Anything else is FAILED_PRECONDITION with reason INVALID_STATE_TRANSITION. Whether a campaign
// is *ready* for PILOT or ACTIVE is campaign_readiness.h.
#include <string_view>

#include "absl/status/statusor.h"

namespace tmk::campaigns {

// Numeric values equal telemarketing.campaigns.v1.CampaignState.
enum class CampaignState {
  kUnspecified = 0,
  kDraft = 1,
  kPilot = 2,
  kActive = 3,
  kPaused = 4,
  kCompleted = 5,
  kArchived = 6,
};

enum class CampaignVerb { kStartPilot, kActivate, kPause, kResume, kComplete, kArchive };

std::string_view StateName(CampaignState state);
std::string_view VerbName(CampaignVerb verb);

struct LifecyclePosition {
  CampaignState state = CampaignState::kDraft;
  CampaignState paused_from = CampaignState::kUnspecified;  // set only while PAUSED
};

// The position after `verb`, or FAILED_PRECONDITION saying why the verb is refused now.
absl::StatusOr<LifecyclePosition> ApplyVerb(const LifecyclePosition& from, CampaignVerb verb);

// UpdateCampaign is allowed in DRAFT, PILOT and PAUSED only. Once a campaign has been ACTIVE
// (PAUSED from ACTIVE), what its leads were built from — list, script, calling windows — is
// frozen: changing it under running leads would make results incomparable (R14, R27).
// `field` is a top-level Campaign field name, e.g. "target_list_id".
absl::Status CheckFieldEditable(const LifecyclePosition& at, std::string_view field);

// Only DRAFT campaigns can be deleted; others are completed and archived so history stays.
absl::Status CheckDeletable(const LifecyclePosition& at);

}  // namespace tmk::campaigns
