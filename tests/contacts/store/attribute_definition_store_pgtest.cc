// Custom attribute definitions (R1): stored and read back whole, listed by key, and the questions
// a definition change asks of customers (is the key carried? which values are?).
#include "services/contacts/store/attribute_definition_store.h"

#include <google/protobuf/util/message_differencer.h>

#include "services/common/core/uuid.h"
#include "services/common/pg/migration.h"
#include "services/contacts/store/customer_store.h"
#include "tests/contacts/store/test_cipher.h"
#include "tests/support/pg_fixture.h"

namespace tmk::contacts {
std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::MessageDifferencer;

class AttributeDefinitionStoreTest : public testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
  }

  static v1::AttributeDefinition Definition(const std::string& key, v1::AttributeType type) {
    v1::AttributeDefinition d;
    d.set_attribute_key(key);
    d.set_display_name("套餐 " + key);
    d.set_description("from billing");
    d.set_type(type);
    if (type == v1::ATTRIBUTE_TYPE_ENUM) {
      d.add_allowed_values("basic");
      d.add_allowed_values("family, plus");  // a comma inside a value survives the array
    }
    d.set_personal_data(type == v1::ATTRIBUTE_TYPE_STRING);
    d.mutable_create_time()->set_seconds(1'790'000'000);
    d.mutable_create_time()->set_nanos(123'000);
    *d.mutable_update_time() = d.create_time();
    d.set_etag("e1");
    return d;
  }

  void Carry(const std::string& key, const std::string& value) {
    v1::Customer c;
    c.set_customer_id(NewId());
    c.set_region_id("gd");
    c.set_display_name("孙丽");
    c.set_kind(telemarketing::common::v1::CUSTOMER_KIND_B2C);
    (*c.mutable_custom_attributes())[key].set_string_value(value);
    c.mutable_create_time()->set_seconds(1'790'000'000);
    ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       CustomerStore(TestCipher()).Insert(tx, c, "", "");
                       return absl::OkStatus();
                     }).ok());
  }

  template <class F>
  void InTx(F f) {
    ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
                       f(tx);
                       return absl::OkStatus();
                     }).ok());
  }

  AttributeDefinitionStore store_;
};

TEST_F(AttributeDefinitionStoreTest, StoresAndReadsBackWholeOncePerKey) {
  v1::AttributeDefinition plan = Definition("plan", v1::ATTRIBUTE_TYPE_ENUM);
  InTx([&](pqxx::work& tx) {
    EXPECT_TRUE(store_.Insert(tx, plan));
    EXPECT_FALSE(store_.Insert(tx, Definition("plan", v1::ATTRIBUTE_TYPE_INT)));
    std::optional<v1::AttributeDefinition> found = store_.Find(tx, "plan");
    ASSERT_TRUE(found.has_value());
    EXPECT_TRUE(MessageDifferencer::Equals(*found, plan)) << found->DebugString();
    EXPECT_FALSE(store_.Find(tx, "planet").has_value());
  });
}

TEST_F(AttributeDefinitionStoreTest, UpdatesListsAndDeletes) {
  InTx([&](pqxx::work& tx) {
    for (const char* key : {"b_2", "a_1", "c_3", "b_10"}) {
      store_.Insert(tx, Definition(key, v1::ATTRIBUTE_TYPE_INT));
    }
    v1::AttributeDefinition changed = Definition("a_1", v1::ATTRIBUTE_TYPE_INT);
    changed.set_display_name("changed");
    changed.set_etag("e2");
    store_.Update(tx, changed);
    EXPECT_EQ(store_.Find(tx, "a_1")->display_name(), "changed");
    EXPECT_EQ(store_.Find(tx, "a_1")->etag(), "e2");

    std::vector<std::string> keys;
    for (const auto& d : store_.List(tx, "", 10)) keys.push_back(d.attribute_key());
    EXPECT_EQ(keys, (std::vector<std::string>{"a_1", "b_10", "b_2", "c_3"}));
    keys.clear();
    for (const auto& d : store_.List(tx, "b_10", 1)) keys.push_back(d.attribute_key());
    EXPECT_EQ(keys, std::vector<std::string>{"b_2"});

    EXPECT_EQ(store_.FindMany(tx, {"c_3", "zz", "a_1"}).size(), 2u);
    store_.Delete(tx, "c_3");
    EXPECT_FALSE(store_.Find(tx, "c_3").has_value());
  });
}

TEST_F(AttributeDefinitionStoreTest, KnowsWhichKeysAndValuesCustomersCarry) {
  Carry("plan", "family, plus");
  Carry("plan", "basic");
  InTx([&](pqxx::work& tx) {
    EXPECT_TRUE(store_.InUse(tx, "plan"));
    EXPECT_FALSE(store_.InUse(tx, "tier"));
    std::vector<std::string> used = store_.ValuesInUse(tx, "plan", {"family, plus", "premium"});
    EXPECT_EQ(used, std::vector<std::string>{"family, plus"});
    EXPECT_TRUE(store_.ValuesInUse(tx, "plan", {}).empty());
  });
}

}  // namespace
}  // namespace tmk::contacts
