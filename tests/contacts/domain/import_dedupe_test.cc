// Batch dedupe of imports (R1, R2): created rows claim their keys, duplicates follow the policy,
// merges chain through the numbers they add.
#include "services/contacts/domain/import_dedupe.h"

#include <gtest/gtest.h>

namespace tmk::contacts {
namespace {

using Kind = ImportDecision::Kind;

std::vector<Kind> Kinds(const std::vector<ImportDecision>& decisions) {
  std::vector<Kind> out;
  for (const ImportDecision& d : decisions) out.push_back(d.kind);
  return out;
}

TEST(ImportDedupe, SkipKeepsTheFirstRowAndTheStoredCustomer) {
  std::vector<std::vector<std::string>> keys{
      {PhoneKey("a")}, {PhoneKey("b")}, {PhoneKey("a")}, {ExternalIdKey("crm-1"), PhoneKey("c")}};
  std::map<std::string, std::string> stored{{ExternalIdKey("crm-1"), "cust-9"}};
  std::vector<ImportDecision> d = DecideDuplicates(keys, stored, ImportDuplicatePolicy::kSkip);
  EXPECT_EQ(Kinds(d), (std::vector<Kind>{Kind::kCreate, Kind::kCreate, Kind::kSkip, Kind::kSkip}));
  EXPECT_EQ(d[2].matched_key, PhoneKey("a"));
  EXPECT_TRUE(IsPhoneKey(d[2].matched_key));
  EXPECT_FALSE(IsPhoneKey(d[3].matched_key));
}

TEST(ImportDedupe, ASkippedRowClaimsNothing) {
  // Row 0 duplicates a stored customer; its second number was not written, so row 1 creates.
  std::vector<std::vector<std::string>> keys{{PhoneKey("a"), PhoneKey("b")}, {PhoneKey("b")}};
  std::map<std::string, std::string> stored{{PhoneKey("a"), "cust-1"}};
  EXPECT_EQ(Kinds(DecideDuplicates(keys, stored, ImportDuplicatePolicy::kReject)),
            (std::vector<Kind>{Kind::kReject, Kind::kCreate}));
}

TEST(ImportDedupe, MergesFollowTheNumbersTheyAdd) {
  std::vector<std::vector<std::string>> keys{
      {PhoneKey("a")},                 // creates
      {PhoneKey("a"), PhoneKey("b")},  // merges into row 0, which now has b
      {PhoneKey("b")},                 // so this joins row 0 as well
      {PhoneKey("s"), PhoneKey("c")},  // merges into the stored customer
      {PhoneKey("c")},                 // and so does this one, through c
  };
  std::map<std::string, std::string> stored{{PhoneKey("s"), "cust-1"}};
  std::vector<ImportDecision> d = DecideDuplicates(keys, stored, ImportDuplicatePolicy::kMerge);
  EXPECT_EQ(Kinds(d), (std::vector<Kind>{Kind::kCreate, Kind::kMergeIntoRow, Kind::kMergeIntoRow,
                                         Kind::kMergeIntoStored, Kind::kMergeIntoStored}));
  EXPECT_EQ(d[1].row, 0u);
  EXPECT_EQ(d[2].row, 0u);
  EXPECT_EQ(d[3].customer_id, "cust-1");
  EXPECT_EQ(d[4].customer_id, "cust-1");
}

TEST(ImportDedupe, TheExternalIdPicksTheMergeTargetBeforeAPhone) {
  std::vector<std::vector<std::string>> keys{{ExternalIdKey("crm-2"), PhoneKey("a")}};
  std::map<std::string, std::string> stored{{PhoneKey("a"), "by-phone"},
                                            {ExternalIdKey("crm-2"), "by-crm-id"}};
  std::vector<ImportDecision> d = DecideDuplicates(keys, stored, ImportDuplicatePolicy::kMerge);
  EXPECT_EQ(d[0].customer_id, "by-crm-id");
}

}  // namespace
}  // namespace tmk::contacts
