// Imported cells read as their attribute definition's type (R1): what CreateCustomer would refuse
// is refused row by row, with what was expected.
#include "services/contacts/domain/attribute_cell.h"

#include <gtest/gtest.h>

namespace tmk::contacts {
namespace {

AttributeDefinition Of(AttributeType type, std::vector<std::string> allowed = {}) {
  return {"attr", "", "", type, std::move(allowed), false};
}

TEST(AttributeCell, ReadsEveryType) {
  EXPECT_EQ(ParseAttributeCell(Of(AttributeType::kInt), " -42 ")->integer, -42);
  EXPECT_DOUBLE_EQ(ParseAttributeCell(Of(AttributeType::kDouble), "3.5")->real, 3.5);
  EXPECT_TRUE(ParseAttributeCell(Of(AttributeType::kBool), "是")->boolean);
  EXPECT_FALSE(ParseAttributeCell(Of(AttributeType::kBool), "No")->boolean);
  absl::StatusOr<AttributeCell> date = ParseAttributeCell(Of(AttributeType::kDate), "2026-11-24");
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(date->year, 2026);
  EXPECT_EQ(date->month, 11);
  EXPECT_EQ(date->day, 24);
  absl::StatusOr<AttributeCell> at =
      ParseAttributeCell(Of(AttributeType::kTimestamp), "1970-01-01T08:00:01.5+08:00");
  ASSERT_TRUE(at.ok()) << at.status();
  EXPECT_EQ(at->integer, 1);
  EXPECT_EQ(at->nanos, 500000000);
  EXPECT_EQ(ParseAttributeCell(Of(AttributeType::kEnum, {"gold", "silver"}), "silver")->text,
            "silver");
  EXPECT_EQ(ParseAttributeCell(Of(AttributeType::kString), "宽带")->text, "宽带");
}

TEST(AttributeCell, ReadsMoneyWithTheCurrencyOnEitherSideAndKeepsTheSign) {
  absl::StatusOr<AttributeCell> after = ParseAttributeCell(Of(AttributeType::kMoney), "128.5 CNY");
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(after->text, "CNY");
  EXPECT_EQ(after->integer, 128);
  EXPECT_EQ(after->nanos, 500000000);
  absl::StatusOr<AttributeCell> before = ParseAttributeCell(Of(AttributeType::kMoney), "USD -0.25");
  ASSERT_TRUE(before.ok());
  EXPECT_EQ(before->text, "USD");
  EXPECT_EQ(before->integer, 0);
  EXPECT_EQ(before->nanos, -250000000);
}

TEST(AttributeCell, RefusesValuesOfAnotherTypeSayingWhatWasExpected) {
  struct Case {
    AttributeType type;
    std::string cell;
  };
  for (const Case& c : std::vector<Case>{{AttributeType::kInt, "12.5"},
                                         {AttributeType::kInt, "99999999999999999999"},
                                         {AttributeType::kDouble, "nan"},
                                         {AttributeType::kBool, "maybe"},
                                         {AttributeType::kDate, "2026-02-30"},
                                         {AttributeType::kDate, "24/11/2026"},
                                         {AttributeType::kTimestamp, "2026-11-24 09:30"},
                                         {AttributeType::kMoney, "128.50"},
                                         {AttributeType::kMoney, "1.0000000001 CNY"},
                                         {AttributeType::kMoney, "12 cny"}}) {
    absl::StatusOr<AttributeCell> parsed = ParseAttributeCell(Of(c.type), c.cell);
    ASSERT_FALSE(parsed.ok()) << c.cell;
    EXPECT_EQ(parsed.status().code(), absl::StatusCode::kInvalidArgument);
    EXPECT_NE(parsed.status().message().find("expected"), std::string::npos);
  }
  absl::StatusOr<AttributeCell> not_allowed =
      ParseAttributeCell(Of(AttributeType::kEnum, {"gold", "silver"}), "bronze");
  ASSERT_FALSE(not_allowed.ok());
  EXPECT_NE(not_allowed.status().message().find("gold, silver"), std::string::npos);
  EXPECT_FALSE(ParseAttributeCell(Of(AttributeType::kString), std::string(1001, 'x')).ok());
}

}  // namespace
}  // namespace tmk::contacts
