// A customer stored through CustomerStore is found by segment filters on every targeting attribute
// (R1, R8): the columns segments read are written by the same insert as the record.
#include "services/contacts/store/customer_store.h"

#include <google/protobuf/util/message_differencer.h>

#include "services/common/core/uuid.h"
#include "services/common/pg/migration.h"
#include "services/contacts/domain/segment_filter.h"
#include "services/contacts/store/customer_history_store.h"
#include "services/contacts/store/segment_store.h"
#include "tests/contacts/store/test_cipher.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

namespace v1 = telemarketing::contacts::v1;

class CustomerStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  v1::Customer Customer() {
    v1::Customer c;
    c.set_customer_id(NewId());
    c.set_region_id("gd");
    c.set_display_name("赵磊");
    c.set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2B);
    c.set_company_name("广州数据有限公司");
    c.set_marital_status(v1::MARITAL_STATUS_MARRIED);
    c.set_income_band(v1::INCOME_BAND_HIGH);
    c.set_occupation("engineer");
    c.mutable_residence()->set_district_code("440106");
    (*c.mutable_custom_attributes())["broadband_mbps"].set_int_value(500);
    (*c.mutable_custom_attributes())["plan"].set_string_value("family-plus");
    (*c.mutable_custom_attributes())["roaming"].set_bool_value(true);
    c.mutable_create_time()->set_seconds(1'790'000'000);
    return c;
  }

  long long Matches(const std::string& filter) {
    segment::ParseResult parsed = segment::ParseSegmentFilter(filter);
    EXPECT_TRUE(parsed.ok()) << filter << ": " << parsed.error.message;
    absl::StatusOr<SqlCondition> condition =
        CompileSegmentFilter(parsed.root, "2026-11-24T00:00:00Z");
    EXPECT_TRUE(condition.ok()) << condition.status();
    long long count = -1;
    EXPECT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       count = SegmentStore().CountMatches(tx, *condition);
                       return absl::OkStatus();
                     }).ok());
    return count;
  }

  CustomerStore store_{TestCipher()};
  CustomerHistoryStore history_{TestCipher()};
};

TEST_F(CustomerStoreTest, EveryTargetingAttributeIsVisibleToSegmentFilters) {
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     store_.Insert(tx, Customer(), "", "");
                     return absl::OkStatus();
                   }).ok());
  EXPECT_EQ(Matches("marital_status = MARRIED"), 1);
  EXPECT_EQ(Matches("income_band = HIGH"), 1);
  EXPECT_EQ(Matches("occupation = \"engineer\""), 1);
  EXPECT_EQ(Matches("residence.district_code = \"440106\""), 1);
  EXPECT_EQ(Matches("company_name = \"广州数据有限公司\""), 1);
  EXPECT_EQ(Matches("attr.broadband_mbps >= 300"), 1);
  EXPECT_EQ(Matches("attr.plan = \"family-plus\" AND attr.roaming = true"), 1);
  EXPECT_EQ(Matches("marital_status = SINGLE OR attr.broadband_mbps < 300"), 0);
}

TEST_F(CustomerStoreTest, FindReturnsWhatWasInserted) {
  v1::Customer stored = Customer();
  v1::ContactPoint* phone = stored.add_contact_points();
  phone->set_contact_point_id(NewId());
  phone->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
  phone->set_value("139 2000 1234");
  phone->set_normalized_value("+8613920001234");
  phone->set_status(v1::CONTACT_POINT_STATUS_VALID);
  phone->mutable_create_time()->set_seconds(1'790'000'000);
  std::optional<v1::Customer> found;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     store_.Insert(tx, stored, "req-1", "fingerprint");
                     found = store_.Find(tx, stored.customer_id());
                     return absl::OkStatus();
                   }).ok());
  ASSERT_TRUE(found.has_value());
  // Compared as messages: map fields have no defined serialisation order.
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*found, stored))
      << found->DebugString() << "\n!=\n" << stored.DebugString();
}

v1::ContactPoint* AddPhone(v1::Customer& c, const std::string& normalized) {
  v1::ContactPoint* p = c.add_contact_points();
  p->set_contact_point_id(NewId());
  p->set_type(v1::CONTACT_POINT_TYPE_MOBILE);
  p->set_value(normalized);
  p->set_normalized_value(normalized);
  p->set_status(v1::CONTACT_POINT_STATUS_UNVERIFIED);
  p->mutable_create_time()->set_seconds(1'790'000'000);
  return p;
}

TEST_F(CustomerStoreTest, UpdateRewritesColumnsAndReconcilesContactPointsKeepingIds) {
  v1::Customer stored = Customer();
  AddPhone(stored, "+8613800000001");
  AddPhone(stored, "+8613800000002");
  v1::Customer updated = stored;
  updated.set_occupation("teacher");
  updated.set_marital_status(v1::MARITAL_STATUS_SINGLE);
  updated.mutable_contact_points()->DeleteSubrange(0, 1);  // drop the first point
  updated.mutable_contact_points(0)->set_status(v1::CONTACT_POINT_STATUS_VALID);
  AddPhone(updated, "+8613800000003");
  updated.mutable_update_time()->set_seconds(1'790'000'100);
  std::optional<v1::Customer> found;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     store_.Insert(tx, stored, "", "");
                     store_.Update(tx, updated);
                     found = store_.Find(tx, stored.customer_id(), true);
                     return absl::OkStatus();
                   }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(*found, updated))
      << found->DebugString() << "\n!=\n" << updated.DebugString();
  EXPECT_EQ(found->contact_points(0).contact_point_id(), stored.contact_points(1).contact_point_id());
  EXPECT_EQ(Matches("occupation = \"teacher\" AND marital_status = SINGLE"), 1);
  EXPECT_EQ(Matches("occupation = \"engineer\""), 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM contact_points"), "2");
}

TEST_F(CustomerStoreTest, UpdateRequestsAreRemembered) {
  v1::Customer stored = Customer();
  std::optional<CustomerStore::CreateRequest> found, missing;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     store_.Insert(tx, stored, "", "");
                     store_.SaveUpdateRequest(tx, "upd-1", "fp", stored.customer_id());
                     found = store_.FindUpdateRequest(tx, "upd-1");
                     missing = store_.FindUpdateRequest(tx, "upd-2");
                     return absl::OkStatus();
                   }).ok());
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->customer_id, stored.customer_id());
  EXPECT_EQ(found->fingerprint, "fp");
  EXPECT_FALSE(missing.has_value());
}

TEST_F(CustomerStoreTest, FindManyListSearchAndPhoneLookup) {
  v1::Customer a = Customer(), b = Customer(), c = Customer();
  a.set_display_name("Alice Wong");
  a.set_external_id("crm-7");
  b.set_display_name("alan Chen");
  c.set_display_name("Bob");
  c.set_region_id("sc");
  b.mutable_create_time()->set_seconds(1'790'000'001);
  c.mutable_create_time()->set_seconds(1'790'000'002);
  AddPhone(b, "+8613800000009");
  AddPhone(c, "+8613800000009");
  std::vector<v1::Customer> many;
  std::vector<CustomerStore::ListedId> first, second;
  std::vector<std::string> by_name, by_prefix, by_external, by_phone, by_lookup, filtered;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     for (const auto* x : {&a, &b, &c}) store_.Insert(tx, *x, "", "");
                     many = store_.FindMany(tx, {c.customer_id(), NewId(), a.customer_id()});
                     first = store_.ListIds(tx, "TRUE", {}, CustomerStore::Order::kCreateTime,
                                           true, std::nullopt, 2);
                     second = store_.ListIds(
                         tx, "TRUE", {}, CustomerStore::Order::kCreateTime, true,
                         CustomerStore::Cursor{first[1].sort_key, first[1].customer_id}, 2);
                     auto search = [&](const CustomerStore::SearchKeys& keys) {
                       return store_.SearchIds(tx, keys, "TRUE", {}, 0, 10);
                     };
                     by_name = search({"", "", "", " ALICE  wong"});
                     by_prefix = search({"", "", "", "Alice"});
                     by_external = search({"", "crm-7", "", "crm-7"});
                     by_phone = search({"", "", "+8613800000009", ""});
                     by_lookup = store_.IdsByPhone(tx, "+8613800000009", "sc", 10);
                     filtered = store_.SearchIds(tx, {"", "", "", "Alice Wong"},
                                                "c.region_id = $1", {"sc"}, 0, 10);
                     return absl::OkStatus();
                   }).ok());
  ASSERT_EQ(many.size(), 2u);
  EXPECT_EQ(many[0].customer_id(), c.customer_id());
  EXPECT_EQ(many[1].customer_id(), a.customer_id());
  EXPECT_EQ(many[0].contact_points_size(), 1);
  ASSERT_EQ(first.size(), 2u);
  EXPECT_EQ(first[0].customer_id, c.customer_id());
  EXPECT_EQ(first[1].customer_id, b.customer_id());
  ASSERT_EQ(second.size(), 1u);
  EXPECT_EQ(second[0].customer_id, a.customer_id());
  // Names are sealed (R6): found by the whole name, whatever its case and spacing, not a prefix.
  EXPECT_EQ(by_name, (std::vector<std::string>{a.customer_id()}));
  EXPECT_TRUE(by_prefix.empty());
  EXPECT_EQ(by_external, (std::vector<std::string>{a.customer_id()}));
  EXPECT_EQ(by_phone.size(), 2u);
  EXPECT_EQ(by_lookup, (std::vector<std::string>{c.customer_id(), b.customer_id()}));
  EXPECT_TRUE(filtered.empty());
}

TEST_F(CustomerStoreTest, HistoryIsNewestFirstFilteredByPathAndPaged) {
  v1::Customer stored = Customer();
  std::vector<v1::ProfileChange> all, residence, older;
  std::vector<std::string> ids;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                     store_.Insert(tx, stored, "", "");
                     for (const char* path : {"occupation", "residence.city_code", "tags"}) {
                       v1::ProfileChange c;
                       c.set_change_id(NewId());
                       ids.push_back(c.change_id());
                       c.set_customer_id(stored.customer_id());
                       c.set_field_path(path);
                       c.mutable_old_value()->set_null_value(google::protobuf::NULL_VALUE);
                       c.mutable_new_value()->set_string_value("x");
                       c.mutable_actor()->set_actor_id("agent-1");
                       c.mutable_actor()->set_role(telemarketing::common::v1::ROLE_AGENT);
                       c.mutable_actor()->set_region_id("gd");
                       c.set_call_id("call-1");
                       c.set_origin(v1::CHANGE_ORIGIN_AGENT);
                       c.set_region_id("gd");
                       c.mutable_change_time()->set_seconds(1'790'000'000);
                       c.mutable_hlc()->set_wall_time_millis(1);
                       c.mutable_hlc()->set_node("gd");
                       history_.Append(tx, c);
                     }
                     all = history_.List(tx, stored.customer_id(), {}, "", 10);
                     residence = history_.List(tx, stored.customer_id(), {"residence"}, "", 10);
                     older = history_.List(tx, stored.customer_id(), {}, ids[2], 1);
                     return absl::OkStatus();
                   }).ok());
  ASSERT_EQ(all.size(), 3u);
  EXPECT_EQ(all[0].change_id(), ids[2]);
  EXPECT_EQ(all[2].field_path(), "occupation");
  EXPECT_EQ(all[2].actor().actor_id(), "agent-1");
  EXPECT_EQ(all[2].call_id(), "call-1");
  EXPECT_EQ(all[2].old_value().kind_case(), google::protobuf::Value::kNullValue);
  EXPECT_EQ(all[2].new_value().string_value(), "x");
  ASSERT_EQ(residence.size(), 1u);
  EXPECT_EQ(residence[0].field_path(), "residence.city_code");
  ASSERT_EQ(older.size(), 1u);
  EXPECT_EQ(older[0].change_id(), ids[1]);
}

}  // namespace
}  // namespace tmk::contacts
