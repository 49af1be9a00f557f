// Authentication and authorisation through the running suite (issue 2, R6): a JWT names the
// caller's roles and regions; no token is UNAUTHENTICATED, a region outside the token's scope is
// PERMISSION_DENIED, and an agent sees phone numbers masked.
#include <gtest/gtest.h>

#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "tests/common/auth/jwt_test_util.h"
#include "tests/support/contacts_suite_test.h"
#include "tests/support/suite_process.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;
using auth::testing::kSecret;
using auth::testing::SignHs256;

std::string Token(std::vector<std::string> roles, std::vector<std::string> regions) {
  long long now = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
  return SignHs256(kSecret, {{"iss", "https://idp.example"},
                             {"aud", "telemarketing"},
                             {"sub", "user-" + roles.front()},
                             {"iat", now - 5},
                             {"exp", now + 600},
                             {"roles", roles},
                             {"regions", regions}});
}

class AuthEndToEnd : public testing::ContactsSuiteTest<AuthEndToEnd> {
 public:  // read by ContactsSuiteTest
  static testing::SuiteProcess::Options SuiteOptions() {
    return 
        {"gd", "contacts",
         {"--auth-mode=jwt", "--auth-hs256-secret=" + std::string(kSecret),
          "--auth-audience=telemarketing", "--auth-issuer=https://idp.example"}};
  }

 protected:
  grpc::Status Create(const std::string& token, v1::CreateCustomerResponse* response) {
    grpc::ClientContext context;
    if (!token.empty()) context.AddMetadata("authorization", "Bearer " + token);
    v1::CreateCustomerRequest request;
    request.mutable_customer()->set_display_name("陈静");
    request.mutable_customer()->set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    v1::ContactPoint* phone = request.mutable_customer()->add_contact_points();
    phone->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    phone->set_value("13700001111");
    return v1::ContactsService::NewStub(suite_->channel())->CreateCustomer(&context, request, response);
  }

};


TEST_F(AuthEndToEnd, NoTokenOrABadOneIsUnauthenticated) {
  v1::CreateCustomerResponse response;
  EXPECT_EQ(Create("", &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
  std::string forged = Token({"admin"}, {"*"});
  forged.back() = forged.back() == 'A' ? 'B' : 'A';
  EXPECT_EQ(Create(forged, &response).error_code(), grpc::StatusCode::UNAUTHENTICATED);
}

TEST_F(AuthEndToEnd, ARegionOutsideTheTokensScopeIsPermissionDenied) {
  v1::CreateCustomerResponse response;
  grpc::Status status = Create(Token({"supervisor"}, {"sc"}), &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED) << status.error_message();
}

TEST_F(AuthEndToEnd, AnAgentSeesMaskedNumbersASupervisorSeesThemWhole) {
  v1::CreateCustomerResponse as_agent, as_supervisor;
  ASSERT_TRUE(Create(Token({"agent"}, {"gd"}), &as_agent).ok());
  EXPECT_EQ(as_agent.customer().contact_points(0).value(), "+86 137****1111");
  EXPECT_TRUE(as_agent.customer().contact_points(0).masked());
  ASSERT_TRUE(Create(Token({"supervisor"}, {"gd"}), &as_supervisor).ok());
  EXPECT_EQ(as_supervisor.customer().contact_points(0).normalized_value(), "+8613700001111");
  EXPECT_FALSE(as_supervisor.customer().contact_points(0).masked());
}

}  // namespace
}  // namespace tmk
