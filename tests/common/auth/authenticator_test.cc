#include "services/common/auth/authenticator.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fstream>

#include "tests/common/auth/jwt_test_util.h"

namespace tmk::auth {
namespace {

using ::testing::HasSubstr;
using namespace ::tmk::auth::testing;  // NOLINT: test helpers

std::string WriteFile(const std::string& name, const std::string& content) {
  std::string path = ::testing::TempDir() + "/" + name;
  std::ofstream(path, std::ios::binary) << content;
  return path;
}

AuthConfig JwtConfig() {
  AuthConfig config;
  config.mode = AuthMode::kJwt;
  config.hs256_secret = std::string(kSecret);
  config.issuer = "https://idp.example";
  config.audience = "telemarketing";
  config.clock_skew_seconds = 30;
  return config;
}

void ExpectInvalid(const AuthConfig& config, std::string_view setting) {
  absl::Status status = config.Validate();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument) << status;
  EXPECT_THAT(std::string(status.message()), HasSubstr(std::string(setting)));
  EXPECT_FALSE(Authenticator::Create(config).ok());
}

TEST(ParseAuthModeTest, KnownAndUnknown) {
  EXPECT_EQ(ParseAuthMode("jwt").value(), AuthMode::kJwt);
  EXPECT_EQ(ParseAuthMode("off").value(), AuthMode::kOff);
  absl::StatusOr<AuthMode> bad = ParseAuthMode("JWT2");
  EXPECT_EQ(bad.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(bad.status().message()), HasSubstr("auth.mode"));
}

TEST(AuthConfigTest, ValidJwtConfigs) {
  EXPECT_TRUE(JwtConfig().Validate().ok());
  PkeyPtr key = GenerateRsaKey();
  AuthConfig rsa_only = JwtConfig();
  rsa_only.hs256_secret.clear();
  rsa_only.rs256_public_key_file = WriteFile("valid_pub.pem", PublicKeyPem(key.get()));
  EXPECT_TRUE(rsa_only.Validate().ok()) << rsa_only.Validate();
}

TEST(AuthConfigTest, OffModeNeedsNothing) {
  AuthConfig config;
  config.mode = AuthMode::kOff;
  EXPECT_TRUE(config.Validate().ok());
}

TEST(AuthConfigTest, JwtModeNeedsAKey) {
  AuthConfig config = JwtConfig();
  config.hs256_secret.clear();
  ExpectInvalid(config, "auth.rs256_public_key_file");
}

TEST(AuthConfigTest, JwtModeNeedsAudience) {
  AuthConfig config = JwtConfig();
  config.audience.clear();
  ExpectInvalid(config, "auth.audience");
}

TEST(AuthConfigTest, ShortSecretRejected) {
  AuthConfig config = JwtConfig();
  config.hs256_secret = "short";
  ExpectInvalid(config, "auth.hs256_secret");
}

TEST(AuthConfigTest, SkewOutOfRangeRejected) {
  AuthConfig config = JwtConfig();
  config.clock_skew_seconds = -1;
  ExpectInvalid(config, "auth.clock_skew_seconds");
}

TEST(AuthConfigTest, UnreadableKeyFileRejected) {
  AuthConfig config = JwtConfig();
  config.rs256_public_key_file = ::testing::TempDir() + "/does-not-exist.pem";
  ExpectInvalid(config, "does-not-exist.pem");
}

TEST(AuthConfigTest, KeyFileThatIsNotAPublicKeyRejected) {
  AuthConfig config = JwtConfig();
  config.rs256_public_key_file = WriteFile("garbage.pem", "this is not a key\n");
  ExpectInvalid(config, "auth.rs256_public_key_file");

  PkeyPtr key = GenerateRsaKey();
  config.rs256_public_key_file = WriteFile("private.pem", PrivateKeyPem(key.get()));
  ExpectInvalid(config, "not a PEM public key");
}

class AuthenticatorTest : public ::testing::Test {
 protected:
  Authenticator JwtAuthenticator() { return *Authenticator::Create(JwtConfig(), FixedNow); }
};

TEST_F(AuthenticatorTest, AcceptsBearerToken) {
  std::string token = SignHs256(kSecret, ValidClaims());
  for (const std::string& header :
       {"Bearer " + token, "bearer " + token, "BEARER  " + token, "  Bearer " + token + " "}) {
    absl::StatusOr<Principal> principal = JwtAuthenticator().Authenticate(header);
    ASSERT_TRUE(principal.ok()) << header << ": " << principal.status();
    EXPECT_EQ(principal->subject, "agent-007");
    EXPECT_TRUE(principal->HasRole(Role::kAgent));
  }
}

TEST_F(AuthenticatorTest, AcceptsRs256FromKeyFile) {
  PkeyPtr key = GenerateRsaKey();
  AuthConfig config = JwtConfig();
  config.hs256_secret.clear();
  config.rs256_public_key_file = WriteFile("auth_pub.pem", PublicKeyPem(key.get()));
  absl::StatusOr<Authenticator> authenticator = Authenticator::Create(config, FixedNow);
  ASSERT_TRUE(authenticator.ok()) << authenticator.status();
  absl::StatusOr<Principal> principal =
      authenticator->Authenticate("Bearer " + SignRs256(key.get(), ValidClaims()));
  ASSERT_TRUE(principal.ok()) << principal.status();
  // Only RS256 is configured, so an HS256 token signed with the public key file's bytes fails.
  std::string confused = SignHs256(PublicKeyPem(key.get()), ValidClaims());
  EXPECT_EQ(authenticator->Authenticate("Bearer " + confused).status().code(),
            absl::StatusCode::kUnauthenticated);
}

TEST_F(AuthenticatorTest, RejectsMissingOrNonBearer) {
  std::string token = SignHs256(kSecret, ValidClaims());
  for (const std::string& header :
       {std::string(), std::string("   "), std::string("Bearer"), std::string("Bearer   "),
        token, std::string("Basic dXNlcjpwYXNz"), "Bearertoken" + token, "Token " + token}) {
    absl::StatusOr<Principal> result = JwtAuthenticator().Authenticate(header);
    ASSERT_FALSE(result.ok()) << header;
    EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated) << header;
  }
  EXPECT_THAT(std::string(JwtAuthenticator().Authenticate("").status().message()),
              HasSubstr("missing"));
}

TEST_F(AuthenticatorTest, RejectsExpiredThroughHeader) {
  nlohmann::json claims = ValidClaims();
  claims["exp"] = kNow - 3600;
  absl::StatusOr<Principal> result =
      JwtAuthenticator().Authenticate("Bearer " + SignHs256(kSecret, claims));
  EXPECT_EQ(result.status().code(), absl::StatusCode::kUnauthenticated);
}

TEST_F(AuthenticatorTest, OffModeReturnsLocalDevPrincipal) {
  AuthConfig config;
  config.mode = AuthMode::kOff;
  absl::StatusOr<Authenticator> authenticator = Authenticator::Create(config);
  ASSERT_TRUE(authenticator.ok());
  EXPECT_EQ(authenticator->mode(), AuthMode::kOff);
  for (std::string_view header : {"", "garbage", "Bearer x.y.z"}) {
    absl::StatusOr<Principal> principal = authenticator->Authenticate(header);
    ASSERT_TRUE(principal.ok());
    EXPECT_EQ(principal->subject, "local-dev");
    EXPECT_EQ(principal->roles, RoleSet::All());
    EXPECT_TRUE(principal->CanAccessRegion("any-region"));
  }
}

}  // namespace
}  // namespace tmk::auth
