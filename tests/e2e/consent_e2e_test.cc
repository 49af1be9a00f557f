// Consent, do-not-call and CheckCallable (R2, R6) as an integrator sees them: gRPC against the
// running suite, then ConsentChanged / DoNotCallChanged read from Kafka with CloudEvents headers.
#include <gtest/gtest.h>

#include <set>

#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/events/v1/contacts_events.pb.h"
#include "tests/support/contacts_suite_test.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/suite_process.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;
using R = v1::NonCallableReason;

class ConsentEndToEnd : public testing::ContactsSuiteTest<ConsentEndToEnd> {
 protected:
  // A customer with the given mobiles (status per number); returns the created customer.
  v1::Customer NewCustomer(const std::vector<std::pair<std::string, v1::ContactPointStatus>>& phones) {
    v1::CreateCustomerRequest request;
    request.set_request_id(testing::UniqueName("req"));
    v1::Customer* c = request.mutable_customer();
    c->set_display_name("张伟");
    c->set_kind(common::CUSTOMER_KIND_B2C);
    for (const auto& [number, status] : phones) {
      v1::ContactPoint* p = c->add_contact_points();
      p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
      p->set_value(number);
      p->set_status(status);
    }
    grpc::ClientContext context;
    v1::CreateCustomerResponse response;
    grpc::Status status = stub_->CreateCustomer(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.customer();
  }

  grpc::Status Record(const std::string& request_id, const std::string& customer_id,
                      v1::ConsentState state, v1::Consent* out = nullptr) {
    v1::RecordConsentRequest request;
    request.set_request_id(request_id);
    v1::Consent* c = request.mutable_consent();
    c->set_customer_id(customer_id);
    c->set_channel(common::CONTACT_CHANNEL_VOICE);
    c->set_purpose(common::CONTACT_PURPOSE_MARKETING);
    c->set_state(state);
    c->set_source("call");
    if (state == v1::CONSENT_STATE_GRANTED) c->set_evidence("recording:rec-1");
    grpc::ClientContext context;
    v1::RecordConsentResponse response;
    grpc::Status status = stub_->RecordConsent(&context, request, &response);
    if (out) *out = response.consent();
    return status;
  }

  v1::DncEntry AddDnc(v1::DncScope scope, const std::string& customer_id, const std::string& phone,
                      const std::string& campaign = "") {
    v1::CreateDncEntryRequest request;
    request.set_request_id(testing::UniqueName("dnc"));
    v1::DncEntry* e = request.mutable_dnc_entry();
    e->set_scope(scope);
    e->set_customer_id(customer_id);
    e->set_phone_number(phone);
    e->set_campaign_id(campaign);
    e->set_reason(v1::DNC_REASON_CUSTOMER_REQUEST);
    grpc::ClientContext context;
    v1::CreateDncEntryResponse response;
    grpc::Status status = stub_->CreateDncEntry(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response.dnc_entry();
  }

  std::set<std::string> ViolatedFields(const grpc::Status& status) {
    std::set<std::string> fields;
    for (const auto& [field, description] : testing::FieldViolations(status)) fields.insert(field);
    return fields;
  }

};


std::vector<R> Reasons(const v1::CallableVerdict& v) {
  std::vector<R> out;
  for (int r : v.reasons()) out.push_back(static_cast<R>(r));
  return out;
}

TEST_F(ConsentEndToEnd, ConsentAndDncDecideCheckCallableAndReachKafka) {
  testing::TopicReader reader(testing::KafkaBrokers(), "tm.contact-consent.v1");
  v1::Customer granted = NewCustomer({{"139 3000 0001", v1::CONTACT_POINT_STATUS_VALID},
                                      {"139 3000 0002", v1::CONTACT_POINT_STATUS_WRONG_PARTY}});
  v1::Customer withdrawn = NewCustomer({{"139 3000 0003", v1::CONTACT_POINT_STATUS_VALID}});
  v1::Customer by_number = NewCustomer({{"139 3000 0004", v1::CONTACT_POINT_STATUS_VALID}});
  v1::Customer by_campaign = NewCustomer({{"139 3000 0005", v1::CONTACT_POINT_STATUS_VALID}});
  ASSERT_EQ(granted.contact_points_size(), 2);

  std::string request_id = testing::UniqueName("consent");
  v1::Consent first, again;
  ASSERT_TRUE(Record(request_id, granted.customer_id(), v1::CONSENT_STATE_GRANTED, &first).ok());
  ASSERT_TRUE(Record(request_id, granted.customer_id(), v1::CONSENT_STATE_GRANTED, &again).ok());
  EXPECT_EQ(again.consent_id(), first.consent_id()) << "a retried request_id records once";
  EXPECT_EQ(first.region_id(), "e2e");
  EXPECT_GT(first.hlc().wall_time_millis(), 0);
  grpc::Status reused = Record(request_id, granted.customer_id(), v1::CONSENT_STATE_WITHDRAWN);
  EXPECT_EQ(reused.error_code(), grpc::StatusCode::ALREADY_EXISTS);

  ASSERT_TRUE(Record(testing::UniqueName("c"), withdrawn.customer_id(), v1::CONSENT_STATE_GRANTED).ok());
  ASSERT_TRUE(Record(testing::UniqueName("c"), withdrawn.customer_id(), v1::CONSENT_STATE_WITHDRAWN).ok());
  {
    grpc::ClientContext context;
    v1::ListConsentsRequest list;
    list.set_customer_id(withdrawn.customer_id());
    v1::ListConsentsResponse current;
    ASSERT_TRUE(stub_->ListConsents(&context, list, &current).ok());
    ASSERT_EQ(current.consents_size(), 1) << "one current decision per channel and purpose";
    EXPECT_EQ(current.consents(0).state(), v1::CONSENT_STATE_WITHDRAWN);
    grpc::ClientContext history_context;
    list.set_show_history(true);
    list.set_page_size(1);
    v1::ListConsentsResponse history;
    ASSERT_TRUE(stub_->ListConsents(&history_context, list, &history).ok());
    ASSERT_EQ(history.consents_size(), 1);
    EXPECT_FALSE(history.next_page_token().empty());
  }

  v1::DncEntry number_entry = AddDnc(v1::DNC_SCOPE_GLOBAL, "", "+86 139-3000-0004");
  EXPECT_EQ(number_entry.phone_number(), "+8613930000004");
  v1::DncEntry campaign_entry = AddDnc(v1::DNC_SCOPE_CAMPAIGN, by_campaign.customer_id(), "", "camp-1");

  v1::CheckCallableRequest check;
  check.set_purpose(common::CONTACT_PURPOSE_MARKETING);
  check.set_campaign_id("camp-1");
  auto* q0 = check.add_queries();
  q0->set_customer_id(granted.customer_id());  // both phones
  auto* q1 = check.add_queries();
  q1->set_customer_id(withdrawn.customer_id());
  q1->set_contact_point_id(withdrawn.contact_points(0).contact_point_id());
  check.add_queries()->set_phone_number("13930000004");
  check.add_queries()->set_customer_id(by_campaign.customer_id());
  check.add_queries()->set_phone_number("139 3999 9999");  // nobody's number
  check.add_queries()->set_customer_id("01938a2b-0000-7000-8000-000000000000");
  grpc::ClientContext check_context;
  v1::CheckCallableResponse verdicts;
  grpc::Status status = stub_->CheckCallable(&check_context, check, &verdicts);
  ASSERT_TRUE(status.ok()) << status.error_message();
  ASSERT_EQ(verdicts.verdicts_size(), 7);
  const auto& v = verdicts.verdicts();
  EXPECT_EQ(v[0].query_index(), 0);
  EXPECT_EQ(v[0].contact_point_id(), granted.contact_points(0).contact_point_id());
  EXPECT_TRUE(v[0].callable());
  EXPECT_EQ(v[1].query_index(), 0);
  EXPECT_EQ(Reasons(v[1]), std::vector<R>{v1::NON_CALLABLE_REASON_WRONG_PARTY});
  EXPECT_EQ(Reasons(v[2]), std::vector<R>{v1::NON_CALLABLE_REASON_CONSENT_WITHDRAWN});
  EXPECT_EQ(v[3].customer_id(), by_number.customer_id());
  EXPECT_EQ(Reasons(v[3]), (std::vector<R>{v1::NON_CALLABLE_REASON_DNC_GLOBAL,
                                           v1::NON_CALLABLE_REASON_CONSENT_ABSENT}));
  ASSERT_EQ(v[3].dnc_entry_ids_size(), 1);
  EXPECT_EQ(v[3].dnc_entry_ids(0), number_entry.dnc_entry_id());
  EXPECT_EQ(Reasons(v[4]), (std::vector<R>{v1::NON_CALLABLE_REASON_DNC_CAMPAIGN,
                                           v1::NON_CALLABLE_REASON_CONSENT_ABSENT}));
  EXPECT_EQ(v[5].customer_id(), "");
  EXPECT_EQ(Reasons(v[5]), std::vector<R>{v1::NON_CALLABLE_REASON_CONSENT_ABSENT});
  EXPECT_EQ(Reasons(v[6]), std::vector<R>{v1::NON_CALLABLE_REASON_CUSTOMER_NOT_FOUND});

  // Lifting the number's entry makes it callable again for a service call.
  grpc::ClientContext delete_context;
  v1::DeleteDncEntryRequest lift;
  lift.set_request_id(testing::UniqueName("lift"));
  lift.set_dnc_entry_id(number_entry.dnc_entry_id());
  v1::DeleteDncEntryResponse lifted;
  ASSERT_TRUE(stub_->DeleteDncEntry(&delete_context, lift, &lifted).ok());
  grpc::ClientContext get_context;
  v1::GetDncEntryRequest get;
  get.set_dnc_entry_id(number_entry.dnc_entry_id());
  v1::GetDncEntryResponse got;
  EXPECT_EQ(stub_->GetDncEntry(&get_context, get, &got).error_code(), grpc::StatusCode::NOT_FOUND);
  v1::CheckCallableRequest service;
  service.set_purpose(common::CONTACT_PURPOSE_SERVICE);
  service.add_queries()->set_phone_number("13930000004");
  grpc::ClientContext service_context;
  v1::CheckCallableResponse service_verdicts;
  ASSERT_TRUE(stub_->CheckCallable(&service_context, service, &service_verdicts).ok());
  ASSERT_EQ(service_verdicts.verdicts_size(), 1);
  EXPECT_TRUE(service_verdicts.verdicts(0).callable());

  // The events, in the outbox with their changes, reach Kafka.
  auto events = reader.ReadUntil(
      [&](const auto& got) {
        bool consent = false, dnc_removed = false;
        for (const auto& e : got) {
          if (e.key == granted.customer_id()) consent = true;
          if (e.key == number_entry.dnc_entry_id() &&
              e.type == "telemarketing.events.v1.DoNotCallChanged") {
            telemarketing::events::v1::DoNotCallChanged changed;
            if (changed.ParseFromString(e.payload) && changed.removed()) dnc_removed = true;
          }
        }
        return consent && dnc_removed;
      },
      std::chrono::seconds(30));
  const events::ConsumedEvent* consent_event = nullptr;
  int dnc_events = 0;
  for (const auto& e : events) {
    if (e.key == granted.customer_id()) consent_event = &e;
    if (e.key == number_entry.dnc_entry_id()) ++dnc_events;
  }
  ASSERT_NE(consent_event, nullptr) << "no ConsentChanged on tm.contact-consent.v1";
  EXPECT_EQ(consent_event->spec_version, "1.0");
  EXPECT_EQ(consent_event->type, "telemarketing.events.v1.ConsentChanged");
  EXPECT_EQ(consent_event->source, "//telemarketing/e2e/contacts");
  EXPECT_EQ(consent_event->subject, "customers/" + granted.customer_id());
  EXPECT_EQ(consent_event->region, "e2e");
  EXPECT_EQ(consent_event->content_type, "application/protobuf");
  telemarketing::events::v1::ConsentChanged changed;
  ASSERT_TRUE(changed.ParseFromString(consent_event->payload));
  EXPECT_EQ(changed.consent().consent_id(), first.consent_id());
  EXPECT_EQ(changed.owner_region_id(), "e2e");
  EXPECT_EQ(dnc_events, 2) << "created, then lifted";
}

TEST_F(ConsentEndToEnd, BadInputIsInvalidArgumentWithEveryFieldViolation) {
  v1::CheckCallableRequest empty;  // no queries, no purpose
  grpc::ClientContext c1;
  v1::CheckCallableResponse ignored;
  grpc::Status status = stub_->CheckCallable(&c1, empty, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), (std::set<std::string>{"queries", "purpose"}));

  v1::CheckCallableRequest too_many;
  too_many.set_purpose(common::CONTACT_PURPOSE_SERVICE);
  for (int i = 0; i < 1001; ++i) too_many.add_queries()->set_phone_number("13930000001");
  grpc::ClientContext c2;
  status = stub_->CheckCallable(&c2, too_many, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), std::set<std::string>{"queries"});

  v1::CheckCallableRequest bad_query;
  bad_query.set_purpose(common::CONTACT_PURPOSE_SERVICE);
  bad_query.add_queries()->set_phone_number("12345");
  bad_query.add_queries()->set_customer_id("not-a-uuid");
  grpc::ClientContext c3;
  status = stub_->CheckCallable(&c3, bad_query, &ignored);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status),
            (std::set<std::string>{"queries[0].phone_number", "queries[1].customer_id"}));

  v1::RecordConsentRequest consent;  // nothing set
  consent.mutable_consent()->set_state(v1::CONSENT_STATE_GRANTED);
  grpc::ClientContext c4;
  v1::RecordConsentResponse ignored_consent;
  status = stub_->RecordConsent(&c4, consent, &ignored_consent);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status),
            (std::set<std::string>{"request_id", "consent.customer_id", "consent.channel",
                                   "consent.purpose", "consent.source", "consent.evidence"}));

  EXPECT_EQ(Record(testing::UniqueName("c"), "01938a2b-0000-7000-8000-000000000000",
                   v1::CONSENT_STATE_WITHDRAWN)
                .error_code(),
            grpc::StatusCode::NOT_FOUND);

  v1::CreateDncEntryRequest dnc;
  dnc.set_request_id(testing::UniqueName("dnc"));
  dnc.mutable_dnc_entry()->set_scope(v1::DNC_SCOPE_CAMPAIGN);
  grpc::ClientContext c6;
  v1::CreateDncEntryResponse ignored_dnc;
  status = stub_->CreateDncEntry(&c6, dnc, &ignored_dnc);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), (std::set<std::string>{"dnc_entry.reason", "dnc_entry.campaign_id",
                                                           "dnc_entry.customer_id"}));

  v1::ListDncEntriesRequest list;
  list.set_page_size(1001);
  list.set_page_token("garbage");
  grpc::ClientContext c7;
  v1::ListDncEntriesResponse ignored_list;
  status = stub_->ListDncEntries(&c7, list, &ignored_list);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(ViolatedFields(status), (std::set<std::string>{"page_size", "page_token"}));
}

TEST_F(ConsentEndToEnd, DncEntriesAreListedNewestFirstAcrossPages) {
  v1::Customer customer = NewCustomer({{"139 3000 0021", v1::CONTACT_POINT_STATUS_VALID}});
  v1::DncEntry older = AddDnc(v1::DNC_SCOPE_REGION, customer.customer_id(), "");
  v1::DncEntry newer = AddDnc(v1::DNC_SCOPE_GLOBAL, customer.customer_id(), "13930000021");
  EXPECT_EQ(older.region_id(), "e2e");
  v1::ListDncEntriesRequest list;
  list.set_customer_id(customer.customer_id());
  list.set_page_size(1);
  grpc::ClientContext c1;
  v1::ListDncEntriesResponse page1;
  ASSERT_TRUE(stub_->ListDncEntries(&c1, list, &page1).ok());
  ASSERT_EQ(page1.dnc_entries_size(), 1);
  EXPECT_EQ(page1.dnc_entries(0).dnc_entry_id(), newer.dnc_entry_id());
  ASSERT_FALSE(page1.next_page_token().empty());
  list.set_page_token(page1.next_page_token());
  grpc::ClientContext c2;
  v1::ListDncEntriesResponse page2;
  ASSERT_TRUE(stub_->ListDncEntries(&c2, list, &page2).ok());
  ASSERT_EQ(page2.dnc_entries_size(), 1);
  EXPECT_EQ(page2.dnc_entries(0).dnc_entry_id(), older.dnc_entry_id());
  EXPECT_TRUE(page2.next_page_token().empty());
}

}  // namespace
}  // namespace tmk
