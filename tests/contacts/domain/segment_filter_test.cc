#include "services/contacts/domain/segment_filter.h"

#include <gtest/gtest.h>

#include <string>

namespace tmk::contacts::segment {
namespace {

// The canonical form of a filter, or "error: column N: …".
std::string Normalize(std::string_view text) {
  ParseResult parsed = ParseSegmentFilter(text);
  if (!parsed.ok()) return "error: " + parsed.error.Describe();
  return PrintSegmentFilter(parsed.root);
}

FilterError ErrorOf(std::string_view text) {
  ParseResult parsed = ParseSegmentFilter(text);
  EXPECT_FALSE(parsed.ok()) << text << " parsed as " << PrintSegmentFilter(parsed.root);
  return parsed.error;
}

TEST(SegmentFilter, TheDocumentedExampleParsesToItsCanonicalForm) {
  EXPECT_EQ(Normalize("kind = B2C AND age >= 25 AND age < 45 AND residence.province_code = \"440000\"\n"
                      "AND vip_tier >= GOLD AND NOT has_tag(\"complained\") AND "
                      "consent.voice.marketing = GRANTED\nAND has_phone(MOBILE, VALID)"),
            "kind = CUSTOMER_KIND_B2C AND age >= 25 AND age < 45 AND "
            "residence.province_code = \"440000\" AND vip_tier >= VIP_TIER_GOLD AND "
            "NOT has_tag(\"complained\") AND consent.voice.marketing = GRANTED AND "
            "has_phone(CONTACT_POINT_TYPE_MOBILE, CONTACT_POINT_STATUS_VALID)");
}

TEST(SegmentFilter, AndBindsTighterThanOrAndTheCanonicalFormSaysSo) {
  EXPECT_EQ(Normalize("gender = FEMALE OR gender = MALE AND birth_year > 1990"),
            "gender = GENDER_FEMALE OR (gender = GENDER_MALE AND birth_year > 1990)");
  EXPECT_EQ(Normalize("(gender = FEMALE OR gender = MALE) AND birth_year > 1990"),
            "(gender = GENDER_FEMALE OR gender = GENDER_MALE) AND birth_year > 1990");
  // Same-operator groups flatten.
  EXPECT_EQ(Normalize("(has_tag(\"a\") OR has_tag(\"b\")) OR (has_tag(\"c\"))"),
            "has_tag(\"a\") OR has_tag(\"b\") OR has_tag(\"c\")");
  EXPECT_EQ(Normalize("NOT (has_tag(\"a\") AND has_tag(\"b\"))"),
            "NOT (has_tag(\"a\") AND has_tag(\"b\"))");
  EXPECT_EQ(Normalize("NOT NOT has_tag(\"a\")"), "NOT NOT has_tag(\"a\")");
}

TEST(SegmentFilter, KeywordsAreCaseInsensitiveAndEnumsTakeFullOrShortNames) {
  EXPECT_EQ(Normalize("vip_tier in (GOLD, VIP_TIER_PLATINUM) and not kind = B2B or TRUE_FLAG = 1"),
            "error: column 61: unknown field 'TRUE_FLAG'; fields are customer_id, region_id, "
            "external_id, occupation, company_name, gender, marital_status, income_band, kind, "
            "vip_tier, birth_year, age, residence.province_code, residence.city_code, "
            "residence.district_code, create_time, update_time, attr.<key>, "
            "consent.<channel>.<purpose>");
  EXPECT_EQ(Normalize("vip_tier in (GOLD, VIP_TIER_PLATINUM) and not kind = B2B"),
            "vip_tier IN (VIP_TIER_GOLD, VIP_TIER_PLATINUM) AND NOT kind = CUSTOMER_KIND_B2B");
  EXPECT_EQ(Normalize("marital_status != MARRIED AND income_band <= UPPER_MIDDLE"),
            "marital_status != MARITAL_STATUS_MARRIED AND income_band <= INCOME_BAND_UPPER_MIDDLE");
  EXPECT_EQ(Normalize("gender = UNSPECIFIED"), "gender = GENDER_UNSPECIFIED");
}

TEST(SegmentFilter, EveryFieldKindAndLiteralKind) {
  EXPECT_EQ(Normalize("occupation IN (\"teacher\", \"nurse\") AND company_name != \"\""),
            "occupation IN (\"teacher\", \"nurse\") AND company_name != \"\"");
  EXPECT_EQ(Normalize("customer_id = \"x\" AND region_id = \"gd\" AND external_id = \"e1\""),
            "customer_id = \"x\" AND region_id = \"gd\" AND external_id = \"e1\"");
  EXPECT_EQ(Normalize("residence.city_code = \"440300\" AND residence.district_code IN (\"440305\")"),
            "residence.city_code = \"440300\" AND residence.district_code IN (\"440305\")");
  EXPECT_EQ(Normalize("create_time >= \"2024-06-01t00:00:00+08:00\" AND update_time < \"2024-07-01T00:00:00.5z\""),
            "create_time >= \"2024-06-01T00:00:00+08:00\" AND update_time < \"2024-07-01T00:00:00.5Z\"");
  EXPECT_EQ(Normalize("attr.score >= 007.50 AND attr.churned = TRUE AND attr.plan = \"gold\""),
            "attr.score >= 7.5 AND attr.churned = true AND attr.plan = \"gold\"");
  EXPECT_EQ(Normalize("attr.balance < -0.0 AND attr.x IN (1, 2.0)"),
            "attr.balance < 0 AND attr.x IN (1, 2)");
  EXPECT_EQ(Normalize("consent.sms.service IN (WITHDRAWN, ABSENT)"),
            "consent.sms.service IN (WITHDRAWN, ABSENT)");
  EXPECT_EQ(Normalize("has_phone() OR has_phone(FIXED_LINE) OR has_phone(WRONG_PARTY)"),
            "has_phone() OR has_phone(CONTACT_POINT_TYPE_FIXED_LINE) OR "
            "has_phone(CONTACT_POINT_STATUS_WRONG_PARTY)");
}

TEST(SegmentFilter, StringsEscapeQuotesAndBackslashesOnly) {
  EXPECT_EQ(Normalize(R"(occupation = "say \"hi\" \\ 你好")"), R"(occupation = "say \"hi\" \\ 你好")");
  EXPECT_EQ(ErrorOf(R"(occupation = "a\nb")").message, "only \\\" and \\\\ are escapes in a string");
  EXPECT_EQ(ErrorOf("occupation = \"a\tb\"").message, "control characters are not allowed in a string");
  EXPECT_EQ(ErrorOf("occupation = \"open").Describe(), "column 14: unterminated string");
}

TEST(SegmentFilter, TheTreeCarriesTypedValues) {
  ParseResult parsed = ParseSegmentFilter("vip_tier >= GOLD AND age IN (30, 31) AND has_phone(MOBILE)");
  ASSERT_TRUE(parsed.ok());
  const FilterNode& root = parsed.root;
  ASSERT_EQ(root.kind, FilterNode::Kind::kAnd);
  ASSERT_EQ(root.children.size(), 3u);
  EXPECT_EQ(root.children[0].field.id, FieldId::kVipTier);
  EXPECT_EQ(root.children[0].op, CompareOp::kGe);
  EXPECT_EQ(root.children[0].values[0].enum_number, 3);
  EXPECT_EQ(root.children[1].kind, FilterNode::Kind::kIn);
  EXPECT_EQ(root.children[1].values[1].integer, 31);
  EXPECT_EQ(root.children[2].phone_type, 1);
  EXPECT_EQ(root.children[2].phone_status, 0);
}

TEST(SegmentFilter, CanonicalFormIsAFixedPoint) {
  for (const char* filter :
       {"gender = FEMALE OR gender = MALE AND birth_year > 1990",
        "NOT (vip_tier < GOLD OR NOT has_tag(\"x:y-z\")) AND attr.n != -3.25",
        "(((kind = B2C)))", "consent.voice.marketing != GRANTED AND has_phone(MOBILE, UNVERIFIED)",
        R"(occupation = "a\"b\\c")"}) {
    std::string once = Normalize(filter);
    ASSERT_EQ(once.rfind("error", 0), std::string::npos) << once;
    EXPECT_EQ(Normalize(once), once) << filter;
  }
}

TEST(SegmentFilter, ErrorsNamePositionAndCause) {
  EXPECT_EQ(Normalize("agee > 3").substr(0, 40), "error: column 1: unknown field 'agee'; f");
  EXPECT_EQ(ErrorOf("age > 3 AND").Describe(),
            "column 12: expected a field, has_tag(…), has_phone(…) or '(', found the end of the filter");
  EXPECT_EQ(ErrorOf("age >> 3").Describe(), "column 6: expected a value, found '>'");
  EXPECT_EQ(ErrorOf("age 3").Describe(),
            "column 5: expected a comparison (= != < <= > >=) or IN after age, found number 3");
  EXPECT_EQ(ErrorOf("(age > 3").Describe(), "column 9: expected ')', found the end of the filter");
  EXPECT_EQ(ErrorOf("age > 3)").Describe(),
            "column 8: expected AND, OR or the end of the filter, found ')'");
  EXPECT_EQ(ErrorOf("").message, "the filter is empty");
  EXPECT_EQ(ErrorOf("   ").message, "the filter is empty");
  EXPECT_EQ(ErrorOf("vip_tier = gold").message,
            "vip_tier takes one of UNSPECIFIED, NONE, SILVER, GOLD, PLATINUM, DIAMOND, found 'gold'");
  EXPECT_EQ(ErrorOf("gender > FEMALE").message, "gender compares with = != or IN only");
  EXPECT_EQ(ErrorOf("vip_tier > UNSPECIFIED").message,
            "UNSPECIFIED has no order; compare it with = or !=");
  EXPECT_EQ(ErrorOf("occupation < \"a\"").message, "occupation compares with = != or IN only");
  EXPECT_EQ(ErrorOf("occupation = teacher").message,
            "occupation takes a string in double quotes, found 'teacher'");
  EXPECT_EQ(ErrorOf("age = 30.5").message, "age takes a whole number, found number 30.5");
  EXPECT_EQ(ErrorOf("age = 201").message, "age must be between 0 and 200");
  EXPECT_EQ(ErrorOf("birth_year = \"1990\"").message,
            "birth_year takes a whole number, found a string");
  EXPECT_EQ(ErrorOf("create_time = \"2024-01-01T00:00:00Z\"").message,
            "create_time compares with < <= > >= only");
  EXPECT_EQ(ErrorOf("create_time > \"2024-13-01T00:00:00Z\"").message.substr(0, 40),
            "create_time takes an RFC 3339 time in do");
  EXPECT_EQ(ErrorOf("create_time > \"yesterday\"").position, 14u);
  EXPECT_EQ(ErrorOf("attr.Bad = 1").message.substr(0, 28), "an attribute is attr.<key>, ");
  EXPECT_EQ(ErrorOf("attr.a.b = 1").message.substr(0, 28), "an attribute is attr.<key>, ");
  EXPECT_EQ(ErrorOf("attr.plan = GOLD").message,
            "attr.plan takes a string, a number, true or false; quote text, e.g. \"GOLD\"");
  EXPECT_EQ(ErrorOf("attr.flag > true").message, "true and false compare with = != or IN only");
  EXPECT_EQ(ErrorOf("attr.x IN (1, \"a\")").message, "all values of an IN list must have the same type");
  EXPECT_EQ(ErrorOf("consent.phone.marketing = GRANTED").message,
            "unknown channel 'phone'; channels are voice, sms, email, messaging_app, mail");
  EXPECT_EQ(ErrorOf("consent.voice.sales = GRANTED").Describe(),
            "column 15: unknown purpose 'sales'; purposes are marketing, service, survey, "
            "information_collection");
  EXPECT_EQ(ErrorOf("consent.voice = GRANTED").message,
            "consent is consent.<channel>.<purpose>, e.g. consent.voice.marketing");
  EXPECT_EQ(ErrorOf("consent.voice.marketing = YES").message,
            "consent.voice.marketing takes one of GRANTED, WITHDRAWN, ABSENT, found 'YES'");
  EXPECT_EQ(ErrorOf("tags = \"vip\"").message, "match tags with has_tag(\"…\")");
  EXPECT_EQ(ErrorOf("has_tag(vip)").message, "has_tag takes one string, found 'vip'");
  EXPECT_EQ(ErrorOf("has_tag(\"VIP\")").message,
            "a tag is 1-64 characters of a-z, 0-9, '_', '-' and ':'");
  EXPECT_EQ(ErrorOf("has_phone(EMAIL)").message, "EMAIL is not a phone type; use MOBILE or FIXED_LINE");
  EXPECT_EQ(ErrorOf("has_phone(MOBILE, HOME)").message.substr(0, 31), "expected a contact-point status");
  EXPECT_EQ(ErrorOf("has_phone(VALID, MOBILE)").message, "expected ')' to close has_phone, found ','");
  EXPECT_EQ(ErrorOf("sleep(10)").message, "unknown function 'sleep'; functions are has_tag and has_phone");
  EXPECT_EQ(ErrorOf("age IN ()").message, "expected a value, found ')'");
  EXPECT_EQ(ErrorOf("age = 1.").message, "a number needs digits after '.'");
  EXPECT_EQ(ErrorOf("age = 12abc").message, "unexpected character after a number");
  EXPECT_EQ(ErrorOf("age = 1234567890123456789012345678901").message, "a number may have at most 30 digits");
  EXPECT_EQ(ErrorOf("age = - 3").Describe(), "column 7: unexpected character '-'");
  EXPECT_EQ(ErrorOf("AND = 1").message.substr(0, 17), "expected a field,");
}

TEST(SegmentFilter, SqlLookingInputIsJustABadFilter) {
  EXPECT_EQ(ErrorOf("occupation = 'x'; DROP TABLE customers; --").Describe(),
            "column 14: unexpected character ''' (strings use double quotes)");
  EXPECT_EQ(ErrorOf("occupation = \"x\"; DROP TABLE customers").Describe(),
            "column 17: unexpected character ';'");
  EXPECT_EQ(ErrorOf("1=1 OR age > 0").message.substr(0, 17), "expected a field,");
  EXPECT_EQ(ErrorOf("age > 0 -- comment").Describe(), "column 9: unexpected character '-'");
  EXPECT_EQ(ErrorOf("age > 0 /* x */").Describe(), "column 9: unexpected character '/'");
  EXPECT_EQ(ErrorOf(std::string("age > 0\0", 8)).Describe(), "column 8: unexpected character byte 0x0");
  EXPECT_EQ(ErrorOf("occupation = \"\xe4\xbd\" AND \xff").Describe(),
            "column 23: unexpected character byte 0xff");
  // Inside a string anything printable is only data: it round-trips as a quoted literal.
  EXPECT_EQ(Normalize("occupation = \"'; DROP TABLE customers; --\""),
            "occupation = \"'; DROP TABLE customers; --\"");
}

TEST(SegmentFilter, LimitsOnLengthDepthAndTerms) {
  std::string longest(Limits::kMaxLength - 9, ' ');
  EXPECT_EQ(Normalize("age > 1" + longest), "age > 1");
  EXPECT_EQ(ErrorOf("age > 1" + longest + "   ").message,
            "the filter is too long: at most 4096 characters");
  EXPECT_EQ(ErrorOf(std::string(10 * 1000 * 1000, '(')).message,
            "the filter is too long: at most 4096 characters");

  auto nested = [](int depth) {
    return std::string(depth, '(') + "age > 1" + std::string(depth, ')');
  };
  EXPECT_EQ(Normalize(nested(16)), "age > 1");
  EXPECT_EQ(ErrorOf(nested(17)).Describe(), "column 17: nested too deeply: at most 16 levels");
  EXPECT_EQ(ErrorOf(std::string(1300, '(')).message, "nested too deeply: at most 16 levels");
  std::string nots;
  for (int i = 0; i < 17; ++i) nots += "NOT ";
  EXPECT_EQ(ErrorOf(nots + "age > 1").message, "nested too deeply: at most 16 levels");
  std::string many_nots;
  for (int i = 0; i < 1000; ++i) many_nots += "NOT ";
  EXPECT_EQ(ErrorOf(many_nots + "age > 1").message, "nested too deeply: at most 16 levels");

  auto terms = [](int n) {
    std::string out = "age > 1";
    for (int i = 1; i < n; ++i) out += " OR age > 1";
    return out;
  };
  EXPECT_TRUE(ParseSegmentFilter(terms(256)).ok());
  EXPECT_EQ(ErrorOf(terms(257)).message, "too many terms: at most 256");
  std::string in_list = "age IN (1";
  for (int i = 1; i < 257; ++i) in_list += ",1";
  EXPECT_EQ(ErrorOf(in_list + ")").message, "too many terms: at most 256");
  EXPECT_EQ(ErrorOf("occupation = \"" + std::string(257, 'a') + "\"").message,
            "a string may have at most 256 bytes");
}

}  // namespace
}  // namespace tmk::contacts::segment
