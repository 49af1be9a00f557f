// attr.<key> in segment filters against the attribute definitions (R1, R8).
#include "services/contacts/domain/segment_filter_attributes.h"

#include <gtest/gtest.h>

namespace tmk::contacts::segment {
namespace {

std::map<std::string, AttributeDefinition> Defined() {
  std::map<std::string, AttributeDefinition> d;
  d["plan"] = {"plan", "Plan", "", AttributeType::kEnum, {"basic", "gold"}, false};
  d["arpu"] = {"arpu", "ARPU", "", AttributeType::kMoney, {}, false};
  d["lines"] = {"lines", "Lines", "", AttributeType::kInt, {}, false};
  d["churned"] = {"churned", "Churned", "", AttributeType::kBool, {}, false};
  d["since"] = {"since", "Since", "", AttributeType::kDate, {}, false};
  d["note"] = {"note", "Note", "", AttributeType::kString, {}, true};
  return d;
}

absl::Status CheckText(const std::string& text) {
  ParseResult parsed = ParseSegmentFilter(text);
  EXPECT_TRUE(parsed.ok()) << parsed.error.Describe();
  return CheckFilterAttributes(parsed.root, Defined());
}

TEST(SegmentFilterAttributes, KeysAreListedOnceInOrderOfAppearance) {
  ParseResult parsed = ParseSegmentFilter(
      "attr.plan = \"gold\" AND (attr.lines > 2 OR attr.plan = \"basic\") AND age > 30");
  ASSERT_TRUE(parsed.ok()) << parsed.error.Describe();
  EXPECT_EQ(FilterAttributeKeys(parsed.root), (std::vector<std::string>{"plan", "lines"}));
}

TEST(SegmentFilterAttributes, LiteralsOfTheDefinedTypePass) {
  EXPECT_TRUE(CheckText("attr.plan IN (\"basic\", \"gold\")").ok());
  EXPECT_TRUE(CheckText("attr.arpu >= 128.5 AND attr.lines > 2").ok());
  EXPECT_TRUE(CheckText("attr.churned = false AND attr.since < \"2026-01-01\"").ok());
  EXPECT_TRUE(CheckText("NOT attr.note = \"vip\"").ok());
}

TEST(SegmentFilterAttributes, AnUndefinedKeyIsRefusedByName) {
  absl::Status status = CheckText("age > 30 AND NOT attr.plna = \"gold\"");
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(status.message().find("'plna'"), std::string::npos) << status.message();
}

TEST(SegmentFilterAttributes, LiteralsOfAnotherTypeAreRefusedWithWhatIsExpected) {
  struct Case {
    const char* filter;
    const char* says;
  } cases[] = {
      {"attr.plan = \"platinum\"", "one of \"basic\", \"gold\""},
      {"attr.plan > \"basic\"", "no order"},
      {"attr.lines = 2.5", "whole number"},
      {"attr.arpu > \"100\"", "a number"},
      {"attr.churned = \"yes\"", "true or false"},
      {"attr.since < \"2026-02-30\"", "quoted date"},
      {"attr.note = 7", "quoted string"},
  };
  for (const Case& c : cases) {
    absl::Status status = CheckText(c.filter);
    EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << c.filter;
    EXPECT_NE(status.message().find(c.says), std::string::npos) << c.filter << ": " << status.message();
  }
}

}  // namespace
}  // namespace tmk::contacts::segment
