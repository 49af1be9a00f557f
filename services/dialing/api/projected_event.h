#pragma once
// Reading another service's event for one of dialing's projections (campaigns, contacts): the
// payload must parse and carry an HLC, the projections' only order (R32: never wall time).
#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/common/core/hlc.h"
#include "services/common/events/consumed_event.h"
#include "telemarketing/common/v1/hlc.pb.h"

namespace tmk::dialing {

inline HlcTimestamp HlcOf(const telemarketing::common::v1::HlcTimestamp& hlc) {
  return HlcTimestamp{hlc.wall_time_millis(), hlc.logical(), hlc.node()};
}

// INVALID_ARGUMENT (never retried) when the payload does not parse or has no hlc.
template <typename Message>
absl::Status ParseStamped(const events::ConsumedEvent& event, Message& message) {
  if (!message.ParseFromString(event.payload)) {
    return absl::InvalidArgumentError(
        absl::StrCat(event.type, " payload does not parse (ce_id ", event.id, ")"));
  }
  if (!message.has_hlc()) {
    return absl::InvalidArgumentError(
        absl::StrCat(event.type, " without an hlc (ce_id ", event.id, ")"));
  }
  return absl::OkStatus();
}

}  // namespace tmk::dialing
