#include "services/campaigns/domain/campaign_readiness.h"

#include "absl/strings/str_cat.h"

namespace tmk::campaigns {
namespace {

void CheckScript(ScriptVersionStatus status, const std::string& field,
                 std::vector<ReadinessProblem>& problems) {
  switch (status) {
    case ScriptVersionStatus::kNotSet:
      problems.push_back({field, "NO_SCRIPT", "no script version is set (R9)"});
      break;
    case ScriptVersionStatus::kMissing:
      problems.push_back({field, "SCRIPT_NOT_FOUND", "the script version does not exist"});
      break;
    case ScriptVersionStatus::kNotApproved:
      problems.push_back({field, "SCRIPT_NOT_APPROVED",
                          "the script version is not APPROVED: scripts are reviewed before use (R9)"});
      break;
    case ScriptVersionStatus::kApproved:
      break;
  }
}

}  // namespace

std::vector<ReadinessProblem> ReadinessProblems(const ReadinessFacts& facts, CampaignVerb verb) {
  std::vector<ReadinessProblem> problems;
  if (!facts.has_target_list) {
    problems.push_back({"target_list_id", "NO_TARGET_LIST",
                        "no target list: lists are built from customer segments (R8)"});
  } else if (!facts.target_list_exists) {
    problems.push_back({"target_list_id", "TARGET_LIST_NOT_FOUND",
                        "contacts has no list with this id"});
  }
  CheckScript(facts.script, "script_version", problems);
  if (!facts.has_disposition_set) {
    problems.push_back({"disposition_set_id", "NO_DISPOSITION_SET", "no disposition set"});
  } else if (!facts.disposition_set_exists) {
    problems.push_back({"disposition_set_id", "DISPOSITION_SET_NOT_FOUND",
                        "the disposition set does not exist"});
  } else if (!facts.disposition_set_has_active_codes) {
    problems.push_back({"disposition_set_id", "NO_ACTIVE_DISPOSITIONS",
                        "every code of the disposition set is retired"});
  }
  for (const std::string& code : facts.unknown_disposition_codes) {
    problems.push_back({"disposition_set_id", "UNKNOWN_DISPOSITION_CODE",
                        "the script suggests wrap-up code " + code +
                            ", which the disposition set does not offer"});
  }
  if (!facts.has_calling_windows) {
    problems.push_back({"calling_windows", "NO_CALLING_WINDOWS", "no calling windows (R10)"});
  } else if (!facts.calling_windows_problem.empty()) {
    problems.push_back({"calling_windows", "CALLING_WINDOWS_INVALID", facts.calling_windows_problem});
  }
  if (!facts.has_fallback_time_zone) {
    problems.push_back({"calling_windows.fallback_time_zone", "NO_FALLBACK_TIME_ZONE",
                        "no fallback time zone for customers whose own zone is unknown (R10)"});
  }
  if (facts.ended) {
    problems.push_back({"end_time", "CAMPAIGN_ENDED", "end_time has passed"});
  }
  if (verb == CampaignVerb::kStartPilot) {
    if (!facts.has_pilot_sample) {
      problems.push_back({"pilot", "NO_PILOT_SAMPLE",
                          "a pilot needs pilot.sample_fraction or pilot.sample_size (R14)"});
    }
    for (size_t i = 0; i < facts.variants.size(); ++i) {
      if (facts.variants[i].script == ScriptVersionStatus::kNotSet) continue;
      CheckScript(facts.variants[i].script, absl::StrCat("pilot.variants[", i, "].script_version"),
                  problems);
    }
  }
  return problems;
}

}  // namespace tmk::campaigns
