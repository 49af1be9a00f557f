#pragma once
// What still prevents a campaign from entering PILOT or ACTIVE (R7, R8, R9, R10, R14): an
// approved script version, an existing disposition set with usable codes, calling windows, a
// target list built from segments, and for a pilot a sample. Plain facts in, every problem out,
// so CheckCampaignReadiness can list them all and the transition verbs refuse with the same list.
#include <string>
#include <vector>

#include "services/campaigns/domain/campaign_lifecycle.h"

namespace tmk::campaigns {

// Whether a referenced approved script version is usable.
enum class ScriptVersionStatus { kNotSet, kMissing, kNotApproved, kApproved };

struct VariantFacts {
  std::string variant_id;
  // kNotSet when the variant uses the campaign's script.
  ScriptVersionStatus script = ScriptVersionStatus::kNotSet;
};

struct ReadinessFacts {
  bool has_target_list = false;
  bool target_list_exists = false;  // contacts has it (R8)
  ScriptVersionStatus script = ScriptVersionStatus::kNotSet;
  bool has_disposition_set = false;
  bool disposition_set_exists = false;
  bool disposition_set_has_active_codes = false;
  // Wrap-up codes the scripts suggest that the disposition set lacks (or has retired).
  std::vector<std::string> unknown_disposition_codes;
  bool has_calling_windows = false;
  bool has_fallback_time_zone = false;  // for customers whose own zone is unknown (R10)
  // The first problem of the windows under the region's current policy (legal bounds may have
  // narrowed since the campaign was edited); empty when they are fine.
  std::string calling_windows_problem;
  bool has_pilot_sample = false;  // PilotPlan.sample_fraction or sample_size set
  std::vector<VariantFacts> variants;
  bool ended = false;  // end_time is in the past
};

struct ReadinessProblem {
  std::string field;   // Campaign field path, e.g. "script_version"
  std::string reason;  // UPPER_SNAKE_CASE, e.g. "SCRIPT_NOT_APPROVED"
  std::string description;
};

// Problems for entering PILOT (verb kStartPilot) or ACTIVE (kActivate); empty when ready.
std::vector<ReadinessProblem> ReadinessProblems(const ReadinessFacts& facts, CampaignVerb verb);

}  // namespace tmk::campaigns
