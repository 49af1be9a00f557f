// AES-256-GCM envelopes (R6): a sealed value opens only intact, with its own associated data and
// a configured key; keys rotate by sealing with a new one while the old ones still open.
#include "services/common/crypto/envelope_cipher.h"

#include <gtest/gtest.h>

namespace tmk::crypto {
namespace {

DataKey Key(const std::string& id, char fill) { return {id, std::string(kKeyBytes, fill)}; }

constexpr std::string_view kAad = "customers.record:0190f0f0-0000-7000-8000-000000000001";

TEST(EnvelopeCipher, RoundTripsAndNamesTheSealingKey) {
  EnvelopeCipher cipher({Key("k1", 'a')});
  for (std::string plaintext : {std::string(), std::string("+8613800138000"),
                                std::string("王小明"), std::string(10000, 'x')}) {
    std::string sealed = cipher.Seal(plaintext, kAad);
    EXPECT_EQ(sealed.size(), 2 + 2 + EnvelopeCipher::kNonceBytes + plaintext.size() +
                                 EnvelopeCipher::kTagBytes);
    EXPECT_EQ(sealed[0], 1);
    EXPECT_EQ(sealed.substr(1, 3), std::string("\x02k1"));
    absl::StatusOr<std::string> opened = cipher.Open(sealed, kAad);
    ASSERT_TRUE(opened.ok()) << opened.status();
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST(EnvelopeCipher, EverySealUsesAFreshNonceAndHidesThePlaintext) {
  EnvelopeCipher cipher({Key("k1", 'a')});
  std::string a = cipher.Seal("+8613800138000", kAad);
  std::string b = cipher.Seal("+8613800138000", kAad);
  EXPECT_NE(a.substr(4, EnvelopeCipher::kNonceBytes), b.substr(4, EnvelopeCipher::kNonceBytes));
  EXPECT_NE(a, b);
  EXPECT_EQ(a.find("13800138000"), std::string::npos);
}

// Flipping one bit of the version, key id, nonce, ciphertext or tag makes the value unopenable.
TEST(EnvelopeCipher, ATamperedPartNeverOpens) {
  EnvelopeCipher cipher({Key("k1", 'a'), Key("k2", 'b')});
  const std::string sealed = cipher.Seal("13800138000", kAad);
  const size_t nonce = 4, ciphertext = nonce + EnvelopeCipher::kNonceBytes,
               tag = sealed.size() - EnvelopeCipher::kTagBytes;
  struct Part {
    const char* name;
    size_t offset;
  };
  for (Part part : {Part{"version", 0}, Part{"key id length", 1}, Part{"key id", 3},
                    Part{"nonce", nonce}, Part{"nonce end", ciphertext - 1},
                    Part{"ciphertext", ciphertext}, Part{"ciphertext end", tag - 1},
                    Part{"tag", tag}, Part{"tag end", sealed.size() - 1}}) {
    std::string changed = sealed;
    changed[part.offset] ^= 0x01;
    absl::StatusOr<std::string> opened = cipher.Open(changed, kAad);
    EXPECT_FALSE(opened.ok()) << part.name;
  }
  // A key id rewritten to another configured key's id is refused too: the header is authenticated.
  std::string other_key = sealed;
  other_key[3] = '2';
  EXPECT_EQ(cipher.Open(other_key, kAad).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(cipher.Open(sealed.substr(0, sealed.size() - 1), kAad).status().code(),
            absl::StatusCode::kDataLoss);
  EXPECT_EQ(cipher.Open(sealed.substr(0, 3), kAad).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(cipher.Open("", kAad).status().code(), absl::StatusCode::kDataLoss);
  EXPECT_TRUE(cipher.Open(sealed, kAad).ok());
}

// The associated data binds a value to its row and column: copied elsewhere, it does not open.
TEST(EnvelopeCipher, WrongAssociatedDataNeverOpens) {
  EnvelopeCipher cipher({Key("k1", 'a')});
  std::string sealed = cipher.Seal("13800138000", "contact_points:row-1");
  EXPECT_EQ(cipher.Open(sealed, "contact_points:row-2").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_EQ(cipher.Open(sealed, "").status().code(), absl::StatusCode::kDataLoss);
  EXPECT_TRUE(cipher.Open(sealed, "contact_points:row-1").ok());
}

TEST(EnvelopeCipher, AnUnknownKeyIdIsAConfigurationProblemNamingTheKey) {
  EnvelopeCipher old_keys({Key("2024", 'a')});
  EnvelopeCipher other({Key("2025", 'b')});
  absl::StatusOr<std::string> opened = other.Open(old_keys.Seal("x", kAad), kAad);
  EXPECT_EQ(opened.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_NE(opened.status().message().find("'2024'"), std::string::npos) << opened.status();
}

TEST(EnvelopeCipher, RotationSealsWithTheNewKeyAndStillOpensWithTheOld) {
  EnvelopeCipher before({Key("2024", 'a')});
  EnvelopeCipher after({Key("2025", 'b'), Key("2024", 'a')});
  std::string old_value = before.Seal("13800138000", kAad);
  std::string new_value = after.Seal("13900139000", kAad);
  EXPECT_EQ(after.sealing_key_id(), "2025");
  EXPECT_EQ(new_value.substr(2, 4), "2025");
  ASSERT_TRUE(after.Open(old_value, kAad).ok());
  EXPECT_EQ(*after.Open(old_value, kAad), "13800138000");
  EXPECT_EQ(*after.Open(new_value, kAad), "13900139000");
  EXPECT_EQ(before.Open(new_value, kAad).status().code(), absl::StatusCode::kFailedPrecondition);
}

TEST(EnvelopeCipher, SameIdWithAnotherKeyDoesNotOpen) {
  EnvelopeCipher a({Key("k1", 'a')});
  EnvelopeCipher b({Key("k1", 'b')});
  EXPECT_EQ(b.Open(a.Seal("x", kAad), kAad).status().code(), absl::StatusCode::kDataLoss);
}

TEST(EnvelopeCipher, RefusesKeysThatBreakItsInvariants) {
  EXPECT_THROW(EnvelopeCipher({}), std::invalid_argument);
  EXPECT_THROW(EnvelopeCipher({Key("k1", 'a'), Key("k1", 'b')}), std::invalid_argument);
  EXPECT_THROW(EnvelopeCipher({DataKey{"k1", "short"}}), std::invalid_argument);
}

}  // namespace
}  // namespace tmk::crypto
