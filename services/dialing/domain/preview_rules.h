#pragma once
// Preview mode's rules (R17): what an agent's skip does to the previewed lead, and when an
// untouched preview is dialed by itself. Pure; PreviewCalls applies them in its transaction.
//
// The contract (CampaignRuntime.preview_timeout, PreviewOffer.auto_dial_after) says the desktop
// dials after the timeout, 0 meaning never. The dialer enforces it server-side: a preview left
// untouched past its auto-dial time is dialed as if the agent had pressed dial, so a desktop that
// crashed or closed cannot hold a lead (and an agent) forever.
#include <chrono>
#include <optional>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"

namespace tmk::dialing {

// Numeric values equal telemarketing.dialing.v1.SkipReason.
enum class SkipReason { kUnspecified = 0, kLater = 1, kDoNotCallNow = 2, kBadData = 3 };

struct SkipEffect {
  // The lead returns to its schedule untouched: no attempt counted, next attempt unchanged.
  bool give_back = false;
  // The lead stops for a supervisor's review (LEAD_STOP_REASON_MANUAL).
  bool stop_lead = false;
  // The number goes to contacts for list screening (R2) as INVALID_NUMBER.
  bool screen_number = false;
};

// LATER gives the lead back; DO_NOT_CALL_NOW stops it for review; BAD_DATA gives it back and
// screens the number (the hopper then picks another callable number or says why none is left).
// INVALID_ARGUMENT for an unspecified or unknown reason.
absl::StatusOr<SkipEffect> EffectOfSkip(SkipReason reason);

// When a preview offered at `offered` is dialed by itself; none for a zero timeout.
std::optional<TimePoint> AutoDialTime(TimePoint offered, std::chrono::milliseconds timeout);

}  // namespace tmk::dialing
