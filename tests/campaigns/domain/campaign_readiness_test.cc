// Readiness for PILOT and ACTIVE (R7-R10, R14): every missing piece is reported, none is invented.
#include "services/campaigns/domain/campaign_readiness.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace tmk::campaigns {
namespace {

ReadinessFacts Ready() {
  ReadinessFacts facts;
  facts.has_target_list = true;
  facts.target_list_exists = true;
  facts.script = ScriptVersionStatus::kApproved;
  facts.has_disposition_set = true;
  facts.disposition_set_exists = true;
  facts.disposition_set_has_active_codes = true;
  facts.has_calling_windows = true;
  facts.has_fallback_time_zone = true;
  facts.has_pilot_sample = true;
  return facts;
}

std::set<std::string> Reasons(const std::vector<ReadinessProblem>& problems) {
  std::set<std::string> reasons;
  for (const ReadinessProblem& p : problems) reasons.insert(p.reason);
  return reasons;
}

TEST(CampaignReadiness, AFullyPreparedCampaignIsReadyForBoth) {
  EXPECT_TRUE(ReadinessProblems(Ready(), CampaignVerb::kStartPilot).empty());
  EXPECT_TRUE(ReadinessProblems(Ready(), CampaignVerb::kActivate).empty());
}

TEST(CampaignReadiness, AnEmptyCampaignListsEveryMissingPiece) {
  std::vector<ReadinessProblem> problems = ReadinessProblems({}, CampaignVerb::kStartPilot);
  EXPECT_EQ(Reasons(problems),
            (std::set<std::string>{"NO_TARGET_LIST", "NO_SCRIPT", "NO_DISPOSITION_SET",
                                   "NO_CALLING_WINDOWS", "NO_FALLBACK_TIME_ZONE",
                                   "NO_PILOT_SAMPLE"}));
  std::set<std::string> fields;
  for (const ReadinessProblem& p : problems) fields.insert(p.field);
  EXPECT_EQ(fields, (std::set<std::string>{"target_list_id", "script_version",
                                           "disposition_set_id", "calling_windows",
                                           "calling_windows.fallback_time_zone", "pilot"}));
}

TEST(CampaignReadiness, ActivationNeedsNoPilotSample) {
  ReadinessFacts facts = Ready();
  facts.has_pilot_sample = false;
  EXPECT_TRUE(ReadinessProblems(facts, CampaignVerb::kActivate).empty());
  EXPECT_EQ(Reasons(ReadinessProblems(facts, CampaignVerb::kStartPilot)),
            std::set<std::string>{"NO_PILOT_SAMPLE"});
}

TEST(CampaignReadiness, ScriptMustExistAndBeApproved) {
  ReadinessFacts facts = Ready();
  facts.script = ScriptVersionStatus::kNotApproved;
  EXPECT_EQ(Reasons(ReadinessProblems(facts, CampaignVerb::kActivate)),
            std::set<std::string>{"SCRIPT_NOT_APPROVED"});
  facts.script = ScriptVersionStatus::kMissing;
  EXPECT_EQ(Reasons(ReadinessProblems(facts, CampaignVerb::kActivate)),
            std::set<std::string>{"SCRIPT_NOT_FOUND"});
}

TEST(CampaignReadiness, ReferencesMustResolve) {
  ReadinessFacts facts = Ready();
  facts.target_list_exists = false;
  facts.disposition_set_exists = false;
  EXPECT_EQ(Reasons(ReadinessProblems(facts, CampaignVerb::kActivate)),
            (std::set<std::string>{"TARGET_LIST_NOT_FOUND", "DISPOSITION_SET_NOT_FOUND"}));
  facts = Ready();
  facts.disposition_set_has_active_codes = false;
  EXPECT_EQ(Reasons(ReadinessProblems(facts, CampaignVerb::kActivate)),
            std::set<std::string>{"NO_ACTIVE_DISPOSITIONS"});
  facts = Ready();
  facts.ended = true;
  EXPECT_EQ(Reasons(ReadinessProblems(facts, CampaignVerb::kActivate)),
            std::set<std::string>{"CAMPAIGN_ENDED"});
}

TEST(CampaignReadiness, WindowsMustStillFitTheRegionsPolicy) {
  ReadinessFacts facts = Ready();
  facts.calling_windows_problem = "calling_windows.windows[0].weekly[0].ranges[0]: outside 08:00-20:00";
  std::vector<ReadinessProblem> problems = ReadinessProblems(facts, CampaignVerb::kActivate);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].reason, "CALLING_WINDOWS_INVALID");
  EXPECT_EQ(problems[0].description, facts.calling_windows_problem);
}

TEST(CampaignReadiness, ScriptsMaySuggestOnlyCodesTheSetOffers) {
  ReadinessFacts facts = Ready();
  facts.unknown_disposition_codes = {"CALL_ME_MAYBE"};
  std::vector<ReadinessProblem> problems = ReadinessProblems(facts, CampaignVerb::kActivate);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].reason, "UNKNOWN_DISPOSITION_CODE");
  EXPECT_NE(problems[0].description.find("CALL_ME_MAYBE"), std::string::npos);
}

TEST(CampaignReadiness, APilotChecksEachVariantsOwnScript) {
  ReadinessFacts facts = Ready();
  facts.variants = {{"A", ScriptVersionStatus::kNotSet}, {"B", ScriptVersionStatus::kNotApproved}};
  std::vector<ReadinessProblem> problems = ReadinessProblems(facts, CampaignVerb::kStartPilot);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].field, "pilot.variants[1].script_version");
  EXPECT_EQ(problems[0].reason, "SCRIPT_NOT_APPROVED");
}

}  // namespace
}  // namespace tmk::campaigns
