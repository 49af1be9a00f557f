// A dependency outage as operators see it (issue 2): while PostgreSQL is unreachable the service
// answers UNAVAILABLE and reports NOT_SERVING (liveness stays SERVING, so Kubernetes does not
// restart it); when PostgreSQL returns it serves again without a restart.
#include <gtest/gtest.h>

#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "tests/support/suite_process.h"
#include "tests/support/tcp_proxy.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;
using Health = grpc::health::v1::HealthCheckResponse;

Health::ServingStatus Check(const std::shared_ptr<grpc::Channel>& channel, const std::string& service) {
  grpc::ClientContext context;
  context.set_deadline(std::chrono::system_clock::now() + std::chrono::seconds(2));
  grpc::health::v1::HealthCheckRequest request;
  request.set_service(service);
  Health response;
  if (!grpc::health::v1::Health::NewStub(channel)->Check(&context, request, &response).ok()) {
    return Health::UNKNOWN;
  }
  return response.status();
}

bool Becomes(const std::shared_ptr<grpc::Channel>& channel, const std::string& service, Health::ServingStatus wanted) {
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(15);
  while (std::chrono::steady_clock::now() < deadline) {
    if (Check(channel, service) == wanted) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  return false;
}

grpc::Status CreateCustomer(const std::shared_ptr<grpc::Channel>& channel) {
  grpc::ClientContext context;
  v1::CreateCustomerRequest request;
  request.mutable_customer()->set_display_name("刘洋");
  request.mutable_customer()->set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
  v1::CreateCustomerResponse response;
  return v1::ContactsService::NewStub(channel)->CreateCustomer(&context, request, &response);
}

TEST(DependencyOutage, PostgresDownIsUnavailableAndNotServingThenRecoversWithoutRestart) {
  auto [host, port] = testing::DsnAddress(testing::PgDsn());
  testing::TcpProxy postgres(host, port);
  testing::SuiteProcess suite({"e2e", "contacts", {}, postgres.port()});
  ASSERT_TRUE(suite.running());
  std::shared_ptr<grpc::Channel> channel = suite.channel();
  const std::string contacts = "telemarketing.contacts.v1.ContactsService";
  ASSERT_TRUE(CreateCustomer(channel).ok());

  postgres.Cut();
  EXPECT_TRUE(Becomes(channel, contacts, Health::NOT_SERVING));
  EXPECT_EQ(Check(channel, ""), Health::NOT_SERVING);
  EXPECT_EQ(Check(channel, "liveness"), Health::SERVING);
  grpc::Status during = CreateCustomer(channel);
  EXPECT_EQ(during.error_code(), grpc::StatusCode::UNAVAILABLE) << during.error_message();

  postgres.Restore();
  EXPECT_TRUE(Becomes(channel, contacts, Health::SERVING));
  EXPECT_EQ(Check(channel, ""), Health::SERVING);
  grpc::Status after = CreateCustomer(channel);
  EXPECT_TRUE(after.ok()) << after.error_message();
  EXPECT_TRUE(suite.running()) << "the server must ride out the outage, not exit";
}

}  // namespace
}  // namespace tmk
