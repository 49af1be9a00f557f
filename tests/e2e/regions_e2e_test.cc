// One customer view across regions (R5, R6, R32), with two installations of the suite: region A
// and region B, each its own telemarketing-server on its own database, one Kafka between them.
// A creates a customer; B sees a read-only replica, masked and withheld by A's sharing policy,
// and finds it by phone; B's update of it is refused; B proposes a new phone; A applies it with
// its history (who, which call) and re-shares it; a proposal learned before A's current value
// is reported STALE; and a sharing-policy change in A reaches B. Bad input is named field by
// field. Regions are named afresh per run, so consumer groups start clean and old events of
// other runs are skipped.
#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_replace.h"
#include "services/common/core/clock.h"
#include "services/common/core/uuid.h"
#include "services/common/events/kafka_event_publisher.h"
#include "services/common/events/proto_event.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/events/v1/contacts_events.pb.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/suite_process.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;
namespace ev1 = telemarketing::events::v1;
using Stub = v1::ContactsService::Stub;

std::string RegionName(const std::string& prefix) {
  return absl::StrReplaceAll(testing::UniqueName(prefix), {{"_", "-"}}).substr(0, 24);
}

// A Chinese mobile number no other run uses.
std::string NewMobile() {
  static std::mt19937_64 random(std::random_device{}());
  return absl::StrCat("139", 10000000 + random() % 90000000);
}

// Polls `read` until `done` holds or 60 s pass; returns the last value read.
template <class T>
T Eventually(const std::function<T()>& read, const std::function<bool(const T&)>& done) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  T value = read();
  while (!done(value) && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    value = read();
  }
  return value;
}

bool Contains(const google::protobuf::RepeatedPtrField<std::string>& list, const std::string& s) {
  return std::find(list.begin(), list.end(), s) != list.end();
}

class RegionsEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    region_a_ = new std::string(RegionName("ra"));
    region_b_ = new std::string(RegionName("rb"));
    a_ = new testing::SuiteProcess(
        {*region_a_, "contacts", {"--contacts-replica-regions=" + *region_b_}});
    b_ = new testing::SuiteProcess(
        {*region_b_, "contacts", {"--contacts-replica-regions=" + *region_a_}});
  }
  static void TearDownTestSuite() {
    delete a_;
    delete b_;
    delete region_a_;
    delete region_b_;
  }
  void SetUp() override {
    ASSERT_TRUE(a_->running()) << testing::Tail(a_->log_path());
    ASSERT_TRUE(b_->running()) << testing::Tail(b_->log_path());
    stub_a_ = v1::ContactsService::NewStub(a_->channel());
    stub_b_ = v1::ContactsService::NewStub(b_->channel());
  }

  static grpc::Status Get(Stub& stub, const std::string& id, v1::Customer& out) {
    grpc::ClientContext context;
    v1::GetCustomerRequest request;
    request.set_customer_id(id);
    v1::GetCustomerResponse response;
    grpc::Status status = stub.GetCustomer(&context, request, &response);
    out = response.customer();
    return status;
  }
  // B's replica once it satisfies `done`.
  v1::Customer ReplicaInB(const std::string& id, const std::function<bool(const v1::Customer&)>& done) {
    return Eventually<v1::Customer>(
        [&] {
          v1::Customer c;
          Get(*stub_b_, id, c);
          return c;
        },
        [&](const v1::Customer& c) { return !c.customer_id().empty() && done(c); });
  }
  grpc::Status Propose(Stub& stub, const v1::Customer& customer, std::vector<std::string> paths,
                       v1::UpdateProposal* out, const std::string& request_id = "") {
    grpc::ClientContext context;
    v1::ProposeCustomerUpdateRequest request;
    request.set_request_id(request_id.empty() ? testing::UniqueName("propose") : request_id);
    *request.mutable_customer() = customer;
    for (const std::string& p : paths) request.mutable_update_mask()->add_paths(p);
    request.mutable_context()->set_call_id("call-in-b-1");
    request.mutable_context()->set_reason("customer gave an office number");
    v1::ProposeCustomerUpdateResponse response;
    grpc::Status status = stub.ProposeCustomerUpdate(&context, request, &response);
    if (out != nullptr) *out = response.update_proposal();
    return status;
  }
  std::vector<v1::Customer> LookupInB(const std::string& phone) {
    grpc::ClientContext context;
    v1::LookupCustomersByPhoneRequest request;
    request.set_phone_number(phone);
    v1::LookupCustomersByPhoneResponse response;
    grpc::Status status = stub_b_->LookupCustomersByPhone(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return {response.customers().begin(), response.customers().end()};
  }
  static v1::UpdateProposal Proposal(Stub& stub, const std::string& id) {
    grpc::ClientContext context;
    v1::GetUpdateProposalRequest request;
    request.set_proposal_id(id);
    v1::GetUpdateProposalResponse response;
    stub.GetUpdateProposal(&context, request, &response);
    return response.update_proposal();
  }

  v1::Customer CreateInA(const std::string& mobile) {
    grpc::ClientContext context;
    v1::CreateCustomerRequest request;
    request.set_request_id(testing::UniqueName("create"));
    v1::Customer* c = request.mutable_customer();
    c->set_display_name("王小明");
    c->set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    c->set_occupation("teacher");
    c->set_vip_tier(v1::VIP_TIER_GOLD);
    c->set_external_id(testing::UniqueName("crm"));
    c->mutable_residence()->set_province_code("44");
    c->mutable_residence()->set_city_code("4403");
    c->mutable_residence()->set_street_address("深南大道 1 号");
    c->mutable_residence()->set_postal_code("518000");
    v1::ContactPoint* p = c->add_contact_points();
    p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    p->set_value(mobile);
    v1::CreateCustomerResponse response;
    grpc::Status status = stub_a_->CreateCustomer(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.customer();
  }

  static inline std::string* region_a_ = nullptr;
  static inline std::string* region_b_ = nullptr;
  static inline testing::SuiteProcess* a_ = nullptr;
  static inline testing::SuiteProcess* b_ = nullptr;
  std::unique_ptr<Stub> stub_a_, stub_b_;
};

TEST_F(RegionsEndToEnd, CreatedInAMaskedInBProposedFromBAppliedInAAndReshared) {
  const std::string mobile = NewMobile();
  const v1::Customer created = CreateInA(mobile);
  ASSERT_FALSE(created.customer_id().empty());
  const std::string& id = created.customer_id();

  // B holds a read-only replica, shared as A's default policy says (R6).
  v1::Customer replica = ReplicaInB(id, [](const v1::Customer&) { return true; });
  ASSERT_EQ(replica.customer_id(), id) << testing::Tail(b_->log_path());
  EXPECT_TRUE(replica.replica());
  EXPECT_EQ(replica.region_id(), *region_a_);
  EXPECT_EQ(replica.source(), "region:" + *region_a_);
  EXPECT_EQ(replica.display_name(), "王**");
  EXPECT_EQ(replica.occupation(), "teacher");
  EXPECT_EQ(replica.vip_tier(), v1::VIP_TIER_GOLD);
  EXPECT_EQ(replica.residence().city_code(), "4403");
  EXPECT_EQ(replica.residence().street_address(), "");
  EXPECT_EQ(replica.residence().postal_code(), "");
  EXPECT_EQ(replica.external_id(), "");
  EXPECT_TRUE(Contains(replica.masked_fields(), "display_name"));
  EXPECT_TRUE(Contains(replica.masked_fields(), "contact_points"));
  EXPECT_TRUE(Contains(replica.withheld_fields(), "residence.street_address"));
  EXPECT_TRUE(Contains(replica.withheld_fields(), "residence.postal_code"));
  EXPECT_TRUE(Contains(replica.withheld_fields(), "external_id"));
  ASSERT_EQ(replica.contact_points_size(), 1);
  EXPECT_TRUE(replica.contact_points(0).masked());
  EXPECT_EQ(replica.contact_points(0).value(), "+86 " + mobile.substr(0, 3) + "****" + mobile.substr(7));
  EXPECT_EQ(replica.contact_points(0).contact_point_id(), created.contact_points(0).contact_point_id());
  EXPECT_EQ(replica.contact_points(0).status(), v1::CONTACT_POINT_STATUS_UNVERIFIED);

  // Found by its number in B although B never saw the number (the owner's lookup key).
  std::vector<v1::Customer> found = LookupInB(mobile);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].customer_id(), id);
  EXPECT_TRUE(found[0].replica());

  // B may not change A's customer: FAILED_PRECONDITION naming the reason, nothing written.
  {
    grpc::ClientContext context;
    v1::UpdateCustomerRequest request;
    request.mutable_customer()->set_customer_id(id);
    request.mutable_customer()->set_occupation("engineer");
    request.mutable_update_mask()->add_paths("occupation");
    v1::UpdateCustomerResponse response;
    grpc::Status status = stub_b_->UpdateCustomer(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_EQ(testing::ErrorReason(status), "NOT_OWNER");
    EXPECT_EQ(testing::ErrorMetadata(status)["owner_region_id"], *region_a_);
  }

  // Bad proposals, each refused with the field named; and A may not propose to itself.
  {
    v1::Customer patch;
    patch.set_customer_id(id);
    patch.set_region_id("elsewhere");
    grpc::Status status = Propose(*stub_b_, patch, {"region_id"}, nullptr);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(testing::FieldViolations(status).count("update_mask.paths[0]"), 1u)
        << status.error_message();

    v1::Customer bad_phone;
    bad_phone.set_customer_id(id);
    v1::ContactPoint* p = bad_phone.add_contact_points();
    p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    p->set_value("12345");
    status = Propose(*stub_b_, bad_phone, {"contact_points"}, nullptr);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(testing::FieldViolations(status).count("customer.contact_points[0].value"), 1u)
        << status.error_message();

    v1::Customer own;
    own.set_customer_id(id);
    own.set_occupation("engineer");
    status = Propose(*stub_a_, own, {"occupation"}, nullptr);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_EQ(testing::ErrorReason(status), "CUSTOMER_OWNED");

    grpc::ClientContext context;
    v1::ProposeCustomerUpdateRequest no_id;
    *no_id.mutable_customer() = own;
    no_id.mutable_update_mask()->add_paths("occupation");
    v1::ProposeCustomerUpdateResponse response;
    status = stub_b_->ProposeCustomerUpdate(&context, no_id, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    EXPECT_EQ(testing::FieldViolations(status).count("request_id"), 1u);
  }

  // B learns an office number during a call and proposes it to A.
  const std::string office = NewMobile();
  v1::Customer patch;
  patch.set_customer_id(id);
  v1::ContactPoint* point = patch.add_contact_points();
  point->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
  point->set_value(office);
  point->set_label("office");
  const std::string request_id = testing::UniqueName("propose");
  v1::UpdateProposal sent;
  grpc::Status proposed = Propose(*stub_b_, patch, {"contact_points"}, &sent, request_id);
  ASSERT_TRUE(proposed.ok()) << proposed.error_message();
  EXPECT_EQ(sent.state(), v1::PROPOSAL_STATE_PENDING);
  EXPECT_EQ(sent.owner_region_id(), *region_a_);
  EXPECT_EQ(sent.proposing_region_id(), *region_b_);
  EXPECT_EQ(sent.field_hlc().count("contact_points"), 1u);
  v1::UpdateProposal again;  // the same request again: the same proposal, not a second one
  ASSERT_TRUE(Propose(*stub_b_, patch, {"contact_points"}, &again, request_id).ok());
  EXPECT_EQ(again.proposal_id(), sent.proposal_id());

  // B learns A's decision.
  v1::UpdateProposal decided = Eventually<v1::UpdateProposal>(
      [&] { return Proposal(*stub_b_, sent.proposal_id()); },
      [](const v1::UpdateProposal& p) { return p.state() != v1::PROPOSAL_STATE_PENDING; });
  ASSERT_EQ(decided.state(), v1::PROPOSAL_STATE_APPLIED) << testing::Tail(a_->log_path());
  ASSERT_EQ(decided.outcomes_size(), 1);
  EXPECT_EQ(decided.outcomes(0).result(), v1::FIELD_CHANGE_RESULT_APPLIED);

  // A holds the number, recorded as B's agent's change during B's call (R3).
  v1::Customer owned;
  ASSERT_TRUE(Get(*stub_a_, id, owned).ok());
  ASSERT_EQ(owned.contact_points_size(), 2);
  EXPECT_EQ(owned.contact_points(1).normalized_value(), "+86" + office);
  EXPECT_EQ(owned.contact_points(1).label(), "office");
  EXPECT_EQ(owned.contact_points(1).source(), "region:" + *region_b_);
  {
    grpc::ClientContext context;
    v1::ListProfileChangesRequest request;
    request.set_customer_id(id);
    v1::ListProfileChangesResponse response;
    ASSERT_TRUE(stub_a_->ListProfileChanges(&context, request, &response).ok());
    ASSERT_GE(response.changes_size(), 1);
    const v1::ProfileChange& change = response.changes(0);
    EXPECT_EQ(change.field_path(), "contact_points");
    EXPECT_EQ(change.call_id(), "call-in-b-1");
    EXPECT_EQ(change.origin(), v1::CHANGE_ORIGIN_PROPOSAL);
    EXPECT_EQ(change.actor().region_id(), *region_b_);
  }
  {
    grpc::ClientContext context;
    v1::ListUpdateProposalsRequest request;
    request.set_received(true);
    request.set_customer_id(id);
    v1::ListUpdateProposalsResponse response;
    ASSERT_TRUE(stub_a_->ListUpdateProposals(&context, request, &response).ok());
    ASSERT_EQ(response.proposals_size(), 1);
    EXPECT_EQ(response.proposals(0).proposal_id(), sent.proposal_id());
    EXPECT_EQ(response.proposals(0).state(), v1::PROPOSAL_STATE_APPLIED);
  }

  // A re-shares: B's replica gets the new point, masked, and finds it by the new number.
  v1::Customer reshared =
      ReplicaInB(id, [](const v1::Customer& c) { return c.contact_points_size() == 2; });
  ASSERT_EQ(reshared.contact_points_size(), 2);
  EXPECT_TRUE(reshared.contact_points(1).masked());
  EXPECT_EQ(reshared.contact_points(1).label(), "office");
  found = LookupInB(office);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].customer_id(), id);
}

// A third region's agent learned a name a day before A's customer was even created: A keeps its
// value (per-field last-writer-wins on the HLC) and reports the field STALE.
TEST_F(RegionsEndToEnd, AProposalLearnedBeforeTheOwnersValueIsStale) {
  const v1::Customer created = CreateInA(NewMobile());
  ASSERT_FALSE(created.customer_id().empty());
  const std::string third = RegionName("rc");
  testing::TopicReader decisions(testing::KafkaBrokers(), "tm.contact-proposals.v1");

  SystemClock clock;
  ev1::CustomerUpdateProposal message;
  v1::UpdateProposal& p = *message.mutable_proposal();
  p.set_proposal_id(NewId(clock));
  p.set_customer_id(created.customer_id());
  p.set_owner_region_id(*region_a_);
  p.set_proposing_region_id(third);
  p.mutable_patch()->set_customer_id(created.customer_id());
  p.mutable_patch()->set_display_name("王晓明");
  p.mutable_update_mask()->add_paths("display_name");
  telemarketing::common::v1::HlcTimestamp learned;
  learned.set_wall_time_millis(created.create_time().seconds() * 1000 - 86400000);
  learned.set_node(third);
  (*p.mutable_field_hlc())["display_name"] = learned;
  p.mutable_proposer()->set_actor_id("agent-c");
  p.set_state(v1::PROPOSAL_STATE_PENDING);
  *p.mutable_create_time() = created.create_time();
  message.set_region_id(third);
  message.set_target_region_id(*region_a_);
  *message.mutable_hlc() = learned;
  events::KafkaConfig kafka;
  kafka.brokers = testing::KafkaBrokers();
  auto publisher = events::KafkaEventPublisher::Create(kafka, third, "contacts");
  ASSERT_TRUE(publisher.ok()) << publisher.status();
  ASSERT_TRUE((*publisher)
                  ->PublishBatch({events::MakeEvent("tm.contact-proposals.v1",
                                                    created.customer_id(),
                                                    "proposals/" + p.proposal_id(), message, clock)})
                  .ok());

  // A answers the third region with the outcome, on the topic.
  std::vector<events::ConsumedEvent> seen = decisions.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& events) {
        for (const auto& e : events) {
          ev1::CustomerUpdateProposalDecided d;
          if (e.type == ev1::CustomerUpdateProposalDecided::descriptor()->full_name() &&
              d.ParseFromString(e.payload) && d.proposal().proposal_id() == p.proposal_id()) {
            return true;
          }
        }
        return false;
      },
      std::chrono::seconds(60));
  ev1::CustomerUpdateProposalDecided decided;
  for (const auto& e : seen) {
    ev1::CustomerUpdateProposalDecided d;
    if (e.type == ev1::CustomerUpdateProposalDecided::descriptor()->full_name() &&
        d.ParseFromString(e.payload) && d.proposal().proposal_id() == p.proposal_id()) {
      decided = d;
    }
  }
  ASSERT_EQ(decided.proposal().proposal_id(), p.proposal_id()) << testing::Tail(a_->log_path());
  EXPECT_EQ(decided.region_id(), *region_a_);
  EXPECT_EQ(decided.target_region_id(), third);
  EXPECT_EQ(decided.proposal().state(), v1::PROPOSAL_STATE_REJECTED);
  ASSERT_EQ(decided.proposal().outcomes_size(), 1);
  EXPECT_EQ(decided.proposal().outcomes(0).result(), v1::FIELD_CHANGE_RESULT_STALE);

  v1::Customer owned;
  ASSERT_TRUE(Get(*stub_a_, created.customer_id(), owned).ok());
  EXPECT_EQ(owned.display_name(), "王小明");
  EXPECT_EQ(Proposal(*stub_a_, p.proposal_id()).state(), v1::PROPOSAL_STATE_REJECTED);
}

// The right to deletion (R6): only the owner erases, the erasure is idempotent and audited, the
// last snapshot on the topic is a deleted marker without personal data, and B's replica goes.
TEST_F(RegionsEndToEnd, ErasedByTheOwnerAndFromEveryReplica) {
  const v1::Customer created = CreateInA(NewMobile());
  ASSERT_FALSE(created.customer_id().empty());
  const v1::Customer replica = ReplicaInB(created.customer_id(), [](const v1::Customer&) { return true; });
  ASSERT_EQ(replica.customer_id(), created.customer_id()) << testing::Tail(b_->log_path());
  testing::TopicReader snapshots(testing::KafkaBrokers(), "tm.contacts.v1");

  auto erase = [](Stub& stub, const std::string& request_id, const std::string& customer_id,
                  const std::string& etag) {
    grpc::ClientContext context;
    v1::DeleteCustomerRequest request;
    request.set_request_id(request_id);
    request.set_customer_id(customer_id);
    request.set_etag(etag);
    request.mutable_context()->set_reason("the customer asked to be erased");
    v1::DeleteCustomerResponse response;
    return stub.DeleteCustomer(&context, request, &response);
  };
  {  // bad input names its fields
    grpc::Status status = erase(*stub_a_, "", "not-a-uuid", "");
    ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    std::map<std::string, std::string> fields = testing::FieldViolations(status);
    EXPECT_EQ(fields.count("request_id"), 1u);
    EXPECT_EQ(fields.count("customer_id"), 1u);
  }
  {  // B holds a replica: only the owner erases
    grpc::Status status = erase(*stub_b_, testing::UniqueName("erase"), created.customer_id(), "");
    ASSERT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
    EXPECT_EQ(testing::ErrorReason(status), "NOT_OWNER");
    EXPECT_EQ(testing::ErrorMetadata(status)["owner_region_id"], *region_a_);
  }
  {  // a stale etag erases nothing
    grpc::Status status = erase(*stub_a_, testing::UniqueName("erase"), created.customer_id(), "1");
    ASSERT_EQ(status.error_code(), grpc::StatusCode::ABORTED);
    EXPECT_EQ(testing::ErrorReason(status), "ETAG_MISMATCH");
    v1::Customer still;
    ASSERT_TRUE(Get(*stub_a_, created.customer_id(), still).ok());
  }
  const std::string request_id = testing::UniqueName("erase");
  grpc::Status erased = erase(*stub_a_, request_id, created.customer_id(), created.etag());
  ASSERT_TRUE(erased.ok()) << erased.error_message();
  EXPECT_TRUE(erase(*stub_a_, request_id, created.customer_id(), created.etag()).ok())
      << "a retry of the same request answers like the first";
  EXPECT_EQ(erase(*stub_a_, testing::UniqueName("erase"), created.customer_id(), "").error_code(),
            grpc::StatusCode::NOT_FOUND);
  v1::Customer gone;
  EXPECT_EQ(Get(*stub_a_, created.customer_id(), gone).error_code(), grpc::StatusCode::NOT_FOUND);

  // B's replica is erased from the deleted marker.
  grpc::Status in_b = Eventually<grpc::Status>(
      [&] {
        v1::Customer c;
        return Get(*stub_b_, created.customer_id(), c);
      },
      [](const grpc::Status& s) { return s.error_code() == grpc::StatusCode::NOT_FOUND; });
  EXPECT_EQ(in_b.error_code(), grpc::StatusCode::NOT_FOUND) << testing::Tail(b_->log_path());
  for (const v1::Customer& found : LookupInB(created.contact_points(0).value())) {
    EXPECT_NE(found.customer_id(), created.customer_id()) << "B still finds it by number";
  }

  // The marker carries no personal data.
  std::vector<events::ConsumedEvent> seen = snapshots.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& events) {
        for (const auto& e : events) {
          ev1::CustomerSnapshot s;
          if (e.key == created.customer_id() && s.ParseFromString(e.payload) && s.deleted()) return true;
        }
        return false;
      },
      std::chrono::seconds(60));
  ev1::CustomerSnapshot marker;
  for (const auto& e : seen) {
    ev1::CustomerSnapshot s;
    if (e.key == created.customer_id() && s.ParseFromString(e.payload) && s.deleted()) marker = s;
  }
  ASSERT_TRUE(marker.deleted());
  EXPECT_EQ(marker.region_id(), *region_a_);
  EXPECT_EQ(marker.customer().customer_id(), created.customer_id());
  EXPECT_TRUE(marker.customer().display_name().empty());
  EXPECT_EQ(marker.customer().contact_points_size(), 0);
  EXPECT_EQ(marker.customer().occupation(), "");
  EXPECT_EQ(marker.phone_lookup_keys_size(), 0);

  // Who erased and why stays in A's audit log.
  grpc::ClientContext context;
  v1::ListAccessAuditEntriesRequest audit;
  audit.set_customer_id(created.customer_id());
  v1::ListAccessAuditEntriesResponse entries;
  ASSERT_TRUE(stub_a_->ListAccessAuditEntries(&context, audit, &entries).ok());
  int erasures = 0;
  for (const v1::AccessAuditEntry& entry : entries.entries()) {
    if (entry.kind() != v1::ACCESS_KIND_ERASE) continue;
    ++erasures;
    EXPECT_EQ(entry.reason(), "the customer asked to be erased");
    EXPECT_NE(entry.method().find("DeleteCustomer"), std::string::npos);
  }
  EXPECT_EQ(erasures, 1);
}

// Sharing the name from now on: A republishes its customers and B's replica shows it (R6).
// Run last among the tests that read names masked.
TEST_F(RegionsEndToEnd, ZSharingPolicyChangeReachesTheReplicas) {
  {  // bad rules are named field by field; nothing is stored
    grpc::ClientContext context;
    v1::UpdateSharingPolicyRequest request;
    request.set_request_id(testing::UniqueName("policy"));
    request.mutable_update_mask()->add_paths("rules");
    v1::FieldSharingRule* rule = request.mutable_sharing_policy()->add_rules();
    rule->set_field_path("no_such_field");
    rule->set_mode(v1::SHARING_MODE_SHARE);
    rule = request.mutable_sharing_policy()->add_rules();
    rule->set_field_path("occupation");
    v1::UpdateSharingPolicyResponse response;
    grpc::Status status = stub_a_->UpdateSharingPolicy(&context, request, &response);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
    std::map<std::string, std::string> violations = testing::FieldViolations(status);
    EXPECT_EQ(violations.count("sharing_policy.rules[0].field_path"), 1u);
    EXPECT_EQ(violations.count("sharing_policy.rules[1].mode"), 1u);
  }
  v1::SharingPolicy current;
  {
    grpc::ClientContext context;
    v1::GetSharingPolicyResponse response;
    ASSERT_TRUE(stub_a_->GetSharingPolicy(&context, {}, &response).ok());
    current = response.sharing_policy();
    EXPECT_EQ(current.region_id(), *region_a_);
    EXPECT_EQ(current.default_mode(), v1::SHARING_MODE_SHARE);
  }
  const v1::Customer created = CreateInA(NewMobile());
  ReplicaInB(created.customer_id(), [](const v1::Customer&) { return true; });

  v1::UpdateSharingPolicyRequest request;
  request.set_request_id(testing::UniqueName("policy"));
  request.mutable_update_mask()->add_paths("rules");
  *request.mutable_sharing_policy() = current;
  for (v1::FieldSharingRule& rule : *request.mutable_sharing_policy()->mutable_rules()) {
    if (rule.field_path() == "display_name") rule.set_mode(v1::SHARING_MODE_SHARE);
  }
  {
    grpc::ClientContext context;
    v1::UpdateSharingPolicyResponse response;
    grpc::Status status = stub_a_->UpdateSharingPolicy(&context, request, &response);
    ASSERT_TRUE(status.ok()) << status.error_message();
    EXPECT_FALSE(response.sharing_policy().etag().empty());
  }
  {  // a stale etag now: ABORTED
    grpc::ClientContext context;
    request.set_request_id(testing::UniqueName("policy"));
    request.mutable_sharing_policy()->set_etag("1.0");
    v1::UpdateSharingPolicyResponse response;
    EXPECT_EQ(stub_a_->UpdateSharingPolicy(&context, request, &response).error_code(),
              grpc::StatusCode::ABORTED);
  }
  v1::Customer shared = ReplicaInB(
      created.customer_id(), [](const v1::Customer& c) { return c.display_name() == "王小明"; });
  EXPECT_EQ(shared.display_name(), "王小明") << testing::Tail(a_->log_path());
  EXPECT_FALSE(Contains(shared.masked_fields(), "display_name"));
  EXPECT_TRUE(Contains(shared.withheld_fields(), "external_id"));
}

}  // namespace
}  // namespace tmk
