#include "services/common/grpc/status_mapping.h"

#include <gtest/gtest.h>

#include "google/rpc/error_details.pb.h"
#include "google/rpc/status.pb.h"
#include "services/common/core/status_details.h"

namespace tmk::grpcx {
namespace {

google::rpc::Status Details(const grpc::Status& status) {
  google::rpc::Status rich;
  EXPECT_TRUE(rich.ParseFromString(status.error_details()));
  return rich;
}

TEST(StatusMapping, OkIsOk) { EXPECT_TRUE(ToGrpcStatus(absl::OkStatus(), "d").ok()); }

TEST(StatusMapping, FieldViolationsBecomeBadRequestDetails) {
  Violations v;
  v.Add("customer.display_name", "required");
  v.Add("customer.contact_points[1].value", "not a phone number");
  grpc::Status status = ToGrpcStatus(v.ToStatus("invalid customer"), "contacts.telemarketing");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  google::rpc::Status rich = Details(status);
  EXPECT_EQ(rich.code(), static_cast<int>(grpc::StatusCode::INVALID_ARGUMENT));
  ASSERT_EQ(rich.details_size(), 2);
  google::rpc::BadRequest bad_request;
  ASSERT_TRUE(rich.details(0).UnpackTo(&bad_request));
  ASSERT_EQ(bad_request.field_violations_size(), 2);
  EXPECT_EQ(bad_request.field_violations(1).field(), "customer.contact_points[1].value");
  EXPECT_EQ(bad_request.field_violations(1).description(), "not a phone number");
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(rich.details(1).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "INVALID_ARGUMENT");
  EXPECT_EQ(info.domain(), "contacts.telemarketing");
}

TEST(StatusMapping, ReasonMetadataIsCarriedInErrorInfo) {
  absl::Status refused = WithReason(absl::FailedPreconditionError("owned by region gd"),
                                    "NOT_OWNER", {{"owner_region_id", "gd"}});
  grpc::Status status = ToGrpcStatus(refused, "contacts.telemarketing");
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(Details(status).details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "NOT_OWNER");
  ASSERT_EQ(info.metadata().count("owner_region_id"), 1u);
  EXPECT_EQ(info.metadata().at("owner_region_id"), "gd");
}

TEST(StatusMapping, ReasonIsCarriedInErrorInfo) {
  absl::Status refused =
      WithReason(absl::FailedPreconditionError("campaign has no approved script"), "SCRIPT_NOT_APPROVED");
  grpc::Status status = ToGrpcStatus(refused, "campaigns.telemarketing");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(status.error_message(), "campaign has no approved script");
  google::rpc::ErrorInfo info;
  ASSERT_TRUE(Details(status).details(0).UnpackTo(&info));
  EXPECT_EQ(info.reason(), "SCRIPT_NOT_APPROVED");
}

TEST(StatusMapping, EveryCanonicalCodeKeepsItsNumber) {
  for (int code = 1; code <= 16; ++code) {
    absl::Status s(static_cast<absl::StatusCode>(code), "x");
    EXPECT_EQ(static_cast<int>(ToGrpcStatus(s, "d").error_code()), code);
  }
}

TEST(StatusMapping, InternalErrorsDoNotLeakTheirDetail) {
  grpc::Status status = ToGrpcStatus(absl::InternalError("pqxx: relation foo missing"), "d");
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INTERNAL);
  EXPECT_EQ(status.error_message(), "internal error");
  EXPECT_EQ(Details(status).message(), "internal error");
}

}  // namespace
}  // namespace tmk::grpcx
