// Contact points as sub-resources (R2 list screening, R3 profile completion).
#include "services/contacts/domain/contact_point_rules.h"

#include <gtest/gtest.h>

#include "absl/strings/str_cat.h"
#include "services/contacts/domain/new_customer.h"
#include "tests/support/violated_fields.h"

namespace tmk::contacts {
namespace {

using testing::ViolatedFields;
using Fields = std::vector<std::string>;

const std::vector<ExistingPoint> kExisting = {{"p1", "+8613812345678"},
                                              {"p2", "li.wei@example.cn"}};

TEST(ValidateNewContactPoint, NormalisesAChineseFixedLineWithItsAreaCode) {
  absl::StatusOr<NormalizedContact> n = ValidateNewContactPoint(
      {ContactKind::kFixedLine, "0755-8888 1234", PointStatus::kUnspecified, "office", ""},
      kExisting, "contact_point");
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->normalized, "+8675588881234");
  EXPECT_EQ(n->kind, ContactKind::kFixedLine);
}

TEST(ValidateNewContactPoint, ReportsEveryBadFieldAtOnce) {
  absl::Status status =
      ValidateNewContactPoint({ContactKind::kMobile, "12345", static_cast<PointStatus>(9),
                               std::string(65, 'x'), std::string(129, 's')},
                              kExisting, "contact_point")
          .status();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(ViolatedFields(status),
            (Fields{"contact_point.value", "contact_point.status", "contact_point.label",
                    "contact_point.source"}));
}

TEST(ValidateNewContactPoint, TypeAndValueAreRequired) {
  EXPECT_EQ(ViolatedFields(ValidateNewContactPoint({}, kExisting, "contact_point").status()),
            Fields{"contact_point.type"});
  EXPECT_EQ(ViolatedFields(
                ValidateNewContactPoint({ContactKind::kMobile, ""}, kExisting, "contact_point")
                    .status()),
            Fields{"contact_point.value"});
}

TEST(ValidateNewContactPoint, TheSameNumberInAnotherFormatIsADuplicate) {
  absl::Status status =
      ValidateNewContactPoint({ContactKind::kMobile, "+86 138-1234-5678"}, kExisting,
                              "contact_point")
          .status();
  EXPECT_EQ(status.code(), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(ReasonOf(status), "DUPLICATE_CONTACT_POINT");
}

TEST(ValidateNewContactPoint, ACustomerHoldsAtMostTheLimit) {
  std::vector<ExistingPoint> full;
  for (size_t i = 0; i < Limits::kMaxContactPoints; ++i) {
    full.push_back({absl::StrCat("p", i), absl::StrCat("+86139000000", 10 + i)});
  }
  absl::Status status =
      ValidateNewContactPoint({ContactKind::kMobile, "13812345678"}, full, "contact_point")
          .status();
  EXPECT_EQ(status.code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(status), "TOO_MANY_CONTACT_POINTS");
}

TEST(ValidateContactPointMask, NamesOnlyTheUpdatableFieldsOnce) {
  EXPECT_TRUE(ValidateContactPointMask({"status", "label", "primary", "value"}).ok());
  EXPECT_EQ(ViolatedFields(ValidateContactPointMask({})), Fields{"update_mask"});
  EXPECT_EQ(ViolatedFields(ValidateContactPointMask({"status", "type", "status"})),
            (Fields{"update_mask.paths[1]", "update_mask.paths[2]"}));
}

TEST(ValidateContactPointUpdate, ANewValueIsRenormalisedAndMustNotDuplicateASibling) {
  absl::StatusOr<NormalizedContact> n = ValidateContactPointUpdate(
      {ContactKind::kUnspecified, "139 2000 1234"}, {"value"}, ContactKind::kMobile, kExisting,
      "contact_point");
  ASSERT_TRUE(n.ok()) << n.status();
  EXPECT_EQ(n->normalized, "+8613920001234");
  EXPECT_EQ(ValidateContactPointUpdate({ContactKind::kUnspecified, "13812345678"}, {"value"},
                                       ContactKind::kMobile, kExisting, "contact_point")
                .status()
                .code(),
            absl::StatusCode::kAlreadyExists);
  // Only the masked fields are judged: an unset status outside the mask is no violation.
  EXPECT_TRUE(ValidateContactPointUpdate({}, {"label"}, ContactKind::kMobile, kExisting,
                                         "contact_point")
                  .ok());
  EXPECT_EQ(ViolatedFields(ValidateContactPointUpdate({}, {"status"}, ContactKind::kMobile,
                                                      kExisting, "contact_point")
                               .status()),
            Fields{"contact_point.status"});
}

StatusUpdate Screened(std::string point_id) {
  return {"0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b", std::move(point_id),
          PointStatus::kWrongParty, "list screening 2026-06", ""};
}

TEST(ValidateStatusUpdates, IndexesEveryViolationByEntry) {
  std::vector<StatusUpdate> batch = {Screened("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01"),
                                     Screened("not-a-uuid"),
                                     Screened("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a02"),
                                     Screened("0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a01")};
  batch[2].status = PointStatus::kUnspecified;
  batch[2].call_id = std::string(129, 'c');
  EXPECT_EQ(ViolatedFields(ValidateStatusUpdates(batch)),
            (Fields{"updates[1].contact_point_id", "updates[2].status", "updates[2].call_id",
                    "updates[3].contact_point_id"}));
}

TEST(ValidateStatusUpdates, RefusesAnEmptyOrOversizedBatchWhole) {
  EXPECT_EQ(ViolatedFields(ValidateStatusUpdates({})), Fields{"updates"});
  std::vector<StatusUpdate> oversized(ContactPointLimits::kMaxBatch + 1, Screened("bad"));
  EXPECT_EQ(ViolatedFields(ValidateStatusUpdates(oversized)), Fields{"updates"});
  std::vector<StatusUpdate> full;
  for (size_t i = 0; i < ContactPointLimits::kMaxBatch; ++i) {
    full.push_back(Screened(absl::StrCat("0190a1b2-c3d4-7e5f-8a9b-", 100000000000 + i)));
  }
  EXPECT_TRUE(ValidateStatusUpdates(full).ok());
}

}  // namespace
}  // namespace tmk::contacts
