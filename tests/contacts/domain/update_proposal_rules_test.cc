// Update proposal decisions (R32): per-field last-writer-wins on the hybrid logical clock, erased
// customers, invalid values, and contact points merged by normalised value.
#include "services/contacts/domain/update_proposal_rules.h"

#include <gtest/gtest.h>

namespace tmk::contacts {
namespace {

HlcTimestamp At(int64_t millis, uint32_t logical = 0, std::string node = "gd") {
  return HlcTimestamp{millis, logical, std::move(node)};
}

TEST(UpdateProposalRulesTest, FieldHlcIsTheLatestOfCreationAndRelatedChanges) {
  FieldClocks clocks{{"residence", At(200)}, {"residence.city_code", At(300)},
                     {"display_name", At(150)}};
  EXPECT_EQ(FieldHlc(clocks, At(100), "residence.city_code"), At(300));
  EXPECT_EQ(FieldHlc(clocks, At(100), "residence.province_code"), At(200));
  EXPECT_EQ(FieldHlc(clocks, At(100), "residence"), At(300));
  EXPECT_EQ(FieldHlc(clocks, At(100), "occupation"), At(100));
  EXPECT_EQ(FieldHlc(clocks, At(100), "display_name"), At(150));
  // A path that only shares a prefix is not related.
  EXPECT_EQ(FieldHlc({{"tags", At(500)}}, At(100), "tags_extra"), At(100));
}

TEST(UpdateProposalRulesTest, LaterWinsEarlierIsStaleTiesBreakOnNode) {
  FieldClocks clocks{{"display_name", At(500)}, {"occupation", At(500, 0, "gd")}};
  std::vector<FieldDecision> d =
      DecideFields({{"display_name", At(600)}, {"occupation", At(500, 0, "sc")},
                    {"vip_tier", At(50)}},
                   true, clocks, At(100), {});
  ASSERT_EQ(d.size(), 3u);
  EXPECT_EQ(d[0].result, FieldResult::kApplied);
  EXPECT_EQ(d[1].result, FieldResult::kApplied);  // same millis and counter: "sc" > "gd"
  EXPECT_EQ(d[2].result, FieldResult::kStale);    // learned before the customer existed
  EXPECT_EQ(Summarize(d), ProposalVerdict::kPartiallyApplied);

  std::vector<FieldDecision> same =
      DecideFields({{"display_name", At(500)}}, true, clocks, At(100), {});
  EXPECT_EQ(same[0].result, FieldResult::kStale);  // equal stamps: the current value stays
  EXPECT_EQ(Summarize(same), ProposalVerdict::kRejected);
}

TEST(UpdateProposalRulesTest, InvalidAndDeletedAreReportedPerField) {
  std::vector<FieldDecision> d = DecideFields(
      {{"birth_year", At(900)}, {"occupation", At(900)}}, true, {}, At(100),
      {{"birth_year", "between 1900 and this year"}});
  EXPECT_EQ(d[0].result, FieldResult::kInvalid);
  EXPECT_EQ(d[0].message, "between 1900 and this year");
  EXPECT_EQ(d[1].result, FieldResult::kApplied);

  std::vector<FieldDecision> gone = DecideFields({{"occupation", At(900)}}, false, {}, At(100), {});
  EXPECT_EQ(gone[0].result, FieldResult::kCustomerDeleted);
  EXPECT_EQ(Summarize(gone), ProposalVerdict::kRejected);
  EXPECT_EQ(Summarize(DecideFields({{"occupation", At(900)}}, true, {}, At(100), {})),
            ProposalVerdict::kApplied);
}

TEST(UpdateProposalRulesTest, ContactPointsMergeByNormalisedValue) {
  std::vector<std::string> existing{"+8613800138000", "+8613900139000"};
  std::vector<std::string> ids{"p1", "p2"};
  FieldClocks clocks{{"contact_points.p2", At(800)}};
  std::vector<PointMerge> merge = MergeProposedPoints(
      existing, ids, {"+8613700137000", "+8613800138000", "+8613900139000"}, At(700), clocks,
      At(100));
  ASSERT_EQ(merge.size(), 3u);
  EXPECT_EQ(merge[0].existing, -1);  // new: always added
  EXPECT_TRUE(merge[0].apply);
  EXPECT_EQ(merge[1].existing, 0);  // known, unchanged since creation: updated
  EXPECT_TRUE(merge[1].apply);
  EXPECT_EQ(merge[2].existing, 1);  // known, changed after the proposal learned it: kept
  EXPECT_FALSE(merge[2].apply);
}

}  // namespace
}  // namespace tmk::contacts
