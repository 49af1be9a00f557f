#include "services/common/auth/jwt_verifier.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/common/auth/jwt_test_util.h"

namespace tmk::auth {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using namespace ::tmk::auth::testing;  // NOLINT: test helpers

class JwtVerifierTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    rsa_key_ = GenerateRsaKey().release();
    other_rsa_key_ = GenerateRsaKey().release();
  }
  static void TearDownTestSuite() {
    EVP_PKEY_free(rsa_key_);
    EVP_PKEY_free(other_rsa_key_);
  }

  static JwtVerifier::Options BaseOptions() {
    JwtVerifier::Options options;
    options.issuer = "https://idp.example";
    options.audience = "telemarketing";
    options.clock_skew = std::chrono::seconds(30);
    options.clock = FixedNow;
    return options;
  }
  static JwtVerifier Hs256Verifier() {
    JwtVerifier::Options options = BaseOptions();
    options.hs256_secret = std::string(kSecret);
    return *JwtVerifier::Create(std::move(options));
  }
  static JwtVerifier Rs256Verifier() {
    JwtVerifier::Options options = BaseOptions();
    options.rs256_public_key_pem = PublicKeyPem(rsa_key_);
    return *JwtVerifier::Create(std::move(options));
  }
  static void ExpectRejected(const absl::StatusOr<Principal>& result, std::string_view message) {
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated) << result.status();
    EXPECT_THAT(std::string(result.status().message()), HasSubstr(std::string(message)));
  }

  static EVP_PKEY* rsa_key_;
  static EVP_PKEY* other_rsa_key_;
};

EVP_PKEY* JwtVerifierTest::rsa_key_ = nullptr;
EVP_PKEY* JwtVerifierTest::other_rsa_key_ = nullptr;

TEST_F(JwtVerifierTest, AcceptsValidHs256AndReadsClaims) {
  absl::StatusOr<Principal> principal = Hs256Verifier().Verify(SignHs256(kSecret, ValidClaims()));
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "agent-007");
  EXPECT_TRUE(principal->HasRole(Role::kAgent));
  EXPECT_TRUE(principal->HasRole(Role::kSupervisor));
  EXPECT_FALSE(principal->HasRole(Role::kAdmin));
  EXPECT_THAT(principal->regions, ElementsAre("gd", "gx"));
  EXPECT_TRUE(principal->CanAccessRegion("gx"));
  EXPECT_FALSE(principal->CanAccessRegion("bj"));
  EXPECT_EQ(principal->expiry, FixedNow() + std::chrono::seconds(3600));
}

TEST_F(JwtVerifierTest, AcceptsValidRs256) {
  absl::StatusOr<Principal> principal = Rs256Verifier().Verify(SignRs256(rsa_key_, ValidClaims()));
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->subject, "agent-007");
}

TEST_F(JwtVerifierTest, AcceptsBothAlgorithmsWhenBothKeysConfigured) {
  JwtVerifier::Options options = BaseOptions();
  options.hs256_secret = std::string(kSecret);
  options.rs256_public_key_pem = PublicKeyPem(rsa_key_);
  JwtVerifier verifier = *JwtVerifier::Create(std::move(options));
  EXPECT_TRUE(verifier.Verify(SignHs256(kSecret, ValidClaims())).ok());
  EXPECT_TRUE(verifier.Verify(SignRs256(rsa_key_, ValidClaims())).ok());
}

TEST_F(JwtVerifierTest, ParsesAllRolesAndIgnoresUnknownOnes) {
  nlohmann::json claims = ValidClaims();
  claims["roles"] = {"agent",      "supervisor", "qa_analyst", "admin",
                     "integrator", "system",     "crm_user"};
  claims["regions"] = nlohmann::json::array({"*"});
  absl::StatusOr<Principal> principal = Hs256Verifier().Verify(SignHs256(kSecret, claims));
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_EQ(principal->roles, RoleSet::All());
  EXPECT_TRUE(principal->CanAccessRegion("anywhere"));
}

TEST_F(JwtVerifierTest, MissingRolesAndRegionsGrantNothing) {
  nlohmann::json claims = ValidClaims();
  claims.erase("roles");
  claims.erase("regions");
  absl::StatusOr<Principal> principal = Hs256Verifier().Verify(SignHs256(kSecret, claims));
  ASSERT_TRUE(principal.ok()) << principal.status();
  EXPECT_TRUE(principal->roles.empty());
  EXPECT_FALSE(principal->CanAccessRegion("gd"));
}

TEST_F(JwtVerifierTest, RejectsWrongShapedRolesOrRegions) {
  for (const char* claim : {"roles", "regions"}) {
    nlohmann::json claims = ValidClaims();
    claims[claim] = "agent";  // a string, not an array
    ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "malformed");
    claims[claim] = nlohmann::json::array({"agent", 7});
    ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "malformed");
  }
}

TEST_F(JwtVerifierTest, RejectsExpired) {
  nlohmann::json claims = ValidClaims();
  claims["exp"] = kNow - 31;  // beyond the 30 s skew
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "expired");
}

TEST_F(JwtVerifierTest, ToleratesExpiryWithinSkew) {
  nlohmann::json claims = ValidClaims();
  claims["exp"] = kNow - 29;
  EXPECT_TRUE(Hs256Verifier().Verify(SignHs256(kSecret, claims)).ok());
}

TEST_F(JwtVerifierTest, RejectsMissingExpiry) {
  nlohmann::json claims = ValidClaims();
  claims.erase("exp");
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "no expiry");
}

TEST_F(JwtVerifierTest, RejectsNotYetValid) {
  nlohmann::json claims = ValidClaims();
  claims["nbf"] = kNow + 31;
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "not yet valid");
}

TEST_F(JwtVerifierTest, RejectsIssuedInTheFuture) {
  nlohmann::json claims = ValidClaims();
  claims["iat"] = kNow + 120;
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "future");
}

TEST_F(JwtVerifierTest, RejectsWrongHs256Signature) {
  std::string token = SignHs256("another-secret-another-secret-xx", ValidClaims());
  ExpectRejected(Hs256Verifier().Verify(token), "signature");
}

TEST_F(JwtVerifierTest, RejectsWrongRs256Signature) {
  ExpectRejected(Rs256Verifier().Verify(SignRs256(other_rsa_key_, ValidClaims())), "signature");
}

TEST_F(JwtVerifierTest, RejectsTamperedPayload) {
  std::string token = SignHs256(kSecret, ValidClaims());
  nlohmann::json claims = ValidClaims();
  claims["roles"] = nlohmann::json::array({"admin"});
  size_t first = token.find('.');
  size_t second = token.find('.', first + 1);
  std::string forged = token.substr(0, first + 1) + Base64UrlEncode(claims.dump()) +
                       token.substr(second);
  ExpectRejected(Hs256Verifier().Verify(forged), "signature");
}

TEST_F(JwtVerifierTest, RejectsWrongAudience) {
  nlohmann::json claims = ValidClaims();
  claims["aud"] = "billing";
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "audience");
  claims.erase("aud");
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "audience");
}

TEST_F(JwtVerifierTest, AcceptsAudienceArrayContainingOurs) {
  nlohmann::json claims = ValidClaims();
  claims["aud"] = nlohmann::json::array({"billing", "telemarketing"});
  EXPECT_TRUE(Hs256Verifier().Verify(SignHs256(kSecret, claims)).ok());
  claims["aud"] = nlohmann::json::array({"billing", "crm"});
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "audience");
}

TEST_F(JwtVerifierTest, RejectsWrongIssuer) {
  nlohmann::json claims = ValidClaims();
  claims["iss"] = "https://evil.example";
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "issuer");
}

TEST_F(JwtVerifierTest, RejectsMissingSubject) {
  nlohmann::json claims = ValidClaims();
  claims.erase("sub");
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, claims)), "subject");
}

TEST_F(JwtVerifierTest, RejectsAlgNone) {
  nlohmann::json header = {{"alg", "none"}, {"typ", "JWT"}};
  std::string unsigned_token = SigningInput(header, ValidClaims()) + ".";
  ExpectRejected(Hs256Verifier().Verify(unsigned_token), "algorithm");
  ExpectRejected(Rs256Verifier().Verify(unsigned_token), "algorithm");
  // Same with a signature attached, and with other spellings.
  for (const char* alg : {"none", "None", "NONE", "HS512", "ES256", "PS256"}) {
    header["alg"] = alg;
    ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, ValidClaims(), header)),
                   "algorithm");
  }
}

// The classic confusion attack: the attacker knows the RS256 public key (it is public) and signs
// an HS256 token with its PEM bytes as the HMAC secret, hoping the verifier uses "the key" for
// whichever algorithm the header names.
TEST_F(JwtVerifierTest, RejectsAlgorithmKeyConfusion) {
  std::string forged = SignHs256(PublicKeyPem(rsa_key_), ValidClaims());
  ExpectRejected(Rs256Verifier().Verify(forged), "algorithm");
  // And the other way round: an RS256 token where only HS256 is configured.
  ExpectRejected(Hs256Verifier().Verify(SignRs256(rsa_key_, ValidClaims())), "algorithm");
}

TEST_F(JwtVerifierTest, RejectsCriticalHeaderExtensions) {
  nlohmann::json header = {{"alg", "HS256"}, {"crit", nlohmann::json::array({"exp"})}};
  ExpectRejected(Hs256Verifier().Verify(SignHs256(kSecret, ValidClaims(), header)), "algorithm");
}

TEST_F(JwtVerifierTest, RejectsMalformedTokens) {
  JwtVerifier verifier = Hs256Verifier();
  std::string good = SignHs256(kSecret, ValidClaims());
  auto hs_token = [&](std::string_view header_json, std::string_view payload_json) {
    std::string input = Base64UrlEncode(header_json) + "." + Base64UrlEncode(payload_json);
    return input + "." + Base64UrlEncode(HmacSha256(kSecret, input));
  };
  const std::string cases[] = {
      "",
      "abc",
      "a.b",
      "a.b.c.d",
      "..",
      good + ".extra",
      good + "=",                                  // padding is not base64url-without-padding
      "!!!." + good.substr(good.find('.') + 1),    // bad base64 in header
      good.substr(0, good.rfind('.') + 1) + "A",  // impossible base64 length
      hs_token("not json", ValidClaims().dump()),
      hs_token("[1,2]", ValidClaims().dump()),
      hs_token(R"({"alg":7})", ValidClaims().dump()),
      hs_token(R"({"typ":"JWT"})", ValidClaims().dump()),
      hs_token(R"({"alg":"HS256"})", "{\"sub\": \"x\", "),  // truncated JSON, valid MAC
      hs_token(R"({"alg":"HS256"})", "\"just a string\""),
      hs_token(R"({"alg":"HS256"})", R"({"sub":"a","exp":"tomorrow","aud":"telemarketing"})"),
      hs_token(R"({"alg":"HS256"})", R"({"sub":"a","exp":1e300,"aud":"telemarketing"})"),
      // Year 2286: past where a nanosecond system_clock ends; must not overflow.
      hs_token(R"({"alg":"HS256"})", R"({"sub":"a","exp":1e10,"aud":"telemarketing"})"),
      hs_token(R"({"alg":"HS256"})", R"({"sub":"a","exp":-5,"aud":"telemarketing"})"),
      std::string(20000, 'a'),
  };
  for (const std::string& token : cases) {
    absl::StatusOr<Principal> result = verifier.Verify(token);
    ASSERT_FALSE(result.ok()) << token;
    EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated) << token;
  }
}

TEST_F(JwtVerifierTest, RejectsNonCanonicalBase64) {
  std::string good = SignHs256(kSecret, ValidClaims());
  // An HMAC-SHA256 is 32 bytes = 43 base64url characters; the last carries 2 unused bits. Setting
  // one of them yields a different spelling of the same bytes, which must not be accepted.
  std::string signature = good.substr(good.rfind('.') + 1);
  ASSERT_EQ(signature.size(), 43u);
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  size_t v = kAlphabet.find(signature.back());
  std::string variant = good.substr(0, good.size() - 1) + kAlphabet[v | 1];
  ExpectRejected(Hs256Verifier().Verify(variant), "malformed");
}

TEST_F(JwtVerifierTest, CreateRejectsBadKeys) {
  JwtVerifier::Options none = BaseOptions();
  EXPECT_EQ(JwtVerifier::Create(none).status().code(), absl::StatusCode::kInvalidArgument);

  JwtVerifier::Options garbage = BaseOptions();
  garbage.rs256_public_key_pem = "-----BEGIN PUBLIC KEY-----\nnope\n-----END PUBLIC KEY-----\n";
  EXPECT_EQ(JwtVerifier::Create(garbage).status().code(), absl::StatusCode::kInvalidArgument);

  JwtVerifier::Options private_key = BaseOptions();
  private_key.rs256_public_key_pem = PrivateKeyPem(rsa_key_);
  EXPECT_EQ(JwtVerifier::Create(private_key).status().code(), absl::StatusCode::kInvalidArgument);

  PkeyPtr small = GenerateRsaKey(1024);
  JwtVerifier::Options weak = BaseOptions();
  weak.rs256_public_key_pem = PublicKeyPem(small.get());
  absl::StatusOr<JwtVerifier> weak_verifier = JwtVerifier::Create(weak);
  EXPECT_EQ(weak_verifier.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(weak_verifier.status().message()), HasSubstr("2048"));

  PkeyPtr ec(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), &EVP_PKEY_free);
  JwtVerifier::Options not_rsa = BaseOptions();
  not_rsa.rs256_public_key_pem = PublicKeyPem(ec.get());
  EXPECT_THAT(std::string(JwtVerifier::Create(not_rsa).status().message()),
              HasSubstr("not an RSA"));
}

}  // namespace
}  // namespace tmk::auth
