// Consent and DNC storage against a real PostgreSQL, and the SQL function
// callable_contact_points agreeing with the domain rules (services/contacts/domain/callability.h).
#include <gtest/gtest.h>
#include <google/protobuf/util/time_util.h>

#include <set>

#include "services/common/core/uuid.h"
#include "services/contacts/domain/callability.h"
#include "services/contacts/store/consent_store.h"
#include "services/contacts/store/customer_store.h"
#include "services/contacts/store/dnc_store.h"
#include "tests/contacts/store/test_cipher.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();
}

namespace tmk::contacts {
namespace {

namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;
using namespace std::chrono_literals;

const TimePoint kNow = TimePoint(std::chrono::seconds(1'780'000'000));

google::protobuf::Timestamp Ts(TimePoint t) { return TimeUtil::MicrosecondsToTimestamp(ToMicros(t)); }

class ConsentStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  void Run(const std::function<void(pqxx::work&)>& body) {
    absl::Status status = pool_->Transact([&](pqxx::work& tx) {
      body(tx);
      return absl::OkStatus();
    });
    ASSERT_TRUE(status.ok()) << status;
  }

  // A customer of region gd with one mobile; returns {customer_id, contact_point_id}.
  std::pair<std::string, std::string> Customer(const std::string& mobile,
                                               v1::ContactPointStatus status = v1::CONTACT_POINT_STATUS_VALID) {
    v1::Customer c;
    c.set_customer_id(NewId());
    c.set_region_id("gd");
    c.set_display_name("客户");
    c.set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    *c.mutable_create_time() = Ts(kNow - 100h);
    c.mutable_hlc()->set_wall_time_millis(1);
    c.mutable_hlc()->set_node("gd");
    v1::ContactPoint* p = c.add_contact_points();
    p->set_contact_point_id(NewId());
    p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
    p->set_value(mobile);
    p->set_normalized_value(mobile);
    p->set_status(status);
    *p->mutable_create_time() = Ts(kNow - 100h);
    Run([&](pqxx::work& tx) { customers_.Insert(tx, c, "", ""); });
    return {c.customer_id(), p->contact_point_id()};
  }

  void Consent(const std::string& customer_id, v1::ConsentState state, int64_t hlc_wall,
               int purpose = 1, std::optional<TimePoint> expire = std::nullopt) {
    v1::Consent k;
    k.set_consent_id(NewId());
    k.set_customer_id(customer_id);
    k.set_channel(telemarketing::common::v1::CONTACT_CHANNEL_VOICE);
    k.set_purpose(static_cast<telemarketing::common::v1::ContactPurpose>(purpose));
    k.set_state(state);
    k.set_source("call");
    *k.mutable_effective_time() = Ts(kNow - 10h);
    if (expire) *k.mutable_expire_time() = Ts(*expire);
    *k.mutable_record_time() = Ts(kNow - 10h);
    k.mutable_hlc()->set_wall_time_millis(hlc_wall);
    k.mutable_hlc()->set_node("gd");
    Run([&](pqxx::work& tx) { consents_.Insert(tx, k, NewId(), "fp"); });
  }

  std::string Dnc(v1::DncScope scope, const std::string& customer_id, const std::string& phone,
                  const std::string& campaign = "", std::optional<TimePoint> expire = std::nullopt) {
    v1::DncEntry e;
    e.set_dnc_entry_id(NewId());
    e.set_scope(scope);
    e.set_region_id("gd");
    e.set_campaign_id(campaign);
    e.set_customer_id(customer_id);
    e.set_phone_number(phone);
    e.set_reason(v1::DNC_REASON_CUSTOMER_REQUEST);
    if (expire) *e.mutable_expire_time() = Ts(*expire);
    *e.mutable_create_time() = Ts(kNow - 5h);
    Run([&](pqxx::work& tx) { dnc_.Insert(tx, e); });
    return e.dnc_entry_id();
  }

  // The callable points by the SQL function.
  std::set<std::string> BySql(int purpose, const std::string& campaign) {
    std::set<std::string> out;
    Run([&](pqxx::work& tx) {
      pqxx::result rows = tx.exec_params(
          "SELECT contact_point_id::text FROM callable_contact_points($1::smallint, 0::smallint, $2,"
          " timestamptz 'epoch' + $3::bigint * interval '1 microsecond')",
          purpose, campaign, ToMicros(kNow));
      for (const auto& row : rows) out.insert(row[0].as<std::string>());
    });
    return out;
  }

  // The callable points by the domain rules over what the stores load.
  std::set<std::string> ByDomain(int purpose, const std::string& campaign,
                                 const std::vector<std::string>& customers) {
    std::set<std::string> out;
    CallableCheck check;
    check.purpose = static_cast<ContactPurpose>(purpose);
    check.channel = ContactChannel::kVoice;
    check.region_id = "gd";
    check.campaign_id = campaign;
    check.at = kNow;
    Run([&](pqxx::work& tx) {
      std::vector<ConsentStore::Point> points = consents_.PointsOfCustomers(tx, customers);
      std::vector<std::string> phones;
      for (const auto& p : points) phones.push_back(p.value_index);
      std::vector<DncStore::Target> dnc = dnc_.ForTargets(tx, customers, phones);
      auto histories = consents_.Histories(tx, customers, check.channel, check.purpose);
      for (const auto& p : points) {
        CallableFacts facts;
        facts.status = static_cast<PointStatus>(p.status);
        for (const auto& t : dnc) {
          if (t.customer_id == p.customer_id ||
              (!t.phone_index.empty() && t.phone_index == p.value_index)) {
            facts.dnc.push_back(t.fact);
          }
        }
        facts.consents = histories[p.customer_id];
        if (EvaluateCallable(facts, check).callable) out.insert(p.contact_point_id);
      }
    });
    return out;
  }

  CustomerStore customers_{TestCipher()};
  ConsentStore consents_;
  DncStore dnc_{TestCipher()};
};

TEST_F(ConsentStoreTest, TheSqlFunctionAgreesWithTheDomainRules) {
  auto plain = Customer("+8613800000001");
  auto granted = Customer("+8613800000002");
  Consent(granted.first, v1::CONSENT_STATE_GRANTED, 100);
  auto withdrawn = Customer("+8613800000003");
  Consent(withdrawn.first, v1::CONSENT_STATE_GRANTED, 100);
  Consent(withdrawn.first, v1::CONSENT_STATE_WITHDRAWN, 200);
  Consent(withdrawn.first, v1::CONSENT_STATE_WITHDRAWN, 200, /*purpose=*/2);
  auto wrong_party = Customer("+8613800000004", v1::CONTACT_POINT_STATUS_WRONG_PARTY);
  Consent(wrong_party.first, v1::CONSENT_STATE_GRANTED, 100);
  auto dnc_by_number = Customer("+8613800000005");
  Dnc(v1::DNC_SCOPE_GLOBAL, "", "+8613800000005");
  auto dnc_campaign = Customer("+8613800000006");
  Consent(dnc_campaign.first, v1::CONSENT_STATE_GRANTED, 100);
  Dnc(v1::DNC_SCOPE_CAMPAIGN, dnc_campaign.first, "", "camp-1");
  auto dnc_expired = Customer("+8613800000007");
  Consent(dnc_expired.first, v1::CONSENT_STATE_GRANTED, 100);
  Dnc(v1::DNC_SCOPE_REGION, dnc_expired.first, "", "", kNow - 1h);
  auto dnc_lifted = Customer("+8613800000008");
  std::string lifted = Dnc(v1::DNC_SCOPE_REGION, dnc_lifted.first, "");
  Run([&](pqxx::work& tx) { EXPECT_TRUE(dnc_.Lift(tx, lifted, kNow - 1h, "sup", "mistake")); });
  Run([&](pqxx::work& tx) { EXPECT_FALSE(dnc_.Lift(tx, lifted, kNow, "sup", "twice")); });
  auto grant_expired = Customer("+8613800000009");
  Consent(grant_expired.first, v1::CONSENT_STATE_GRANTED, 100, 1, kNow - 1s);

  std::vector<std::string> all;
  for (const auto& c : {plain, granted, withdrawn, wrong_party, dnc_by_number, dnc_campaign,
                        dnc_expired, dnc_lifted, grant_expired}) {
    all.push_back(c.first);
  }
  // Marketing in camp-1: only explicit, live grants with nothing else against them.
  std::set<std::string> marketing = BySql(1, "camp-1");
  EXPECT_EQ(marketing, (std::set<std::string>{granted.second, dnc_expired.second}));
  EXPECT_EQ(marketing, ByDomain(1, "camp-1", all));
  // Service in camp-1: absent consent is fine; withdrawals (service) still stop the call.
  std::set<std::string> service = BySql(2, "camp-1");
  EXPECT_EQ(service, (std::set<std::string>{plain.second, granted.second, dnc_expired.second,
                                            dnc_lifted.second, grant_expired.second}));
  EXPECT_EQ(service, ByDomain(2, "camp-1", all));
  // Another campaign: the camp-1 entry does not apply.
  std::set<std::string> other = BySql(2, "camp-2");
  EXPECT_TRUE(other.count(dnc_campaign.second));
  EXPECT_EQ(other, ByDomain(2, "camp-2", all));
  EXPECT_EQ(BySql(3, ""), ByDomain(3, "", all));
}

TEST_F(ConsentStoreTest, CurrentListingShowsTheLatestDecisionPerChannelAndPurpose) {
  auto c = Customer("+8613800000011");
  Consent(c.first, v1::CONSENT_STATE_GRANTED, 100, 1);
  Consent(c.first, v1::CONSENT_STATE_WITHDRAWN, 300, 1);
  Consent(c.first, v1::CONSENT_STATE_GRANTED, 200, 2);
  Run([&](pqxx::work& tx) {
    std::vector<v1::Consent> current = consents_.ListCurrent(tx, c.first, 10, std::nullopt);
    ASSERT_EQ(current.size(), 2u);
    EXPECT_EQ(current[0].purpose(), 1);
    EXPECT_EQ(current[0].state(), v1::CONSENT_STATE_WITHDRAWN);
    EXPECT_EQ(current[1].purpose(), 2);
    std::vector<v1::Consent> after = consents_.ListCurrent(tx, c.first, 10, std::make_pair(1, 1));
    ASSERT_EQ(after.size(), 1u);
    EXPECT_EQ(after[0].purpose(), 2);

    std::vector<v1::Consent> history = consents_.ListHistory(tx, c.first, 2, "");
    ASSERT_EQ(history.size(), 2u);
    EXPECT_EQ(history[0].hlc().wall_time_millis(), 200);  // newest record first
    std::vector<v1::Consent> rest = consents_.ListHistory(tx, c.first, 2, history[1].consent_id());
    ASSERT_EQ(rest.size(), 1u);
    EXPECT_EQ(rest[0].hlc().wall_time_millis(), 100);
  });
}

TEST_F(ConsentStoreTest, ConsentRecordsAreAppendOnly) {
  auto c = Customer("+8613800000012");
  Consent(c.first, v1::CONSENT_STATE_GRANTED, 100);
  absl::Status status = pool_->Transact([&](pqxx::work& tx) {
    tx.exec("UPDATE consents SET state = 2");
    return absl::OkStatus();
  });
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(Scalar("SELECT count(*) FROM consents WHERE state = 1"), "1");
}

TEST_F(ConsentStoreTest, DncListingFiltersAndHidesInactiveEntries) {
  auto c = Customer("+8613800000013");
  std::string a = Dnc(v1::DNC_SCOPE_GLOBAL, c.first, "");
  std::string b = Dnc(v1::DNC_SCOPE_CAMPAIGN, "", "+8613800000013", "camp-9");
  std::string expired = Dnc(v1::DNC_SCOPE_REGION, c.first, "", "", kNow - 1h);
  Run([&](pqxx::work& tx) {
    DncStore::Filter f;
    f.now = kNow;
    std::vector<v1::DncEntry> active = dnc_.List(tx, f);
    ASSERT_EQ(active.size(), 2u);
    EXPECT_EQ(active[0].dnc_entry_id(), b);  // newest first
    f.show_inactive = true;
    EXPECT_EQ(dnc_.List(tx, f).size(), 3u);
    f.limit = 1;
    f.after_id = b;
    std::vector<v1::DncEntry> page = dnc_.List(tx, f);
    ASSERT_EQ(page.size(), 1u);
    EXPECT_EQ(page[0].dnc_entry_id(), a);
    DncStore::Filter by_phone;
    by_phone.now = kNow;
    by_phone.phone_index = TestCipher().ContactIndex("+8613800000013");
    ASSERT_EQ(dnc_.List(tx, by_phone).size(), 1u);
    DncStore::Filter by_scope;
    by_scope.now = kNow;
    by_scope.scope = v1::DNC_SCOPE_GLOBAL;
    by_scope.customer_id = c.first;
    ASSERT_EQ(dnc_.List(tx, by_scope).size(), 1u);
  });
}

}  // namespace
}  // namespace tmk::contacts
