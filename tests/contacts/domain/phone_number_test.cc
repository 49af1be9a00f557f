#include "services/contacts/domain/phone_number.h"

#include <gtest/gtest.h>

namespace tmk::contacts {
namespace {

std::string Normalize(std::string_view raw, ContactKind declared = ContactKind::kUnspecified) {
  auto n = NormalizePhone(raw, declared);
  return n.ok() ? n->normalized : "error: " + std::string(n.status().message());
}

ContactKind KindOf(std::string_view raw) { return NormalizePhone(raw, ContactKind::kUnspecified)->kind; }

// R2: one number, however it was typed.
TEST(NormalizePhone, ChineseMobileInEveryCommonSpelling) {
  for (const char* raw : {"13812345678", "138 1234 5678", "138-1234-5678", "+86 138 1234 5678",
                          "+8613812345678", "008613812345678", "8613812345678"}) {
    EXPECT_EQ(Normalize(raw), "+8613812345678") << raw;
  }
  EXPECT_EQ(KindOf("13812345678"), ContactKind::kMobile);
}

TEST(NormalizePhone, FixedLinesKeepTheirAreaCode) {
  EXPECT_EQ(Normalize("010-62345678"), "+861062345678");     // Beijing, 8-digit subscriber
  EXPECT_EQ(Normalize("(021) 8765 4321"), "+862187654321");  // Shanghai
  EXPECT_EQ(Normalize("0755-8765432"), "+867558765432");     // Shenzhen, 7 digits
  EXPECT_EQ(Normalize("0571 88886666"), "+8657188886666");   // Hangzhou, 8 digits
  EXPECT_EQ(Normalize("+86 755 87654321"), "+8675587654321");
  EXPECT_EQ(KindOf("010-62345678"), ContactKind::kFixedLine);
  EXPECT_NE(Normalize("010-12345678").find("error"), std::string::npos);  // no subscriber starts 0/1
}

TEST(NormalizePhone, RejectsWhatIsNotANumber) {
  EXPECT_NE(Normalize("").find("required"), std::string::npos);
  EXPECT_NE(Normalize("138-1234-567x").find("unexpected character"), std::string::npos);
  EXPECT_NE(Normalize("12345").find("error"), std::string::npos);
  EXPECT_NE(Normalize("12812345678").find("error"), std::string::npos);  // 12x is no mobile prefix
  EXPECT_NE(Normalize("010-6234567").find("error"), std::string::npos);  // Beijing needs 8 digits
  EXPECT_NE(Normalize("87654321").find("area code"), std::string::npos);
  EXPECT_NE(Normalize("1234567890123456").find("15 digits"), std::string::npos);
}

TEST(NormalizePhone, DeclaredTypeMustMatch) {
  EXPECT_NE(Normalize("13812345678", ContactKind::kFixedLine).find("mobile"), std::string::npos);
  EXPECT_NE(Normalize("010-62345678", ContactKind::kMobile).find("fixed-line"), std::string::npos);
  EXPECT_NE(Normalize("13812345678", ContactKind::kEmail).find("e-mail"), std::string::npos);
}

TEST(NormalizePhone, InternationalNumbersNeedTheirType) {
  EXPECT_EQ(Normalize("+44 20 7946 0958", ContactKind::kFixedLine), "+442079460958");
  EXPECT_NE(Normalize("+44 20 7946 0958").find("type"), std::string::npos);
}

TEST(NormalizeEmail, LowerCasesTheDomainOnly) {
  auto n = NormalizeEmail("  Li.Wei@Example.CN ");
  ASSERT_TRUE(n.ok());
  EXPECT_EQ(n->normalized, "Li.Wei@example.cn");
  EXPECT_FALSE(NormalizeEmail("li.wei").ok());
  EXPECT_FALSE(NormalizeEmail("li@wei").ok());
  EXPECT_FALSE(NormalizeEmail("a@b@c.cn").ok());
  EXPECT_FALSE(NormalizeEmail("li wei@example.cn").ok());
}

// R6: agents see enough to confirm the customer, not the number.
TEST(MaskPhone, HidesTheMiddleDigits) {
  EXPECT_EQ(MaskPhone("+8613812345678"), "+86 138****5678");
  EXPECT_EQ(MaskPhone("+861062345678"), "+86 106***5678");
  EXPECT_EQ(MaskPhone("+442079460958"), "+44*******958");
}

}  // namespace
}  // namespace tmk::contacts
