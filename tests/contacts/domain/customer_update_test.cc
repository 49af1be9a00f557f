// The rules of a customer update (R3): mask paths, what changed (old -> new text), which contact
// points keep their ids, and the profile rules shared with creation.
#include "services/contacts/domain/customer_update.h"

#include <gtest/gtest.h>

#include "services/common/core/status_details.h"
#include "services/contacts/domain/new_customer.h"

namespace tmk::contacts {
namespace {

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

TEST(UpdateMask, AcceptsUpdatableFieldsResidenceMembersAndOneAttribute) {
  EXPECT_TRUE(ValidateUpdateMask({"display_name", "residence.city_code", "custom_attributes.plan",
                                  "contact_points", "tags", "preferred_call_window"})
                  .ok());
}

TEST(UpdateMask, RefusesEmptyStarOutputOnlyUnknownDuplicateAndNestedPaths) {
  EXPECT_EQ(Fields(ValidateUpdateMask({})), std::vector<std::string>{"update_mask"});
  absl::Status status = ValidateUpdateMask(
      {"*", "etag", "nickname", "display_name", "display_name", "residence", "residence.city_code",
       "custom_attributes.Bad"});
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(status),
            (std::vector<std::string>{"update_mask.paths[0]", "update_mask.paths[1]",
                                      "update_mask.paths[2]", "update_mask.paths[4]",
                                      "update_mask.paths[7]", "update_mask.paths[6]"}));
}

TEST(DiffProfile, ReportsOnlyChangedPathsWithOldAndNewText) {
  std::vector<ProfileFieldChange> changes =
      DiffProfile({"display_name", "occupation", "residence.city_code", "custom_attributes.plan"},
                  {{"display_name", "\"王芳\""}, {"occupation", "\"\""},
                   {"residence.city_code", "\"4401\""}},
                  {{"display_name", "\"王芳\""}, {"occupation", "\"teacher\""},
                   {"residence.city_code", "\"4403\""}, {"custom_attributes.plan", "{\"string_value\":\"x\"}"}});
  ASSERT_EQ(changes.size(), 3u);
  EXPECT_EQ(changes[0].field_path, "occupation");
  EXPECT_EQ(changes[0].old_value, "\"\"");
  EXPECT_EQ(changes[0].new_value, "\"teacher\"");
  EXPECT_EQ(changes[1].field_path, "residence.city_code");
  EXPECT_EQ(changes[1].old_value, "\"4401\"");
  EXPECT_EQ(changes[1].new_value, "\"4403\"");
  EXPECT_EQ(changes[2].old_value, "null");
}

TEST(MatchContactPoints, KeepsIdsWhereTheNormalisedValueIsUnchanged) {
  EXPECT_EQ(MatchContactPoints({"+8613800000001", "+8613800000002"},
                               {"+8613800000002", "a@b.cn", "+8613800000001"}),
            (std::vector<int>{1, -1, 0}));
  EXPECT_EQ(MatchContactPoints({}, {"+8613800000001"}), std::vector<int>{-1});
}

TEST(CustomerProfile, UpdateAndCreateShareTheRulesButOnlyCreateJudgesIdAndRegion) {
  NewCustomer c;
  c.customer_id = "0190f0f0-0000-7000-8000-000000000001";
  c.region_id = "sc";
  c.display_name = "王芳";
  c.kind = NewCustomer::Kind::kB2b;  // without company_name
  c.contact_points.push_back({ContactKind::kMobile, "12345"});
  absl::Status profile = ValidateCustomerProfile(c, 2026).status();
  EXPECT_EQ(Fields(profile), (std::vector<std::string>{"customer.company_name",
                                                       "customer.contact_points[0].value"}));
  absl::Status create = ValidateNewCustomer(c, "gd", 2026).status();
  EXPECT_EQ(Fields(create).size(), 4u);
  c.company_name = "广州数据";
  c.contact_points[0].value = "138 0013 8000";
  absl::StatusOr<std::vector<NormalizedContact>> ok = ValidateCustomerProfile(c, 2026);
  ASSERT_TRUE(ok.ok()) << ok.status();
  EXPECT_EQ((*ok)[0].normalized, "+8613800138000");
}

}  // namespace
}  // namespace tmk::contacts
