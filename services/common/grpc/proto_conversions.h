#pragma once
// Conversions between the runtime's plain types and the shared protobuf ones, written once for
// every service's gRPC layer.
#include <google/protobuf/timestamp.pb.h>

#include "services/common/auth/principal.h"
#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "telemarketing/common/v1/actor.pb.h"
#include "telemarketing/common/v1/hlc.pb.h"

namespace tmk::grpcx {

google::protobuf::Timestamp ToProtoTime(TimePoint time);
TimePoint FromProtoTime(const google::protobuf::Timestamp& time);

telemarketing::common::v1::HlcTimestamp ToProtoHlc(const HlcTimestamp& stamp);
HlcTimestamp FromProtoHlc(const telemarketing::common::v1::HlcTimestamp& stamp);

// The capacity a change was made in, for audit records (R3, R6): the strongest role held.
telemarketing::common::v1::Role ToProtoRole(const auth::Principal& who);
// Who made a change: the principal's subject and capacity, in this region.
telemarketing::common::v1::Actor ActorOf(const auth::Principal& who, const std::string& region);

}  // namespace tmk::grpcx
