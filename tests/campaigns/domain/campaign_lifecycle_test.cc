// The campaign lifecycle state machine (R7, R14): every allowed transition, every refusal.
#include "services/campaigns/domain/campaign_lifecycle.h"

#include <gtest/gtest.h>

#include "services/common/core/status_details.h"

namespace tmk::campaigns {
namespace {

using S = CampaignState;
using V = CampaignVerb;

LifecyclePosition At(S state, S paused_from = S::kUnspecified) { return {state, paused_from}; }

TEST(CampaignLifecycle, FollowsTheDocumentedPaths) {
  struct Case {
    LifecyclePosition from;
    V verb;
    LifecyclePosition to;
  };
  const Case cases[] = {
      {At(S::kDraft), V::kStartPilot, At(S::kPilot)},
      {At(S::kDraft), V::kActivate, At(S::kActive)},
      {At(S::kPilot), V::kActivate, At(S::kActive)},
      {At(S::kPilot), V::kPause, At(S::kPaused, S::kPilot)},
      {At(S::kActive), V::kPause, At(S::kPaused, S::kActive)},
      {At(S::kPaused, S::kPilot), V::kResume, At(S::kPilot)},
      {At(S::kPaused, S::kActive), V::kResume, At(S::kActive)},
      {At(S::kPilot), V::kComplete, At(S::kCompleted)},
      {At(S::kActive), V::kComplete, At(S::kCompleted)},
      {At(S::kPaused, S::kActive), V::kComplete, At(S::kCompleted)},
      {At(S::kCompleted), V::kArchive, At(S::kArchived)},
  };
  for (const Case& c : cases) {
    absl::StatusOr<LifecyclePosition> to = ApplyVerb(c.from, c.verb);
    ASSERT_TRUE(to.ok()) << StateName(c.from.state) << " " << VerbName(c.verb) << ": " << to.status();
    EXPECT_EQ(to->state, c.to.state) << StateName(c.from.state) << " " << VerbName(c.verb);
    EXPECT_EQ(to->paused_from, c.to.paused_from) << StateName(c.from.state) << " " << VerbName(c.verb);
  }
}

TEST(CampaignLifecycle, RefusesEverythingElseWithTheReason) {
  const std::pair<LifecyclePosition, V> refused[] = {
      {At(S::kDraft), V::kPause},          {At(S::kDraft), V::kResume},
      {At(S::kDraft), V::kComplete},       {At(S::kDraft), V::kArchive},
      {At(S::kPilot), V::kStartPilot},     {At(S::kPilot), V::kResume},
      {At(S::kPilot), V::kArchive},        {At(S::kActive), V::kStartPilot},
      {At(S::kActive), V::kActivate},      {At(S::kActive), V::kResume},
      {At(S::kActive), V::kArchive},       {At(S::kPaused, S::kActive), V::kPause},
      {At(S::kPaused, S::kActive), V::kActivate}, {At(S::kPaused, S::kActive), V::kStartPilot},
      {At(S::kCompleted), V::kActivate},   {At(S::kCompleted), V::kResume},
      {At(S::kCompleted), V::kPause},      {At(S::kArchived), V::kArchive},
      {At(S::kArchived), V::kActivate},    {At(S::kArchived), V::kComplete},
  };
  for (const auto& [from, verb] : refused) {
    absl::StatusOr<LifecyclePosition> to = ApplyVerb(from, verb);
    ASSERT_FALSE(to.ok()) << StateName(from.state) << " " << VerbName(verb);
    EXPECT_EQ(to.status().code(), absl::StatusCode::kFailedPrecondition);
    EXPECT_EQ(ReasonOf(to.status()), "INVALID_STATE_TRANSITION");
    EXPECT_NE(std::string(to.status().message()).find(StateName(from.state)), std::string::npos)
        << "the message names the current state: " << to.status().message();
  }
}

TEST(CampaignLifecycle, APausedCampaignWithoutItsOriginIsABrokenInvariant) {
  EXPECT_EQ(ApplyVerb(At(S::kPaused), V::kResume).status().code(), absl::StatusCode::kInternal);
}

TEST(CampaignLifecycle, EditsOnlyInDraftPilotAndPaused) {
  EXPECT_TRUE(CheckFieldEditable(At(S::kDraft), "target_list_id").ok());
  EXPECT_TRUE(CheckFieldEditable(At(S::kPilot), "script_version").ok());
  EXPECT_TRUE(CheckFieldEditable(At(S::kPaused, S::kPilot), "calling_windows").ok());
  for (S state : {S::kActive, S::kCompleted, S::kArchived}) {
    absl::Status status = CheckFieldEditable(At(state), "display_name");
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << StateName(state);
    EXPECT_EQ(ReasonOf(status), "CAMPAIGN_NOT_EDITABLE");
  }
}

TEST(CampaignLifecycle, OnceActiveTheListScriptAndWindowsAreFrozen) {
  const LifecyclePosition paused_active = At(S::kPaused, S::kActive);
  for (const char* field : {"target_list_id", "script_id", "script_version", "calling_windows", "pilot"}) {
    absl::Status status = CheckFieldEditable(paused_active, field);
    EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition) << field;
    EXPECT_EQ(ReasonOf(status), "FIELD_FROZEN_WHEN_ACTIVE") << field;
  }
  EXPECT_TRUE(CheckFieldEditable(paused_active, "display_name").ok());
  EXPECT_TRUE(CheckFieldEditable(paused_active, "contact_strategy").ok());
}

TEST(CampaignLifecycle, OnlyDraftsAreDeleted) {
  EXPECT_TRUE(CheckDeletable(At(S::kDraft)).ok());
  for (S state : {S::kPilot, S::kActive, S::kCompleted, S::kArchived}) {
    EXPECT_EQ(ReasonOf(CheckDeletable(At(state))), "CAMPAIGN_NOT_DRAFT") << StateName(state);
  }
}

}  // namespace
}  // namespace tmk::campaigns
