// Keys from settings (R6): validated up front, and no error message ever repeats key material.
#include "services/common/crypto/data_key.h"

#include <gtest/gtest.h>

#include "absl/strings/escaping.h"

namespace tmk::crypto {
namespace {

const std::string kKeyA = absl::Base64Escape(std::string(32, 'a'));
const std::string kKeyB = absl::WebSafeBase64Escape(std::string(32, '\xfb'));

TEST(DataKeys, ParsesIdsAndKeysInOrderTheFirstSealing) {
  absl::StatusOr<std::vector<DataKey>> keys = ParseDataKeys(" 2025:" + kKeyB + " , 2024:" + kKeyA);
  ASSERT_TRUE(keys.ok()) << keys.status();
  ASSERT_EQ(keys->size(), 2u);
  EXPECT_EQ((*keys)[0].id, "2025");
  EXPECT_EQ((*keys)[0].bytes, std::string(32, '\xfb'));
  EXPECT_EQ((*keys)[1].id, "2024");
  EXPECT_EQ((*keys)[1].bytes, std::string(32, 'a'));
}

TEST(DataKeys, RefusesBadEntriesWithoutRepeatingThem) {
  const std::string short_key = absl::Base64Escape("0123456789abcdef");
  struct Case {
    std::string text;
    std::string expected;
  };
  for (const Case& c : std::vector<Case>{
           {"", "no key given"},
           {kKeyA, "entry 1 is not id:base64key"},
           {"k1:" + kKeyA + ",bad id:" + kKeyA, "entry 2 is not id:base64key"},
           {"k1:" + kKeyA + ",k1:" + kKeyB, "entry 2 repeats key id 'k1'"},
           {"k1:" + short_key, "entry 1 (key 'k1'): the key is 16 bytes; it must be 32"},
           {"k1:@@not-base64@@", "entry 1 (key 'k1'): the key is not base64"}}) {
    absl::StatusOr<std::vector<DataKey>> keys = ParseDataKeys(c.text);
    ASSERT_FALSE(keys.ok()) << c.text;
    std::string message(keys.status().message());
    EXPECT_NE(message.find(c.expected), std::string::npos) << message;
    EXPECT_EQ(message.find(kKeyA), std::string::npos) << message;
    EXPECT_EQ(message.find(short_key), std::string::npos) << message;
    EXPECT_EQ(message.find("not-base64"), std::string::npos) << message;
  }
}

TEST(DataKeys, OneKeyIsBase64OfThirtyTwoBytes) {
  EXPECT_EQ(*ParseKeyBytes(kKeyA), std::string(32, 'a'));
  EXPECT_EQ(*ParseKeyBytes(kKeyB), std::string(32, '\xfb'));
  EXPECT_FALSE(ParseKeyBytes(absl::Base64Escape(std::string(31, 'a'))).ok());
  EXPECT_FALSE(ParseKeyBytes("").ok());
}

}  // namespace
}  // namespace tmk::crypto
