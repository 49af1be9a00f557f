// The whole path of issue 2 as an integrator sees it: gRPC CreateCustomer/GetCustomer against the
// running suite, then the CustomerSnapshot read from Kafka with its CloudEvents headers.
#include <gtest/gtest.h>

#include <pqxx/pqxx>
#include <set>
#include <thread>

#include "grpc/health/v1/health.grpc.pb.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/events/v1/contacts_events.pb.h"
#include "tests/contacts/store/plaintext_scan.h"
#include "tests/support/contacts_suite_test.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/suite_process.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;

class ContactsEndToEnd : public testing::ContactsSuiteTest<ContactsEndToEnd> {
 public:  // read by ContactsSuiteTest
  static testing::SuiteProcess::Options SuiteOptions() { return {}; }

 protected:
  v1::CreateCustomerRequest NewCustomerRequest(const std::string& request_id) {
    v1::CreateCustomerRequest request;
    request.set_request_id(request_id);
    v1::Customer* c = request.mutable_customer();
    c->set_display_name("王芳");
    c->set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    c->set_vip_tier(v1::VIP_TIER_GOLD);
    c->set_birth_year(1988);
    c->add_tags("gold_card");
    c->mutable_residence()->set_province_code("44");
    c->mutable_residence()->set_city_code("4401");
    v1::ContactPoint* phone = c->add_contact_points();
    phone->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    phone->set_value("139 2000 1234");
    return request;
  }

  long long CustomerRows() {
    pqxx::connection connection(suite_->pg_dsn());
    pqxx::nontransaction tx(connection);
    return tx.exec("SELECT count(*) FROM contacts.customers")[0][0].as<long long>();
  }

};


TEST_F(ContactsEndToEnd, CreateThenGetThenReadTheSnapshotEventFromKafka) {
  testing::TopicReader reader(testing::KafkaBrokers(), "tm.contacts.v1");
  grpc::ClientContext create_context;
  v1::CreateCustomerResponse create_response;
  grpc::Status status = stub_->CreateCustomer(
      &create_context, NewCustomerRequest(testing::UniqueName("req")), &create_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Customer& created = create_response.customer();
  EXPECT_FALSE(created.customer_id().empty());
  EXPECT_EQ(created.region_id(), "e2e");
  ASSERT_EQ(created.contact_points_size(), 1);
  EXPECT_EQ(created.contact_points(0).normalized_value(), "+8613920001234");
  EXPECT_EQ(created.contact_points(0).status(), v1::CONTACT_POINT_STATUS_UNVERIFIED);
  EXPECT_TRUE(created.has_create_time());

  grpc::ClientContext get_context;
  v1::GetCustomerRequest get;
  get.set_customer_id(created.customer_id());
  v1::GetCustomerResponse get_response;
  status = stub_->GetCustomer(&get_context, get, &get_response);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Customer& fetched = get_response.customer();
  EXPECT_EQ(fetched.display_name(), "王芳");
  EXPECT_EQ(fetched.vip_tier(), v1::VIP_TIER_GOLD);
  EXPECT_EQ(fetched.contact_points(0).contact_point_id(), created.contact_points(0).contact_point_id());

  auto events = reader.ReadUntil(
      [&](const auto& got) {
        for (const auto& e : got) if (e.key == created.customer_id()) return true;
        return false;
      },
      std::chrono::seconds(30));
  const events::ConsumedEvent* snapshot_event = nullptr;
  for (const auto& e : events) if (e.key == created.customer_id()) snapshot_event = &e;
  ASSERT_NE(snapshot_event, nullptr) << "no CustomerSnapshot on tm.contacts.v1";
  EXPECT_EQ(snapshot_event->spec_version, "1.0");
  EXPECT_EQ(snapshot_event->type, "telemarketing.events.v1.CustomerSnapshot");
  EXPECT_EQ(snapshot_event->source, "//telemarketing/e2e/contacts");
  EXPECT_EQ(snapshot_event->subject, "customers/" + created.customer_id());
  EXPECT_EQ(snapshot_event->region, "e2e");
  EXPECT_EQ(snapshot_event->content_type, "application/protobuf");
  EXPECT_FALSE(snapshot_event->id.empty());
  telemarketing::events::v1::CustomerSnapshot snapshot;
  ASSERT_TRUE(snapshot.ParseFromString(snapshot_event->payload));
  EXPECT_EQ(snapshot.customer().customer_id(), created.customer_id());
  EXPECT_EQ(snapshot.region_id(), "e2e");
  EXPECT_GT(snapshot.hlc().wall_time_millis(), 0);
}

TEST_F(ContactsEndToEnd, BadInputIsInvalidArgumentWithFieldViolationsAndWritesNothing) {
  long long before = CustomerRows();
  v1::CreateCustomerRequest request = NewCustomerRequest(testing::UniqueName("req"));
  request.mutable_customer()->mutable_contact_points(0)->set_value("12345");
  request.mutable_customer()->set_display_name("");
  grpc::ClientContext context;
  v1::CreateCustomerResponse ignored;
  grpc::Status status = stub_->CreateCustomer(&context, request, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::set<std::string> fields;
  for (const auto& [field, description] : testing::FieldViolations(status)) fields.insert(field);
  EXPECT_EQ(fields, (std::set<std::string>{"customer.display_name", "customer.contact_points[0].value"}));
  EXPECT_EQ(CustomerRows(), before);
}

TEST_F(ContactsEndToEnd, RetriedCreateWithTheSameRequestIdReturnsTheSameCustomer) {
  std::string request_id = testing::UniqueName("req");
  v1::CreateCustomerResponse first, second, conflicting;
  grpc::ClientContext c1, c2, c3;
  ASSERT_TRUE(stub_->CreateCustomer(&c1, NewCustomerRequest(request_id), &first).ok());
  long long rows = CustomerRows();
  ASSERT_TRUE(stub_->CreateCustomer(&c2, NewCustomerRequest(request_id), &second).ok());
  EXPECT_EQ(second.customer().customer_id(), first.customer().customer_id());
  EXPECT_EQ(CustomerRows(), rows);

  v1::CreateCustomerRequest changed = NewCustomerRequest(request_id);
  changed.mutable_customer()->set_display_name("someone else");
  grpc::Status status = stub_->CreateCustomer(&c3, changed, &conflicting);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::ALREADY_EXISTS);
  EXPECT_EQ(testing::ErrorReason(status), "REQUEST_ID_REUSED");
}

TEST_F(ContactsEndToEnd, UnknownAndMalformedIdsAreNotFoundAndInvalid) {
  grpc::ClientContext c1, c2;
  v1::GetCustomerRequest request;
  v1::GetCustomerResponse ignored;
  request.set_customer_id("01938a2b-0000-7000-8000-000000000000");
  EXPECT_EQ(stub_->GetCustomer(&c1, request, &ignored).error_code(), grpc::StatusCode::NOT_FOUND);
  request.set_customer_id("'; DROP TABLE customers; --");
  EXPECT_EQ(stub_->GetCustomer(&c2, request, &ignored).error_code(), grpc::StatusCode::INVALID_ARGUMENT);
}

// R6: once the relay has handed the snapshot to Kafka, the contacts schema holds the customer's
// name, street address, phone and e-mail only sealed.
TEST_F(ContactsEndToEnd, PersonalDataIsStoredOnlySealed) {
  const std::string name = testing::UniqueName("Sealed Person");
  v1::CreateCustomerRequest request = NewCustomerRequest(testing::UniqueName("req"));
  request.mutable_customer()->set_display_name(name);
  request.mutable_customer()->mutable_residence()->set_street_address("封存路 17 号");
  request.mutable_customer()->mutable_contact_points(0)->set_value("137 5555 0123");
  v1::ContactPoint* email = request.mutable_customer()->add_contact_points();
  email->set_type(v1::CONTACT_POINT_TYPE_EMAIL);
  email->set_value("sealed.person@example.org");
  grpc::ClientContext context;
  v1::CreateCustomerResponse created;
  ASSERT_TRUE(stub_->CreateCustomer(&context, request, &created).ok());

  pqxx::connection connection(suite_->pg_dsn());
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  for (;;) {
    pqxx::nontransaction tx(connection);
    if (tx.exec("SELECT count(*) FROM contacts.outbox")[0][0].as<long long>() == 0) break;
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the relay did not drain the outbox";
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  pqxx::work tx(connection);
  EXPECT_EQ(contacts::ColumnsContaining(tx, "contacts",
                                        {name, "封存路 17 号", "13755550123", "137 5555 0123",
                                         "sealed.person@example.org"}),
            std::set<std::string>{});
}

TEST_F(ContactsEndToEnd, EveryServiceReportsHealth) {
  auto health = grpc::health::v1::Health::NewStub(suite_->channel());
  for (const char* service :
       {"", "liveness", "telemarketing.contacts.v1.ContactsService", "telemarketing.campaigns.v1.CampaignsService",
        "telemarketing.dialing.v1.DialingService", "telemarketing.dialing.v1.AgentDesktopService",
        "telemarketing.recording.v1.RecordingService", "telemarketing.qa.v1.QualityService",
        "telemarketing.reporting.v1.ReportingService"}) {
    grpc::ClientContext context;
    grpc::health::v1::HealthCheckRequest request;
    request.set_service(service);
    grpc::health::v1::HealthCheckResponse response;
    ASSERT_TRUE(health->Check(&context, request, &response).ok()) << service;
    EXPECT_EQ(response.status(), grpc::health::v1::HealthCheckResponse::SERVING) << service;
  }
}

}  // namespace
}  // namespace tmk

namespace tmk {
namespace {

// What an integrator does first (issue 2): `grpcurl -plaintext ADDR list` through reflection.
TEST(ReflectionEndToEnd, GrpcurlListsEveryServiceHealthAndReflection) {
  testing::SuiteProcess suite({});
  ASSERT_TRUE(suite.running());
  std::string command = "grpcurl -plaintext " + suite.grpc_address() + " list 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  int status = pclose(pipe);
  ASSERT_EQ(status, 0) << "grpcurl (installed by scripts/test into $TM_CACHE_DIR/go/bin) said:\n"
                       << output;
  for (const char* service :
       {"grpc.health.v1.Health", "grpc.reflection.v1alpha.ServerReflection",
        "telemarketing.contacts.v1.ContactsService", "telemarketing.campaigns.v1.CampaignsService",
        "telemarketing.dialing.v1.DialingService", "telemarketing.dialing.v1.AgentDesktopService",
        "telemarketing.recording.v1.RecordingService", "telemarketing.qa.v1.QualityService",
        "telemarketing.reporting.v1.ReportingService"}) {
    EXPECT_NE(output.find(service), std::string::npos) << service << " missing from:\n" << output;
  }
  EXPECT_EQ(suite.Stop(), 0) << "SIGTERM should drain and exit 0; log:\n" << testing::Tail(suite.log_path());
}

}  // namespace
}  // namespace tmk
