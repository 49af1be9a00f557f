// Keyed blind indexes (R6): deterministic per key and domain, so databases match encrypted values
// exactly, and meaningless without the key.
#include "services/common/crypto/blind_index.h"

#include <gtest/gtest.h>
#include <openssl/hmac.h>

namespace tmk::crypto {
namespace {

TEST(BlindIndex, IsHmacSha256OfDomainZeroValue) {
  const std::string key(32, 'k');
  BlindIndex index(key);
  std::string message = std::string("phone") + '\0' + "+8613800138000";
  unsigned char expected[32];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), 32, reinterpret_cast<const unsigned char*>(message.data()),
       message.size(), expected, &size);
  EXPECT_EQ(index.Compute("phone", "+8613800138000"),
            std::string(reinterpret_cast<char*>(expected), size));
}

TEST(BlindIndex, EqualValuesMatchOthersDoNot) {
  BlindIndex index(std::string(32, 'k'));
  std::string a = index.Compute("phone", "+8613800138000");
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a, index.Compute("phone", "+8613800138000"));
  EXPECT_NE(a, index.Compute("phone", "+8613800138001"));
  EXPECT_NE(a, index.Compute("name", "+8613800138000"));
  // The separator keeps (domain, value) pairs apart that concatenate alike.
  EXPECT_NE(index.Compute("ab", "c"), index.Compute("a", "bc"));
}

TEST(BlindIndex, DependsOnTheKey) {
  EXPECT_NE(BlindIndex(std::string(32, 'k')).Compute("phone", "+8613800138000"),
            BlindIndex(std::string(32, 'j')).Compute("phone", "+8613800138000"));
  EXPECT_THROW(BlindIndex(std::string(16, 'k')), std::invalid_argument);
}

}  // namespace
}  // namespace tmk::crypto
