#include "services/contacts/domain/import_mapping.h"

#include <gtest/gtest.h>

#include <sstream>

#include "services/contacts/domain/import_csv.h"

namespace tmk::contacts {
namespace {

TEST(ImportCsv, QuotesEscapesBomCrlfAndMultilineFields) {
  std::istringstream in(
      "\xEF\xBB\xBFname,mobile\r\n\"Wang, Fang\",\"138 0013 8000\"\r\n\r\n\"say \"\"hi\"\"\",x\n"
      "\"two\nlines\",y\n");
  CsvReader reader(in);
  auto header = reader.Next();
  ASSERT_TRUE(header.ok() && *header);
  EXPECT_EQ((*header)->values, (std::vector<std::string>{"name", "mobile"}));
  EXPECT_EQ((*header)->line_number, 1);
  auto first = reader.Next();
  EXPECT_EQ((*first)->values, (std::vector<std::string>{"Wang, Fang", "138 0013 8000"}));
  EXPECT_EQ((*first)->line_number, 2);
  auto second = reader.Next();
  EXPECT_EQ((*second)->values, (std::vector<std::string>{"say \"hi\"", "x"}));
  EXPECT_EQ((*second)->line_number, 4);
  auto third = reader.Next();
  EXPECT_EQ((*third)->values, (std::vector<std::string>{"two\nlines", "y"}));
  EXPECT_EQ((*third)->line_number, 5);
  auto end = reader.Next();
  ASSERT_TRUE(end.ok());
  EXPECT_FALSE(*end);
}

TEST(ImportCsv, AnUnclosedQuoteIsAnErrorNamingItsLine) {
  std::istringstream in("a,b\n\"open,x\nmore\n");
  CsvReader reader(in);
  ASSERT_TRUE(reader.Next().ok());
  auto bad = reader.Next();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("line 2"), std::string::npos);
}

TEST(ImportCsv, EmptyFieldsAreKept) {
  EXPECT_EQ(*ParseCsvLine("a,,\"\",d"), (std::vector<std::string>{"a", "", "", "d"}));
}

const std::map<std::string, AttributeDefinition>& Definitions() {
  static const auto* definitions = new std::map<std::string, AttributeDefinition>{
      {"lead_source", {"lead_source", "", "", AttributeType::kEnum, {"fair", "web"}, false}},
      {"monthly_bill", {"monthly_bill", "", "", AttributeType::kMoney, {}, false}}};
  return *definitions;
}

ImportMapping Compile() {
  auto m = ImportMapping::Compile(
      {"姓名", "手机", "性别", "会员", "标签", "城市", "备注", "source"},
      {{"姓名", "display_name"}, {"手机", "contact_points.mobile"}, {"性别", "gender"},
       {"会员", "vip_tier"}, {"标签", "tags"}, {"城市", "residence.city_code"},
       {"source", "custom_attributes.lead_source"}},
      Definitions());
  EXPECT_TRUE(m.ok()) << m.status();
  return *m;
}

TEST(ImportMapping, CompilesAndListsIgnoredColumns) {
  ImportMapping m = Compile();
  EXPECT_EQ(m.ignored_columns(), (std::vector<std::string>{"备注"}));
}

TEST(ImportMapping, RejectsUnknownTargetsMissingColumnsAndNoContactPoint) {
  auto m = ImportMapping::Compile({"a", "b"}, {{"a", "display_name"}, {"b", "shoe_size"}, {"c", "gender"}},
                                  Definitions());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument);
  std::string text(m.status().ToString());
  EXPECT_NE(text.find("shoe_size"), std::string::npos);
}

TEST(ImportMapping, ConvertsAValidRowWithLabelsAndNormalisedPhones) {
  std::vector<ImportRowIssue> issues;
  auto c = Compile().Convert({"王芳", "138 0013 8000; +86 139-2000-1234", "女", "金卡",
                              "gold_card;vip", "4401", "ignored", "fair"},
                             "gd", 2025, issues);
  ASSERT_TRUE(c.ok()) << c.status();
  EXPECT_EQ(c->display_name, "王芳");
  EXPECT_EQ(c->gender, "FEMALE");
  EXPECT_EQ(c->vip_tier, "GOLD");
  EXPECT_EQ(c->kind, "B2C");
  EXPECT_EQ(c->tags, (std::vector<std::string>{"gold_card", "vip"}));
  EXPECT_EQ(c->residence.at("city_code"), "4401");
  ASSERT_EQ(c->normalized.size(), 2u);
  EXPECT_EQ(c->normalized[0].normalized, "+8613800138000");
  EXPECT_EQ(c->normalized[1].normalized, "+8613920001234");
  ASSERT_EQ(c->attributes.size(), 1u);
  EXPECT_EQ(c->attributes[0].first, "lead_source");
  EXPECT_EQ(c->attributes[0].second.type, AttributeType::kEnum);
  EXPECT_EQ(c->attributes[0].second.text, "fair");
}

TEST(ImportMapping, RefusesAColumnMappedToAnUndefinedAttribute) {
  auto m = ImportMapping::Compile({"name", "mobile", "size"},
                                  {{"name", "display_name"}, {"mobile", "contact_points.mobile"},
                                   {"size", "custom_attributes.shoe_size"}},
                                  Definitions());
  ASSERT_FALSE(m.ok());
  EXPECT_EQ(m.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_NE(std::string(m.status().ToString()).find("spec.column_mapping[size]"),
            std::string::npos);
}

TEST(ImportMapping, ReadsAttributeCellsAsTheirTypeAndReportsABadOne) {
  auto m = ImportMapping::Compile({"name", "mobile", "bill"},
                                  {{"name", "display_name"}, {"mobile", "contact_points.mobile"},
                                   {"bill", "custom_attributes.monthly_bill"}},
                                  Definitions());
  ASSERT_TRUE(m.ok()) << m.status();
  std::vector<ImportRowIssue> issues;
  auto good = m->Convert({"王芳", "13800138000", "128.50 CNY"}, "gd", 2025, issues);
  ASSERT_TRUE(good.ok()) << good.status();
  AttributeCell bill = good->attributes.at(0).second;
  EXPECT_EQ(bill.text, "CNY");
  EXPECT_EQ(bill.integer, 128);
  EXPECT_EQ(bill.nanos, 500000000);

  auto bad = m->Convert({"王芳", "13800138000", "a lot"}, "gd", 2025, issues);
  ASSERT_FALSE(bad.ok());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].column, "bill");
  EXPECT_EQ(issues[0].reason, ImportRowReason::kInvalidValue);
  EXPECT_NE(issues[0].message.find("ATTRIBUTE_TYPE_MONEY"), std::string::npos);
}

TEST(ImportMapping, ReportsEveryProblemOfARowWithItsColumn) {
  std::vector<ImportRowIssue> issues;
  auto c = Compile().Convert({"", "12345", "unknown", "GOLD", "Bad Tag", "", "", ""}, "gd", 2025,
                             issues);
  ASSERT_FALSE(c.ok());
  std::map<std::string, ImportRowReason> by_column;
  for (const auto& i : issues) by_column[i.column] = i.reason;
  EXPECT_EQ(by_column["性别"], ImportRowReason::kInvalidValue);
  EXPECT_EQ(by_column["姓名"], ImportRowReason::kMissingValue);
  EXPECT_EQ(by_column["手机"], ImportRowReason::kMalformedPhone);
  EXPECT_EQ(by_column["标签"], ImportRowReason::kInvalidValue);
}

TEST(ImportMapping, AWrongValueCountIsAColumnCountError) {
  std::vector<ImportRowIssue> issues;
  EXPECT_FALSE(Compile().Convert({"a", "b"}, "gd", 2025, issues).ok());
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].reason, ImportRowReason::kColumnCount);
}

TEST(ImportMapping, EnumLabelsAcceptFullNamesSuffixesAndChinese) {
  EXPECT_EQ(ParseEnumLabel("gender", "GENDER_MALE"), "MALE");
  EXPECT_EQ(ParseEnumLabel("gender", "male"), "MALE");
  EXPECT_EQ(ParseEnumLabel("marital_status", "已婚"), "MARRIED");
  EXPECT_EQ(ParseEnumLabel("kind", "企业"), "B2B");
  EXPECT_EQ(ParseEnumLabel("vip_tier", "BRONZE"), "");
}

}  // namespace
}  // namespace tmk::contacts
