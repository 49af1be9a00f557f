// Segment filters compiled to SQL against real PostgreSQL (R8): every construct selects exactly
// the customers it should, values travel only as parameters, and evaluation snapshots a list.
#include "services/contacts/store/segment_store.h"

#include <google/protobuf/descriptor.h>
#include <gtest/gtest.h>

#include <google/protobuf/util/time_util.h>

#include <functional>
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/pg/migration.h"
#include "telemarketing/common/v1/channel.pb.h"
#include "telemarketing/common/v1/sales.pb.h"
#include "telemarketing/contacts/v1/customer.pb.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations
}

namespace tmk::contacts {
namespace {

namespace v1 = telemarketing::contacts::v1;
using Names = std::set<std::string>;

constexpr char kAt[] = "2026-06-01T00:00:00Z";

struct Person {
  std::string name;
  int kind = 1;
  int vip_tier = 0;
  int gender = 0;
  int birth_year = 0;  // 0: unknown
  int marital_status = 0;
  int income_band = 0;
  std::string occupation;
  std::string province = "440000";
  std::string city;
  std::string district;
  std::string tags = "{}";
  std::string attributes = "{}";
  std::string create_time = "2026-01-01T00:00:00Z";
  // (type, status, primary) per contact point
  std::vector<std::tuple<int, int, bool>> points;
};

class SegmentStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  std::string Add(const Person& p) {
    std::string id = NewId();
    Exec([&](pqxx::work& tx) {
      // Only the targeting columns matter to filters: the sealed record and the blind indexes
      // (IdentifierCipher) are stand-ins here.
      tx.exec_params(
          "INSERT INTO customers (customer_id, region_id, name_index, kind, vip_tier, gender,"
          " birth_year, province_code, city_code, tags, record, hlc_wall_millis, hlc_logical,"
          " hlc_node, create_time, update_time, marital_status, income_band, occupation,"
          " district_code, attributes)"
          " VALUES ($1::uuid, 'gd', ''::bytea, $2, $3, $4, NULLIF($5, 0), $6, $7, $8::text[],"
          " ''::bytea, 0, 0, 'n', $9::timestamptz, $9::timestamptz, $10, $11, $12, $13, $14::jsonb)",
          id, p.kind, p.vip_tier, p.gender, p.birth_year, p.province, p.city, p.tags,
          p.create_time, p.marital_status, p.income_band, p.occupation, p.district, p.attributes);
      int position = 0;
      for (const auto& [type, status, primary] : p.points) {
        tx.exec_params(
            "INSERT INTO contact_points (contact_point_id, customer_id, position, type,"
            " sealed_value, value_index, status, is_primary, create_time)"
            " VALUES ($1::uuid, $2::uuid, $3, $4, ''::bytea, sha256(convert_to($5, 'UTF8')), $6,"
            " $7, now())",
            NewId(), id, position, type, absl::StrCat("+86138", 10000000 + ++phones_),
            status, primary);
        ++position;
      }
    });
    names_[id] = p.name;
    return id;
  }

  void Consent(const std::string& customer_id, int channel, int purpose, int state,
               long long hlc, const std::string& expire = "") {
    Exec([&](pqxx::work& tx) {
      tx.exec_params(
          "INSERT INTO consents (consent_id, customer_id, channel, purpose, state, effective_time,"
          " expire_time, hlc_wall_millis, hlc_logical, hlc_node, record_time, record)"
          " VALUES ($1::uuid, $2::uuid, $3, $4, $5, '2026-01-01T00:00:00Z', NULLIF($6, '')::timestamptz,"
          " $7, 0, 'n', now(), ''::bytea)",
          NewId(), customer_id, channel, purpose, state, expire, hlc);
    });
  }

  void Exec(const std::function<void(pqxx::work&)>& work) {
    absl::Status status = pool_->Transact([&](pqxx::work& tx) {
      work(tx);
      return absl::OkStatus();
    });
    ASSERT_TRUE(status.ok()) << status;
  }

  // The names (Person::name) of the customers a filter selects.
  Names Select(const std::string& filter) {
    segment::ParseResult parsed = segment::ParseSegmentFilter(filter);
    EXPECT_TRUE(parsed.ok()) << filter << ": " << parsed.error.Describe();
    absl::StatusOr<SqlCondition> condition = CompileSegmentFilter(parsed.root, kAt);
    EXPECT_TRUE(condition.ok()) << condition.status();
    Names names;
    absl::Status status = pool_->Transact([&](pqxx::work& tx) {
      pqxx::result rows =
          tx.exec_params("SELECT c.customer_id::text FROM customers c WHERE " + condition->sql,
                         pqxx::prepare::make_dynamic_params(condition->params));
      for (const auto& row : rows) names.insert(names_.at(row[0].as<std::string>()));
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << filter << ": " << status << "\nSQL: " << condition->sql;
    return names;
  }

  // A stored segment to evaluate.
  std::string SaveSegment(const std::string& filter) {
    segment::ParseResult parsed = segment::ParseSegmentFilter(filter);
    EXPECT_TRUE(parsed.ok());
    v1::Segment s;
    s.set_segment_id(NewId());
    s.set_region_id("gd");
    s.set_display_name("test");
    s.set_filter(filter);
    s.set_normalized_filter(segment::PrintSegmentFilter(parsed.root));
    s.mutable_creator()->set_actor_id("sup");
    *s.mutable_create_time() = google::protobuf::util::TimeUtil::GetCurrentTime();
    Exec([&](pqxx::work& tx) { store_.InsertSegment(tx, s); });
    return s.segment_id();
  }

  v1::ContactList Evaluate(const std::string& segment_id, const std::string& filter, int purpose = 0,
                           const std::string& campaign = "") {
    SegmentStore::Evaluation e;
    e.list_id = NewId();
    e.display_name = "list";
    e.segment_id = segment_id;
    e.normalized_filter = filter;
    e.purpose = purpose;
    e.channel = purpose ? 1 : 0;
    e.campaign_id = campaign;
    e.region_id = "gd";
    e.creator_id = "sup";
    e.creator_role = 2;
    e.at = kAt;
    v1::ContactList list;
    segment::ParseResult parsed = segment::ParseSegmentFilter(filter);
    EXPECT_TRUE(parsed.ok());
    absl::Status status = pool_->Transact([&](pqxx::work& tx) {
      list = store_.Evaluate(tx, e, parsed.root);
      return absl::OkStatus();
    });
    EXPECT_TRUE(status.ok()) << status;
    return list;
  }

  std::vector<v1::ContactListMember> Members(const std::string& list_id, const std::string& after,
                                             int limit) {
    std::vector<v1::ContactListMember> out;
    Exec([&](pqxx::work& tx) { out = store_.ListMembers(tx, list_id, after, limit); });
    return out;
  }

  SegmentStore store_;
  int phones_ = 0;
  std::map<std::string, std::string> names_;  // customer_id -> Person::name
};

TEST_F(SegmentStoreTest, EnumsStringsAndOrderedTiers) {
  Add({.name = "ann", .kind = 1, .vip_tier = 3, .gender = 1, .marital_status = 2, .income_band = 5,
       .occupation = "teacher", .city = "440300", .district = "440305"});
  Add({.name = "bob", .kind = 2, .vip_tier = 1, .gender = 2, .marital_status = 1, .income_band = 2,
       .occupation = "nurse", .province = "110000", .city = "110100"});
  Add({.name = "cat", .kind = 1, .vip_tier = 0, .gender = 0, .occupation = "teacher"});
  Add({.name = "dan", .kind = 1, .vip_tier = 5, .gender = 2, .income_band = 6});

  EXPECT_EQ(Select("kind = B2C"), (Names{"ann", "cat", "dan"}));
  EXPECT_EQ(Select("kind != CUSTOMER_KIND_B2C"), (Names{"bob"}));
  EXPECT_EQ(Select("gender IN (MALE, UNSPECIFIED)"), (Names{"bob", "cat", "dan"}));
  EXPECT_EQ(Select("marital_status = MARRIED"), (Names{"ann"}));
  // Ordered comparisons never count an unrecorded tier (cat) as low.
  EXPECT_EQ(Select("vip_tier >= GOLD"), (Names{"ann", "dan"}));
  EXPECT_EQ(Select("vip_tier < GOLD"), (Names{"bob"}));
  EXPECT_EQ(Select("income_band > MIDDLE"), (Names{"ann", "dan"}));
  EXPECT_EQ(Select("income_band <= LOWER_MIDDLE"), (Names{"bob"}));
  EXPECT_EQ(Select("occupation = \"teacher\""), (Names{"ann", "cat"}));
  EXPECT_EQ(Select("occupation IN (\"nurse\", \"pilot\")"), (Names{"bob"}));
  EXPECT_EQ(Select("residence.province_code = \"440000\""), (Names{"ann", "cat", "dan"}));
  EXPECT_EQ(Select("residence.city_code = \"110100\""), (Names{"bob"}));
  EXPECT_EQ(Select("residence.district_code = \"440305\""), (Names{"ann"}));
  EXPECT_EQ(Select("region_id = \"gd\" AND company_name = \"\" AND external_id = \"\""),
            (Names{"ann", "bob", "cat", "dan"}));
}

TEST_F(SegmentStoreTest, BooleanLogicIsExactEvenWhereValuesAreMissing) {
  Add({.name = "young", .birth_year = 2000});
  Add({.name = "old", .birth_year = 1960});
  Add({.name = "unknown"});
  // Evaluated at 2026-06-01: young is 26, old is 66.
  EXPECT_EQ(Select("age >= 25 AND age < 45"), (Names{"young"}));
  EXPECT_EQ(Select("age = 66"), (Names{"old"}));
  EXPECT_EQ(Select("birth_year <= 1960"), (Names{"old"}));
  EXPECT_EQ(Select("birth_year IN (2000, 1960)"), (Names{"young", "old"}));
  // A comparison on a missing value is false, so NOT is its exact complement.
  EXPECT_EQ(Select("NOT age >= 25"), (Names{"unknown"}));
  EXPECT_EQ(Select("age != 26"), (Names{"old"}));
  EXPECT_EQ(Select("NOT (age < 30 OR age > 60)"), (Names{"unknown"}));
  EXPECT_EQ(Select("age < 30 OR birth_year = 1960 AND age > 100"), (Names{"young"}));
  EXPECT_EQ(Select("(age < 30 OR birth_year = 1960) AND age > 20"), (Names{"young", "old"}));
}

TEST_F(SegmentStoreTest, TagsPhonesAndTimes) {
  Add({.name = "tagged", .tags = "{gold_card,high_arpu}", .create_time = "2026-03-01T00:00:00Z",
       .points = {{1, 2, true}, {2, 3, false}}});
  Add({.name = "fixed", .tags = "{complained}", .points = {{2, 1, true}}});
  Add({.name = "bad_numbers", .points = {{1, 3, true}, {1, 4, false}, {3, 2, false}}});
  Add({.name = "none"});

  EXPECT_EQ(Select("has_tag(\"gold_card\")"), (Names{"tagged"}));
  EXPECT_EQ(Select("NOT has_tag(\"complained\")"), (Names{"tagged", "bad_numbers", "none"}));
  EXPECT_EQ(Select("has_phone()"), (Names{"tagged", "fixed"}));
  EXPECT_EQ(Select("has_phone(MOBILE)"), (Names{"tagged"}));
  EXPECT_EQ(Select("has_phone(FIXED_LINE)"), (Names{"fixed"}));
  EXPECT_EQ(Select("has_phone(FIXED_LINE, INVALID_NUMBER)"), (Names{"tagged"}));
  EXPECT_EQ(Select("has_phone(MOBILE, VALID)"), (Names{"tagged"}));
  EXPECT_EQ(Select("has_phone(WRONG_PARTY)"), (Names{"bad_numbers"}));
  EXPECT_EQ(Select("NOT has_phone()"), (Names{"bad_numbers", "none"}));
  EXPECT_EQ(Select("create_time >= \"2026-02-01T00:00:00+08:00\""), (Names{"tagged"}));
  EXPECT_EQ(Select("create_time < \"2026-02-01T00:00:00Z\" AND update_time <= \"2026-01-01T00:00:00Z\""),
            (Names{"fixed", "bad_numbers", "none"}));
}

TEST_F(SegmentStoreTest, CustomAttributesCompareByTheirJsonType) {
  Add({.name = "a", .attributes = R"({"score": 7.5, "plan": "gold", "churned": true, "since": "2024-05-01"})"});
  Add({.name = "b", .attributes = R"({"score": 12, "plan": "basic", "churned": false})"});
  Add({.name = "c", .attributes = R"({"score": "high", "plan": 3})"});
  Add({.name = "d"});
  EXPECT_EQ(Select("attr.score >= 7.5"), (Names{"a", "b"}));
  EXPECT_EQ(Select("attr.score < 10"), (Names{"a"}));
  EXPECT_EQ(Select("attr.score IN (12, 1)"), (Names{"b"}));
  EXPECT_EQ(Select("attr.score = \"high\""), (Names{"c"}));
  EXPECT_EQ(Select("attr.plan = \"gold\""), (Names{"a"}));
  EXPECT_EQ(Select("attr.plan != \"gold\""), (Names{"b"}));
  EXPECT_EQ(Select("attr.churned = true"), (Names{"a"}));
  EXPECT_EQ(Select("attr.churned != true"), (Names{"b"}));
  EXPECT_EQ(Select("attr.since >= \"2024-01-01\""), (Names{"a"}));
  EXPECT_EQ(Select("NOT attr.score >= 7.5"), (Names{"c", "d"}));
}

TEST_F(SegmentStoreTest, ConsentStateIsTheLatestDecisionByHlc) {
  std::string granted = Add({.name = "granted"});
  std::string withdrawn = Add({.name = "withdrawn"});
  std::string expired = Add({.name = "expired"});
  Add({.name = "absent"});
  Consent(granted, 1, 1, 2, 100);
  Consent(granted, 1, 1, 1, 200);  // granted after withdrawing
  Consent(withdrawn, 1, 1, 1, 100);
  Consent(withdrawn, 1, 1, 2, 200);
  Consent(expired, 1, 1, 1, 100, "2026-03-01T00:00:00Z");
  EXPECT_EQ(Select("consent.voice.marketing = GRANTED"), (Names{"granted"}));
  EXPECT_EQ(Select("consent.voice.marketing = WITHDRAWN"), (Names{"withdrawn"}));
  EXPECT_EQ(Select("consent.voice.marketing = ABSENT"), (Names{"expired", "absent"}));
  EXPECT_EQ(Select("consent.sms.marketing = ABSENT"), (Names{"granted", "withdrawn", "expired", "absent"}));
  EXPECT_EQ(Select("consent.voice.marketing IN (GRANTED, WITHDRAWN)"), (Names{"granted", "withdrawn"}));
}

TEST_F(SegmentStoreTest, SqlInFilterValuesIsOnlyEverData) {
  Add({.name = "x", .occupation = "'; DROP TABLE customers; --"});
  Add({.name = "y", .occupation = "teacher"});
  EXPECT_EQ(Select("occupation = \"'; DROP TABLE customers; --\""), (Names{"x"}));
  EXPECT_EQ(Select("occupation = \"teacher' OR '1'='1\""), (Names{}));
  EXPECT_EQ(Select("attr.k = \"\\\"}'::jsonb; --\""), (Names{}));
  EXPECT_EQ(Scalar("SELECT count(*) FROM customers"), "2");
  segment::ParseResult parsed = segment::ParseSegmentFilter("occupation = \"'; DROP\" AND age > 3");
  ASSERT_TRUE(parsed.ok());
  absl::StatusOr<SqlCondition> condition = CompileSegmentFilter(parsed.root, kAt, 6);
  ASSERT_TRUE(condition.ok());
  EXPECT_EQ(condition->sql.find("DROP"), std::string::npos) << condition->sql;
  EXPECT_NE(condition->sql.find("$6"), std::string::npos) << condition->sql;
  EXPECT_EQ(condition->params.front(), "'; DROP");
}

TEST_F(SegmentStoreTest, EvaluateSnapshotsMembersWithPhonesPrimaryFirstAndPages) {
  std::set<std::string> gold;
  for (int i = 0; i < 7; ++i) {
    gold.insert(Add({.name = absl::StrCat("g", i), .vip_tier = 3,
                     .points = {{2, 2, false}, {1, 1, true}, {3, 2, false}}}));
  }
  Add({.name = "silver", .vip_tier = 2});
  std::string filter = "vip_tier = VIP_TIER_GOLD";
  std::string segment_id = SaveSegment(filter);
  v1::ContactList list = Evaluate(segment_id, filter);
  EXPECT_EQ(list.member_count(), 7);
  EXPECT_EQ(list.excluded_not_callable_count(), 0);
  EXPECT_EQ(list.state(), v1::CONTACT_LIST_STATE_READY);
  EXPECT_EQ(list.origin(), v1::CONTACT_LIST_ORIGIN_SEGMENT);
  EXPECT_EQ(list.segment_id(), segment_id);
  EXPECT_EQ(list.filter(), filter);

  std::set<std::string> seen;
  std::string after;
  int pages = 0;
  while (true) {
    auto page = Members(list.list_id(), after, 3);
    if (page.empty()) break;
    ++pages;
    for (const auto& m : page) {
      EXPECT_TRUE(seen.insert(m.customer_id()).second);
      ASSERT_EQ(m.contact_point_ids_size(), 2);  // phones only, the primary mobile first
      EXPECT_EQ(m.region_id(), "gd");
    }
    after = page.back().customer_id();
  }
  EXPECT_EQ(pages, 3);
  EXPECT_EQ(seen, gold);

  // The snapshot stays when customers change; the segment remembers its last evaluation.
  Exec([](pqxx::work& tx) { tx.exec("UPDATE customers SET vip_tier = 3"); });
  EXPECT_EQ(Members(list.list_id(), "", 100).size(), 7u);
  Exec([&](pqxx::work& tx) {
    auto stored = store_.FindSegment(tx, segment_id);
    ASSERT_TRUE(stored);
    EXPECT_EQ(stored->segment.last_list_id(), list.list_id());
    EXPECT_EQ(stored->segment.last_member_count(), 7);
  });
  Exec([&](pqxx::work& tx) {
    EXPECT_TRUE(store_.DeleteList(tx, list.list_id()));
    EXPECT_FALSE(store_.DeleteList(tx, list.list_id()));
  });
  EXPECT_EQ(Scalar("SELECT count(*) FROM contact_list_members"), "0");
}

TEST_F(SegmentStoreTest, EnumTablesMatchTheContracts) {
  auto check = [](const segment::EnumType& table, const google::protobuf::EnumDescriptor* d) {
    for (int i = 0; i < d->value_count(); ++i) {
      const auto* value = d->value(i);
      std::optional<int> found = table.Find(value->name());
      if (value->number() == 0 && !found) continue;  // UNSPECIFIED is not a filter value there
      ASSERT_TRUE(found) << value->name();
      EXPECT_EQ(*found, value->number()) << value->name();
      EXPECT_EQ(table.FullName(value->number()), value->name());
    }
  };
  check(segment::GenderEnum(), v1::Gender_descriptor());
  check(segment::MaritalStatusEnum(), v1::MaritalStatus_descriptor());
  check(segment::IncomeBandEnum(), v1::IncomeBand_descriptor());
  check(segment::VipTierEnum(), v1::VipTier_descriptor());
  check(segment::CustomerKindEnum(), telemarketing::common::v1::CustomerKind_descriptor());
  check(segment::ContactPointTypeEnum(), v1::ContactPointType_descriptor());
  check(segment::ContactPointStatusEnum(), v1::ContactPointStatus_descriptor());
  for (const auto& c : segment::ConsentChannels()) {
    std::string name = absl::AsciiStrToUpper(absl::StrCat("CONTACT_CHANNEL_", std::string(c.name)));
    EXPECT_EQ(telemarketing::common::v1::ContactChannel_descriptor()->FindValueByName(name)->number(),
              c.number);
  }
  for (const auto& p : segment::ConsentPurposes()) {
    std::string name = absl::AsciiStrToUpper(absl::StrCat("CONTACT_PURPOSE_", std::string(p.name)));
    EXPECT_EQ(telemarketing::common::v1::ContactPurpose_descriptor()->FindValueByName(name)->number(),
              p.number);
  }
}

// Needs callable_contact_points from 0002_consent_dnc.sql (the consent/DNC work).
TEST_F(SegmentStoreTest, EvaluateWithPurposeKeepsOnlyCustomersWithACallablePhone) {
  std::string granted = Add({.name = "granted", .vip_tier = 3, .points = {{1, 2, true}, {1, 3, false}}});
  std::string no_consent = Add({.name = "no_consent", .vip_tier = 3, .points = {{1, 2, true}}});
  std::string dnc = Add({.name = "dnc", .vip_tier = 3, .points = {{1, 2, true}}});
  std::string invalid = Add({.name = "invalid", .vip_tier = 3, .points = {{1, 3, true}}});
  for (const std::string& id : {granted, dnc, invalid}) Consent(id, 1, 1, 1, 100);
  Exec([&](pqxx::work& tx) {
    tx.exec_params(
        "INSERT INTO dnc_entries (dnc_entry_id, scope, region_id, customer_id, channel, reason,"
        " create_time, record) VALUES ($1::uuid, 1, 'gd', $2::uuid, 0, 1, now(), ''::bytea)",
        NewId(), dnc);
  });
  std::string filter = "vip_tier = VIP_TIER_GOLD";
  v1::ContactList list = Evaluate(SaveSegment(filter), filter, /*purpose=*/1);
  EXPECT_EQ(list.member_count(), 1);
  EXPECT_EQ(list.excluded_not_callable_count(), 3);
  EXPECT_EQ(list.purpose(), telemarketing::common::v1::CONTACT_PURPOSE_MARKETING);
  EXPECT_EQ(list.channel(), telemarketing::common::v1::CONTACT_CHANNEL_VOICE);
  auto members = Members(list.list_id(), "", 10);
  ASSERT_EQ(members.size(), 1u);
  EXPECT_EQ(members[0].customer_id(), granted);
  EXPECT_EQ(members[0].contact_point_ids_size(), 1);  // only the callable phone

  // Service calls need no grant: everyone with a usable phone and no DNC entry.
  list = Evaluate(SaveSegment(filter), filter, /*purpose=*/2);
  EXPECT_EQ(list.member_count(), 2);
  EXPECT_EQ(list.excluded_not_callable_count(), 2);
}

}  // namespace
}  // namespace tmk::contacts
