#pragma once
// The new revision of an updated campaigns resource (AIP-134, R7, R11, R15): an update that
// changes nothing makes no new revision and keeps the update time, so a retried or idempotent
// update publishes nothing; any change takes the next revision, stamped now.
#include <google/protobuf/util/message_differencer.h>

#include "services/common/core/clock.h"
#include "services/common/grpc/proto_conversions.h"

namespace tmk::campaigns {

// Whether `after` differs from `before`; when it does, it now carries the next revision and `now`
// as its update time.
template <typename Resource>
bool Revise(const Resource& before, Resource& after, TimePoint now) {
  if (google::protobuf::util::MessageDifferencer::Equals(after, before)) return false;
  after.set_revision(before.revision() + 1);
  *after.mutable_update_time() = grpcx::ToProtoTime(now);
  return true;
}

}  // namespace tmk::campaigns
