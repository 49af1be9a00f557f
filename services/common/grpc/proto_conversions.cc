#include "services/common/grpc/proto_conversions.h"

#include <google/protobuf/util/time_util.h>

namespace tmk::grpcx {
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;

google::protobuf::Timestamp ToProtoTime(TimePoint time) {
  return TimeUtil::MicrosecondsToTimestamp(
      std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count());
}

TimePoint FromProtoTime(const google::protobuf::Timestamp& time) {
  return TimePoint(std::chrono::microseconds(TimeUtil::TimestampToMicroseconds(time)));
}

common::HlcTimestamp ToProtoHlc(const HlcTimestamp& stamp) {
  common::HlcTimestamp out;
  out.set_wall_time_millis(stamp.wall_millis);
  out.set_logical(stamp.logical);
  out.set_node(stamp.node);
  return out;
}

HlcTimestamp FromProtoHlc(const common::HlcTimestamp& stamp) {
  return HlcTimestamp{stamp.wall_time_millis(), stamp.logical(), stamp.node()};
}

common::Role ToProtoRole(const auth::Principal& who) {
  using auth::Role;
  if (who.HasRole(Role::kAdmin)) return common::ROLE_ADMIN;
  if (who.HasRole(Role::kSupervisor)) return common::ROLE_SUPERVISOR;
  if (who.HasRole(Role::kQaAnalyst)) return common::ROLE_QA_ANALYST;
  if (who.HasRole(Role::kAgent)) return common::ROLE_AGENT;
  if (who.HasRole(Role::kIntegrator)) return common::ROLE_INTEGRATOR;
  if (who.HasRole(Role::kSystem)) return common::ROLE_SYSTEM;
  return common::ROLE_UNSPECIFIED;
}

common::Actor ActorOf(const auth::Principal& who, const std::string& region) {
  common::Actor actor;
  actor.set_actor_id(who.subject);
  actor.set_role(ToProtoRole(who));
  actor.set_region_id(region);
  return actor;
}

}  // namespace tmk::grpcx
