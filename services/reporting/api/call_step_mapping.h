#pragma once
// tm.calls.v1 CallEvent -> the domain's CallStep (R26, R27).
#include "absl/status/statusor.h"
#include "services/reporting/domain/call_step.h"
#include "telemarketing/events/v1/call_events.pb.h"

namespace tmk::reporting {

// INVALID_ARGUMENT for an event that can never be folded (no call id, sequence or step).
absl::StatusOr<CallStep> ToCallStep(const telemarketing::events::v1::CallEvent& event);

}  // namespace tmk::reporting
