// Direct identifiers at rest (R6): after customers are created, updated, imported, put on the
// do-not-call list and their history written, no name, street address, phone number (as typed,
// as digits or in E.164) or e-mail address is anywhere in the contacts schema in clear — and
// every exact lookup still finds them through the blind indexes.
#include <gtest/gtest.h>
#include <google/protobuf/util/json_util.h>

#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/pg/migration.h"
#include "services/contacts/store/consent_store.h"
#include "services/contacts/store/customer_history_store.h"
#include "services/contacts/store/customer_store.h"
#include "services/contacts/store/dnc_store.h"
#include "services/contacts/domain/import_dedupe.h"
#include "services/contacts/store/import_store.h"
#include "tests/contacts/store/plaintext_scan.h"
#include "tests/contacts/store/test_cipher.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

namespace v1 = telemarketing::contacts::v1;

// What the test stores, and so what must never be found in clear.
constexpr char kName[] = "测试王小明";
constexpr char kLatinName[] = "Alice Wong-Testperson";
constexpr char kStreet[] = "科技园南路88号测试大厦";
constexpr char kTyped[] = "139 2000 1234";
constexpr char kDigits[] = "13920001234";
constexpr char kE164[] = "+8613920001234";
constexpr char kFixedE164[] = "+8675588881234";
constexpr char kEmail[] = "alice.wong.testperson@example.com";
constexpr char kImportedName[] = "导入测试李雷";
constexpr char kImportedE164[] = "+8613700007777";
constexpr char kBlockedE164[] = "+8613600006666";

class IdentifierEncryptionTest : public testing::PgSchemaTest {
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

  static v1::ContactPoint* AddPoint(v1::Customer& c, v1::ContactPointType type,
                                    const std::string& value, const std::string& normalized) {
    v1::ContactPoint* p = c.add_contact_points();
    p->set_contact_point_id(NewId());
    p->set_type(type);
    p->set_value(value);
    p->set_normalized_value(normalized);
    p->set_status(v1::CONTACT_POINT_STATUS_VALID);
    p->mutable_create_time()->set_seconds(1'790'000'000);
    return p;
  }

  // A customer with every kind of identifier, updated once (a history row naming old and new
  // names), a number-only DNC entry, and an imported customer: every path that writes them.
  void StoreEverything() {
    customer_.set_customer_id(NewId());
    customer_.set_region_id("gd");
    customer_.set_display_name(kLatinName);
    customer_.set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    customer_.mutable_residence()->set_city_code("440300");
    customer_.mutable_residence()->set_street_address(kStreet);
    customer_.mutable_create_time()->set_seconds(1'790'000'000);
    AddPoint(customer_, v1::CONTACT_POINT_TYPE_MOBILE, kTyped, kE164);
    AddPoint(customer_, v1::CONTACT_POINT_TYPE_FIXED_LINE, "0755-8888 1234", kFixedE164);
    AddPoint(customer_, v1::CONTACT_POINT_TYPE_EMAIL, kEmail, kEmail);
    v1::Customer renamed = customer_;
    renamed.set_display_name(kName);

    v1::ProfileChange change;
    change.set_change_id(NewId());
    change.set_customer_id(customer_.customer_id());
    change.set_field_path("display_name");
    change.mutable_old_value()->set_string_value(kLatinName);
    change.mutable_new_value()->set_string_value(kName);
    change.mutable_actor()->set_actor_id("agent-1");
    change.set_region_id("gd");
    change.mutable_change_time()->set_seconds(1'790'000'100);

    v1::DncEntry dnc;
    dnc.set_dnc_entry_id(NewId());
    dnc.set_scope(v1::DNC_SCOPE_GLOBAL);
    dnc.set_region_id("gd");
    dnc.set_phone_number(kBlockedE164);
    dnc.set_reason(v1::DNC_REASON_CUSTOMER_REQUEST);
    dnc.mutable_create_time()->set_seconds(1'790'000'000);

    imported_.set_customer_id(NewId());
    imported_.set_region_id("gd");
    imported_.set_display_name(kImportedName);
    imported_.mutable_create_time()->set_seconds(1'790'000'000);
    AddPoint(imported_, v1::CONTACT_POINT_TYPE_MOBILE, kImportedE164, kImportedE164);
    AddPoint(imported_, v1::CONTACT_POINT_TYPE_MOBILE, kBlockedE164, kBlockedE164);

    Run([&](pqxx::work& tx) {
      customers_.Insert(tx, customer_, "request-1", "fingerprint");
      customers_.Update(tx, renamed);
      history_.Append(tx, change);
      dnc_.Insert(tx, dnc);
      ImportStore::SealedCustomer sealed = imports_.Seal(imported_);
      imports_.CopySealed(tx, {&sealed}, {});
    });
    customer_ = renamed;
    dnc_entry_id_ = dnc.dnc_entry_id();
  }

  std::set<std::string> Leaks() {
    std::set<std::string> leaks;
    Run([&](pqxx::work& tx) {
      leaks = ColumnsContaining(tx, schema_,
                                {kName, kLatinName, kStreet, kTyped, kDigits, kE164, "88881234",
                                 kEmail, kImportedName, "13700007777", "13600006666"});
    });
    return leaks;
  }

  CustomerStore customers_{TestCipher()};
  CustomerHistoryStore history_{TestCipher()};
  DncStore dnc_{TestCipher()};
  ImportStore imports_{TestCipher()};
  ConsentStore consents_;
  v1::Customer customer_, imported_;
  std::string dnc_entry_id_;
};

TEST_F(IdentifierEncryptionTest, NoIdentifierIsStoredInClear) {
  StoreEverything();
  EXPECT_EQ(Leaks(), std::set<std::string>{});
  // The sealed values are what the stores read back.
  std::optional<v1::Customer> found;
  std::vector<v1::ProfileChange> changes;
  Run([&](pqxx::work& tx) {
    found = customers_.Find(tx, customer_.customer_id());
    changes = history_.List(tx, customer_.customer_id(), {}, "", 10);
  });
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->display_name(), kName);
  EXPECT_EQ(found->residence().street_address(), kStreet);
  ASSERT_EQ(found->contact_points_size(), 3);
  EXPECT_EQ(found->contact_points(0).value(), kTyped);
  EXPECT_EQ(found->contact_points(0).normalized_value(), kE164);
  EXPECT_EQ(found->contact_points(2).value(), kEmail);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0].old_value().string_value(), kLatinName);
  EXPECT_EQ(changes[0].new_value().string_value(), kName);
}

// The outbox holds each event until Kafka acknowledges it, in the form every region and integrator
// receives; what a snapshot carries is the sharing policy's business, not at-rest encryption's.
TEST_F(IdentifierEncryptionTest, OnlyEventsAwaitingKafkaCarryIdentifiers) {
  StoreEverything();
  telemarketing::contacts::v1::DncEntry payload;
  payload.set_phone_number(kE164);
  Run([&](pqxx::work& tx) {
    events::AppendToOutbox(tx, events::MakeEvent("tm.contact-consent.v1", "k", "s", payload,
                                                 SystemClock::Instance()));
  });
  EXPECT_EQ(Leaks(), std::set<std::string>{"outbox.payload"});
}

TEST_F(IdentifierEncryptionTest, ExactLookupsFindSealedValuesByBlindIndex) {
  StoreEverything();
  std::vector<std::string> by_phone, by_search_phone, by_search_name, by_other_case, by_email;
  std::vector<ConsentStore::Point> points;
  std::vector<v1::DncEntry> dnc_by_number;
  std::vector<DncStore::Target> targets;
  std::map<std::string, std::string> owners;
  Run([&](pqxx::work& tx) {
    by_phone = customers_.IdsByPhone(tx, kE164, "gd", 10);
    by_search_phone = customers_.SearchIds(tx, {"", "", kE164, ""}, "TRUE", {}, 0, 10);
    by_search_name = customers_.SearchIds(tx, {"", "", "", kName}, "TRUE", {}, 0, 10);
    by_other_case =
        customers_.SearchIds(tx, {"", "", "", "alice wong-TESTPERSON"}, "TRUE", {}, 0, 10);
    by_email = customers_.IdsByPhone(tx, kEmail, "gd", 10);
    points = consents_.PointsWithIndexes(tx, {TestCipher().ContactIndex(kImportedE164)});
    DncStore::Filter filter;
    filter.phone_index = TestCipher().ContactIndex(kBlockedE164);
    filter.now = TimePoint(std::chrono::seconds(1'790'000'001));
    dnc_by_number = dnc_.List(tx, filter);
    targets = dnc_.ForTargets(tx, {}, {TestCipher().ContactIndex(kBlockedE164)});
    owners = imports_.StoredOwners(tx,
                                   {TestCipher().ContactIndex(kE164),
                                    TestCipher().ContactIndex(kImportedE164),
                                    TestCipher().ContactIndex("+8613500000000")},
                                   {});
  });
  EXPECT_EQ(by_phone, std::vector<std::string>{customer_.customer_id()});
  EXPECT_EQ(by_search_phone, std::vector<std::string>{customer_.customer_id()});
  EXPECT_EQ(by_search_name, std::vector<std::string>{customer_.customer_id()});
  EXPECT_TRUE(by_other_case.empty()) << "the old name was replaced by the update";
  EXPECT_EQ(by_email, std::vector<std::string>{customer_.customer_id()});
  ASSERT_EQ(points.size(), 1u);
  EXPECT_EQ(points[0].customer_id, imported_.customer_id());
  ASSERT_EQ(dnc_by_number.size(), 1u);
  EXPECT_EQ(dnc_by_number[0].phone_number(), kBlockedE164);
  ASSERT_EQ(targets.size(), 1u);
  EXPECT_EQ(targets[0].fact.dnc_entry_id, dnc_entry_id_);
  EXPECT_EQ(owners, (std::map<std::string, std::string>{
                        {PhoneKey(TestCipher().ContactIndex(kE164)), customer_.customer_id()},
                        {PhoneKey(TestCipher().ContactIndex(kImportedE164)),
                         imported_.customer_id()}}));
}

// callable_contact_points (segment evaluation) matches DNC numbers to contact points by index.
TEST_F(IdentifierEncryptionTest, ANumberOnTheDncListIsNotCallableWhoeverHasIt) {
  StoreEverything();
  std::set<std::string> callable;
  Run([&](pqxx::work& tx) {
    for (const auto& row :
         tx.exec("SELECT contact_point_id::text FROM callable_contact_points(2::smallint,"
                 " 0::smallint, '', timestamptz '2026-09-22 00:00:00Z')")) {
      callable.insert(row[0].as<std::string>());
    }
  });
  EXPECT_EQ(callable, (std::set<std::string>{customer_.contact_points(0).contact_point_id(),
                                             customer_.contact_points(1).contact_point_id(),
                                             imported_.contact_points(0).contact_point_id()}));
}

// The associated data binds each envelope to its row: values moved between rows do not open.
TEST_F(IdentifierEncryptionTest, SealedValuesSwappedBetweenRowsDoNotOpen) {
  StoreEverything();
  Run([&](pqxx::work& tx) {
    tx.exec_params(
        "UPDATE contact_points SET sealed_value = (SELECT sealed_value FROM contact_points"
        " WHERE contact_point_id = $2::uuid) WHERE contact_point_id = $1::uuid",
        customer_.contact_points(0).contact_point_id(),
        customer_.contact_points(1).contact_point_id());
  });
  absl::Status read = pool_->Transact([&](pqxx::work& tx) {
    customers_.Find(tx, customer_.customer_id());
    return absl::OkStatus();
  });
  EXPECT_FALSE(read.ok());
  EXPECT_NE(read.message().find("contact_points.sealed_value"), std::string::npos) << read;

  Run([&](pqxx::work& tx) {
    tx.exec_params(
        "UPDATE customers SET record = (SELECT record FROM customers WHERE customer_id = $2::uuid)"
        " WHERE customer_id = $1::uuid",
        imported_.customer_id(), customer_.customer_id());
  });
  read = pool_->Transact([&](pqxx::work& tx) {
    customers_.FindMany(tx, {imported_.customer_id()});
    return absl::OkStatus();
  });
  EXPECT_FALSE(read.ok());
}

// No database needed: each envelope names its table, column and row in the associated data.
TEST(IdentifierCipher, AValueOpensOnlyAsWhatAndWhereItWasSealed) {
  const IdentifierCipher& cipher = TestCipher();
  v1::Customer customer;
  customer.set_customer_id("0190f0f0-0000-7000-8000-000000000001");
  customer.set_display_name(kName);
  std::string sealed = cipher.SealCustomer(customer);
  EXPECT_EQ(cipher.OpenCustomer(customer.customer_id(), sealed).display_name(), kName);
  EXPECT_THROW(cipher.OpenCustomer("0190f0f0-0000-7000-8000-000000000002", sealed),
               std::runtime_error);
  EXPECT_THROW(cipher.OpenDncEntry(customer.customer_id(), sealed), std::runtime_error);

  v1::ContactPoint point;
  point.set_contact_point_id("0190f0f0-0000-7000-8000-00000000000a");
  point.set_value(kTyped);
  point.set_normalized_value(kE164);
  std::string sealed_point = cipher.SealContactPoint(customer.customer_id(), point);
  v1::ContactPoint opened;
  opened.set_contact_point_id(point.contact_point_id());
  cipher.OpenContactPoint(customer.customer_id(), sealed_point, opened);
  EXPECT_EQ(opened.value(), kTyped);
  EXPECT_EQ(opened.normalized_value(), kE164);
  // The same point under another customer does not open.
  EXPECT_THROW(cipher.OpenContactPoint("0190f0f0-0000-7000-8000-000000000002", sealed_point, opened),
               std::runtime_error);

  // Indexes: equal normalised values match across kinds of row; names match normalised.
  EXPECT_EQ(cipher.ContactIndex(kE164), cipher.ContactIndex(kE164));
  EXPECT_NE(cipher.ContactIndex(kE164), cipher.ContactIndex(kFixedE164));
  EXPECT_EQ(cipher.ContactIndex(""), "");
  EXPECT_EQ(cipher.NameIndex(" alice  WONG-testperson"), cipher.NameIndex(kLatinName));
  EXPECT_NE(cipher.NameIndex(kLatinName), cipher.ContactIndex(kLatinName));
}

}  // namespace
}  // namespace tmk::contacts
