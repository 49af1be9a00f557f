#include "services/contacts/api/customer_change_writer.h"

#include <google/protobuf/util/json_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/contacts/api/customer_snapshot_event.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

ChangeAuthor AuthorOf(const auth::Principal& who, const std::string& region,
                      const telemarketing::common::v1::ChangeContext& context) {
  ChangeAuthor author;
  author.actor = grpcx::ActorOf(who, region);
  // R3: a service forwarding an agent's wrap-up names the agent; only a service may (actor.proto).
  if (who.HasRole(auth::Role::kSystem) && !context.on_behalf_of_agent_id().empty()) {
    author.actor.set_actor_id(context.on_behalf_of_agent_id());
    author.actor.set_role(telemarketing::common::v1::ROLE_AGENT);
  }
  author.call_id = context.call_id();
  author.campaign_id = context.campaign_id();
  author.reason = context.reason();
  author.origin = auth::HasAnyRole(who, {auth::Role::kAgent}) ? v1::CHANGE_ORIGIN_AGENT
                                                               : v1::CHANGE_ORIGIN_API;
  if (who.HasRole(auth::Role::kSystem) && !context.call_id().empty()) {
    author.origin = v1::CHANGE_ORIGIN_CALL_OUTCOME;
  }
  return author;
}

absl::Status CheckOwned(const v1::Customer& customer, const std::string& region) {
  if (!customer.replica() && customer.region_id() == region) return absl::OkStatus();
  return WithReason(absl::FailedPreconditionError(absl::StrCat(
                        "customer ", customer.customer_id(), " is owned by region '",
                        customer.region_id(), "'; send ProposeCustomerUpdate to the owner instead")),
                    "NOT_OWNER", {{"owner_region_id", customer.region_id()}});
}

void StampStatus(const std::string& call_id, TimePoint now, v1::ContactPoint& point) {
  point.clear_status_reason();
  point.set_status_call_id(call_id);
  *point.mutable_status_update_time() = grpcx::ToProtoTime(now);
}

absl::Status CustomerChangeWriter::Commit(pqxx::work& tx, const ChangeAuthor& author,
                                          const std::vector<ProfileFieldChange>& changes,
                                          v1::Customer& after) const {
  std::vector<AuthoredChange> authored;
  for (const ProfileFieldChange& change : changes) authored.push_back({author, change});
  return Commit(tx, authored, after);
}

absl::Status CustomerChangeWriter::Commit(pqxx::work& tx,
                                          const std::vector<AuthoredChange>& changes,
                                          v1::Customer& after) const {
  TimePoint now = clock_.Now();
  HlcTimestamp stamp = hlc_.Now();
  *after.mutable_hlc() = grpcx::ToProtoHlc(stamp);
  *after.mutable_update_time() = grpcx::ToProtoTime(now);
  after.set_etag(absl::StrCat(stamp.wall_millis, ".", stamp.logical));
  customers_.Update(tx, after);

  for (const auto& [author, change] : changes) {
    v1::ProfileChange row;
    row.set_change_id(NewId(clock_));
    row.set_customer_id(after.customer_id());
    row.set_field_path(change.field_path);
    if (!google::protobuf::util::JsonStringToMessage(change.old_value, row.mutable_old_value())
             .ok() ||
        !google::protobuf::util::JsonStringToMessage(change.new_value, row.mutable_new_value())
             .ok()) {
      return absl::InternalError("a profile change value is not JSON");
    }
    *row.mutable_actor() = author.actor;
    row.set_call_id(author.call_id);
    row.set_campaign_id(author.campaign_id);
    row.set_reason(author.reason);
    *row.mutable_change_time() = grpcx::ToProtoTime(now);
    *row.mutable_hlc() = after.hlc();
    row.set_origin(author.origin);
    row.set_region_id(region_);
    history_.Append(tx, row);
  }
  events::AppendToOutbox(tx, CustomerSnapshotEvent(tx, after, region_, clock_));
  return absl::OkStatus();
}

}  // namespace tmk::contacts
