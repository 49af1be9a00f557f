#include "services/contacts/api/access_audit_api.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/page_token.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

constexpr int kMaxPageSize = 1000;
constexpr int kDefaultPageSize = 100;
constexpr size_t kMaxActorId = 256;

// The strongest of the roles the actor held, as every other Actor in the API reports it.
telemarketing::common::v1::Role RoleOf(const std::vector<std::string>& names) {
  auth::Principal holder;
  for (const std::string& name : names) {
    if (std::optional<auth::Role> role = auth::RoleFromName(name)) holder.roles.Add(*role);
  }
  return grpcx::ToProtoRole(holder);
}

bool ValidTime(const google::protobuf::Timestamp& t) {
  return t.seconds() >= TimeUtil::kTimestampMinSeconds &&
         t.seconds() <= TimeUtil::kTimestampMaxSeconds && t.nanos() >= 0 && t.nanos() <= 999999999;
}

}  // namespace

absl::Status AccessAuditApi::ListAccessAuditEntries(
    const auth::Principal& who, const v1::ListAccessAuditEntriesRequest& request,
    v1::ListAccessAuditEntriesResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, {auth::Role::kAdmin}, runtime_.context().region,
                                             "read the access audit log");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  if (request.page_size() < 0 || request.page_size() > kMaxPageSize) {
    v.Add("page_size",
          absl::StrCat("between 1 and ", kMaxPageSize, ", or 0 for ", kDefaultPageSize));
  }
  AccessAuditStore::Filter filter;
  if (!request.customer_id().empty()) {
    if (!Uuid::Parse(request.customer_id())) {
      v.Add("customer_id", "not a customer id (a UUID)");
    } else {
      filter.customer_id = absl::AsciiStrToLower(request.customer_id());
    }
  }
  if (request.actor_id().size() > kMaxActorId) {
    v.Add("actor_id", absl::StrCat("at most ", kMaxActorId, " bytes"));
  }
  filter.actor_id = request.actor_id();
  if (request.has_start_time()) {
    if (!ValidTime(request.start_time())) v.Add("start_time", "not a valid timestamp");
    else filter.start_time = TimeUtil::ToString(request.start_time());
  }
  if (request.has_end_time()) {
    if (!ValidTime(request.end_time())) v.Add("end_time", "not a valid timestamp");
    else filter.end_time = TimeUtil::ToString(request.end_time());
  }
  if (request.has_start_time() && request.has_end_time() &&
      TimeUtil::TimestampToMicroseconds(request.end_time()) <=
          TimeUtil::TimestampToMicroseconds(request.start_time())) {
    v.Add("end_time", "must be after start_time");
  }
  v1::ListAccessAuditEntriesRequest shape = request;
  shape.clear_page_size();
  shape.clear_page_token();
  const std::string kind =
      absl::StrCat("access-audit:", grpcx::RequestFingerprint(shape).substr(0, 16));
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), kind);
    if (!cursor || !Uuid::Parse(*cursor)) {
      v.Add("page_token", "not a token of this listing (filters must not change between pages)");
    } else {
      filter.before_entry_id = *cursor;
    }
  }
  if (!v.empty()) return v.ToStatus("invalid audit query");
  const int limit = request.page_size() == 0 ? kDefaultPageSize : request.page_size();
  filter.limit = limit + 1;

  std::vector<AccessAuditStore::Listed> page;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    page = store_.List(tx, filter);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  const bool more = static_cast<int>(page.size()) > limit;
  if (more) page.resize(limit);
  for (AccessAuditStore::Listed& listed : page) {
    listed.entry.mutable_actor()->set_role(RoleOf(listed.actor_roles));
    *response.add_entries() = std::move(listed.entry);
  }
  if (more) {
    response.set_next_page_token(
        grpcx::EncodePageToken(kind, response.entries(response.entries_size() - 1).entry_id()));
  }
  return absl::OkStatus();
}

}  // namespace tmk::contacts
