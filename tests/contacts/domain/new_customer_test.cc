#include "services/contacts/domain/new_customer.h"

#include <gtest/gtest.h>

#include "services/common/core/status_details.h"

namespace tmk::contacts {
namespace {

NewCustomer Valid() {
  NewCustomer c;
  c.display_name = "李伟";
  c.kind = NewCustomer::Kind::kB2c;
  c.birth_year = 1985;
  c.tags = {"gold_card", "broadband:fiber"};
  c.contact_points = {{ContactKind::kMobile, "138 1234 5678"},
                      {ContactKind::kEmail, "li.wei@Example.cn"}};
  return c;
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

TEST(ValidateNewCustomer, AcceptsAValidCustomerAndNormalisesItsContactPoints) {
  auto points = ValidateNewCustomer(Valid(), "gd", 2026);
  ASSERT_TRUE(points.ok()) << points.status();
  ASSERT_EQ(points->size(), 2u);
  EXPECT_EQ((*points)[0].normalized, "+8613812345678");
  EXPECT_EQ((*points)[1].normalized, "li.wei@example.cn");
}

TEST(ValidateNewCustomer, ReportsEveryViolationWithItsFieldPath) {
  NewCustomer c = Valid();
  c.customer_id = "chosen-by-client";
  c.display_name.clear();
  c.kind = NewCustomer::Kind::kB2b;  // without a company
  c.birth_year = 1850;
  c.tags.push_back("Not A Tag");
  c.attribute_keys = {"9lives"};
  c.contact_points.push_back({ContactKind::kMobile, "12345"});
  absl::Status status = ValidateNewCustomer(c, "gd", 2026).status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(Fields(status),
            (std::vector<std::string>{"customer.customer_id", "customer.display_name",
                                      "customer.company_name", "customer.birth_year",
                                      "customer.tags[2]", "customer.custom_attributes[9lives]",
                                      "customer.contact_points[2].value"}));
}

TEST(ValidateNewCustomer, KindIsRequired) {
  NewCustomer c = Valid();
  c.kind = NewCustomer::Kind::kUnspecified;
  EXPECT_EQ(Fields(ValidateNewCustomer(c, "gd", 2026).status()),
            std::vector<std::string>{"customer.kind"});
}

// R32: a region creates only its own customers.
TEST(ValidateNewCustomer, RefusesAnotherRegionsCustomer) {
  NewCustomer c = Valid();
  c.region_id = "sc";
  EXPECT_EQ(Fields(ValidateNewCustomer(c, "gd", 2026).status()),
            std::vector<std::string>{"customer.region_id"});
  c.region_id = "gd";
  EXPECT_TRUE(ValidateNewCustomer(c, "gd", 2026).ok());
}

TEST(ValidateNewCustomer, TheSameNumberTwiceIsOneTooMany) {
  NewCustomer c = Valid();
  c.contact_points.push_back({ContactKind::kUnspecified, "+86 138-1234-5678"});
  EXPECT_EQ(Fields(ValidateNewCustomer(c, "gd", 2026).status()),
            std::vector<std::string>{"customer.contact_points[2].value"});
}

TEST(ValidateNewCustomer, OversizedCollectionsAreRefused) {
  NewCustomer c = Valid();
  c.contact_points.assign(Limits::kMaxContactPoints + 1, {ContactKind::kEmail, "a@b.cn"});
  std::vector<std::string> fields = Fields(ValidateNewCustomer(c, "gd", 2026).status());
  ASSERT_FALSE(fields.empty());
  EXPECT_EQ(fields.front(), "customer.contact_points");
}

}  // namespace
}  // namespace tmk::contacts
