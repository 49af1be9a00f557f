// Dialing's contacts projection fed from a real broker (R2, R5, R6, R32): customer snapshots,
// consent and do-not-call changes, with a duplicate delivery, an out-of-order older snapshot, a
// tombstone and a malformed payload, end as the newest facts say; a change to a customer's facts
// takes their lead out of the hopper and releases its hold, so it is judged again.
#include "services/dialing/api/contacts_projection_consumer.h"

#include <gtest/gtest.h>

#include <chrono>
#include <vector>

#include "services/common/core/clock.h"
#include "services/common/core/uuid.h"
#include "services/common/events/event_consumer.h"
#include "services/common/events/kafka_event_publisher.h"
#include "services/common/events/proto_event.h"
#include "telemarketing/events/v1/contacts_events.pb.h"
#include "tests/support/kafka_support.h"
#include "tests/support/pg_fixture.h"
#include "tests/support/test_env.h"

namespace tmk::dialing {
std::vector<pg::Migration> Migrations();  // generated from services/dialing/migrations

namespace {
namespace ev1 = telemarketing::events::v1;
namespace cv1 = telemarketing::contacts::v1;

const TimePoint kNow = TimePoint() + std::chrono::hours(24 * 20600);

class ContactsProjectionKafkaTest : public tmk::testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
    kafka_.brokers = tmk::testing::KafkaBrokers();
    topic_ = "tm.test.contacts." + schema_;
    group_ = "tm-test-" + schema_;
    tmk::testing::CreateTopic(kafka_.brokers, topic_, 3);
  }

  static void Stamp(telemarketing::common::v1::HlcTimestamp* hlc, int64_t wall) {
    hlc->set_wall_time_millis(wall);
    hlc->set_node("gd");
  }

  events::OutboundEvent Customer(const std::string& id, cv1::ContactPointStatus status,
                                 int64_t wall, bool deleted = false) {
    ev1::CustomerSnapshot s;
    cv1::Customer* c = s.mutable_customer();
    c->set_customer_id(id);
    if (!deleted) {
      c->set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
      c->set_vip_tier(cv1::VIP_TIER_GOLD);
      cv1::ContactPoint* mobile = c->add_contact_points();
      mobile->set_contact_point_id("cp-" + id);
      mobile->set_type(cv1::CONTACT_POINT_TYPE_MOBILE);
      mobile->set_status(status);
      mobile->set_normalized_value("+8613900000" + id.substr(id.size() - 3));
      mobile->set_primary(true);
      cv1::ContactPoint* email = c->add_contact_points();
      email->set_contact_point_id("email-" + id);
      email->set_type(cv1::CONTACT_POINT_TYPE_EMAIL);
    }
    s.set_region_id("gd");
    Stamp(s.mutable_hlc(), wall);
    s.set_deleted(deleted);
    return events::MakeEvent(topic_, id, "customers/" + id, s, SystemClock::Instance());
  }

  events::OutboundEvent Dnc(const std::string& entry, const std::string& customer, int64_t wall,
                            bool removed = false) {
    ev1::DoNotCallChanged d;
    d.mutable_dnc_entry()->set_dnc_entry_id(entry);
    d.mutable_dnc_entry()->set_scope(cv1::DNC_SCOPE_GLOBAL);
    d.mutable_dnc_entry()->set_customer_id(customer);
    d.set_removed(removed);
    d.set_region_id("gd");
    Stamp(d.mutable_hlc(), wall);
    return events::MakeEvent(topic_, entry, "dnc/" + entry, d, SystemClock::Instance());
  }

  events::OutboundEvent Consent(const std::string& customer, cv1::ConsentState state,
                                int64_t wall) {
    ev1::ConsentChanged c;
    c.mutable_consent()->set_consent_id(NewId());
    c.mutable_consent()->set_customer_id(customer);
    c.mutable_consent()->set_channel(telemarketing::common::v1::CONTACT_CHANNEL_VOICE);
    c.mutable_consent()->set_purpose(telemarketing::common::v1::CONTACT_PURPOSE_MARKETING);
    c.mutable_consent()->set_state(state);
    c.mutable_consent()->mutable_effective_time()->set_seconds(1'700'000'000);
    c.set_region_id("gd");
    Stamp(c.mutable_hlc(), wall);
    return events::MakeEvent(topic_, customer, "consents/" + customer, c, SystemClock::Instance());
  }

  void Consume(const std::vector<events::OutboundEvent>& batch, long long skipped) {
    auto publisher = events::KafkaEventPublisher::Create(kafka_, "gd", "contacts");
    ASSERT_TRUE(publisher.ok()) << publisher.status();
    ASSERT_TRUE((*publisher)->PublishBatch(batch).ok());
    ContactsProjectionConsumer projection(*pool_);
    auto consumer = events::EventConsumer::Create(
        kafka_, group_, {topic_},
        [&](const events::ConsumedEvent& event) { return projection.Handle(event); });
    ASSERT_TRUE(consumer.ok()) << consumer.status();
    const long long total = static_cast<long long>(batch.size());
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while ((*consumer)->handled() + (*consumer)->skipped() < total &&
           std::chrono::steady_clock::now() < deadline) {
      (*consumer)->PollOnce(200);
    }
    EXPECT_EQ((*consumer)->skipped(), skipped);
    EXPECT_EQ((*consumer)->handled(), total - skipped);
  }

  std::map<std::string, CustomerProjection> Find(const std::vector<std::string>& ids) {
    std::map<std::string, CustomerProjection> found;
    EXPECT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       found = CustomerCallabilityStore().Find(tx, ids);
                       return absl::OkStatus();
                     }).ok());
    return found;
  }

  events::KafkaConfig kafka_;
  std::string topic_;
  std::string group_;
};

TEST_F(ContactsProjectionKafkaTest, TheProjectionHoldsTheNewestFactsOfEachCustomer) {
  std::vector<events::OutboundEvent> batch;
  batch.push_back(Customer("cust-001", cv1::CONTACT_POINT_STATUS_VALID, 1000));
  batch.push_back(Customer("cust-001", cv1::CONTACT_POINT_STATUS_WRONG_PARTY, 2000));
  batch.push_back(batch.back());  // the same event twice (same ce_id)
  batch.push_back(Customer("cust-001", cv1::CONTACT_POINT_STATUS_VALID, 1500));  // late, older
  batch.push_back(Customer("cust-002", cv1::CONTACT_POINT_STATUS_VALID, 1000));
  batch.push_back(Customer("cust-002", cv1::CONTACT_POINT_STATUS_UNSPECIFIED, 2000, true));
  batch.push_back(Customer("cust-002", cv1::CONTACT_POINT_STATUS_VALID, 1200));  // pre-tombstone
  batch.push_back(Customer("cust-003", cv1::CONTACT_POINT_STATUS_VALID, 1000));
  batch.push_back(Dnc("dnc-1", "cust-003", 1000));
  batch.push_back(Dnc("dnc-2", "cust-003", 1000));
  batch.push_back(Dnc("dnc-2", "cust-003", 2000, /*removed=*/true));
  batch.push_back(Consent("cust-003", cv1::CONSENT_STATE_GRANTED, 1000));
  batch.push_back(Consent("cust-003", cv1::CONSENT_STATE_WITHDRAWN, 3000));
  batch.push_back(Consent("cust-003", cv1::CONSENT_STATE_GRANTED, 2000));  // older than withdrawal
  events::OutboundEvent malformed = Customer("cust-004", cv1::CONTACT_POINT_STATUS_VALID, 1000);
  malformed.payload = "\xff\xff not a protobuf";
  batch.push_back(malformed);
  Consume(batch, /*skipped=*/1);

  std::map<std::string, CustomerProjection> found =
      Find({"cust-001", "cust-002", "cust-003", "cust-004"});
  ASSERT_EQ(found.count("cust-001"), 1u);
  const CustomerProjection& first = found["cust-001"];
  EXPECT_EQ(first.kind, telemarketing::common::v1::CUSTOMER_KIND_B2C);
  EXPECT_EQ(first.vip_tier, cv1::VIP_TIER_GOLD);
  ASSERT_EQ(first.facts.phones.size(), 1u) << "only phones are projected";
  EXPECT_EQ(first.facts.phones[0].status, ContactPointStatus::kWrongParty);
  EXPECT_EQ(first.facts.phones[0].e164, "+8613900000001");
  EXPECT_EQ(found.count("cust-002"), 0u) << "erased by its newer tombstone";
  EXPECT_EQ(found.count("cust-004"), 0u) << "the malformed snapshot";
  const CustomerProjection& third = found["cust-003"];
  ASSERT_EQ(third.facts.dnc.size(), 1u) << "dnc-2 was lifted";
  EXPECT_EQ(third.facts.dnc[0].dnc_entry_id, "dnc-1");
  ASSERT_EQ(third.facts.consents.size(), 1u);
  EXPECT_EQ(third.facts.consents[0].fact.state, contacts::ConsentState::kWithdrawn);

  // What the hopper concludes from them.
  EXPECT_EQ(EvaluateCustomer(first.facts, contacts::ContactPurpose::kService, "gd", "c", kNow)
                .callability.reason,
            HopperBlockReason::kNoValidContactPoint);
  EXPECT_EQ(EvaluateCustomer(third.facts, contacts::ContactPurpose::kService, "gd", "c", kNow)
                .callability.reason,
            HopperBlockReason::kDoNotCall);
  EXPECT_EQ(Scalar("SELECT count(*) FROM inbox WHERE consumer = 'dialing-contacts'"),
            std::to_string(batch.size() - 2));  // not the duplicate, not the malformed one
}

TEST_F(ContactsProjectionKafkaTest, ANewFactTakesTheCustomersLeadOutOfTheHopperAndRejudgesIt) {
  const std::string lead_id = NewId();
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     LeadRow lead;
                     lead.facts.lead_id = lead_id;
                     lead.facts.campaign_id = "camp";
                     lead.facts.customer_id = "cust-010";
                     lead.facts.state = LeadState::kNew;
                     lead.revision = 1;
                     lead.create_time = lead.update_time = kNow;
                     LeadStore leads;
                     leads.InsertIfAbsent(tx, lead);
                     leads.Hold(tx, {{lead_id, HopperBlockReason::kNoConsent, kNow}});
                     HopperStore().Insert(tx, {{{lead_id, "camp", "cust-010", false, 0, {}},
                                                "cp-1", "", LeadState::kNew, kNow}});
                     return absl::OkStatus();
                   }).ok());
  ASSERT_EQ(Scalar("SELECT state FROM leads"), "4");  // QUEUED
  Consume({Dnc("dnc-10", "cust-010", 1000)}, /*skipped=*/0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM hopper"), "0");
  EXPECT_EQ(Scalar("SELECT state || ':' || hold_reason FROM leads"), "1:0");  // NEW, no hold
}

}  // namespace
}  // namespace tmk::dialing
