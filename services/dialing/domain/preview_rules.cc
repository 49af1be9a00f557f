#include "services/dialing/domain/preview_rules.h"

namespace tmk::dialing {

absl::StatusOr<SkipEffect> EffectOfSkip(SkipReason reason) {
  SkipEffect effect;
  switch (reason) {
    case SkipReason::kLater:
      effect.give_back = true;
      return effect;
    case SkipReason::kDoNotCallNow:
      effect.stop_lead = true;
      return effect;
    case SkipReason::kBadData:
      effect.give_back = true;
      effect.screen_number = true;
      return effect;
    case SkipReason::kUnspecified:
      break;
  }
  return absl::InvalidArgumentError("a skip needs a reason: LATER, DO_NOT_CALL_NOW or BAD_DATA");
}

std::optional<TimePoint> AutoDialTime(TimePoint offered, std::chrono::milliseconds timeout) {
  if (timeout <= std::chrono::milliseconds(0)) return std::nullopt;
  return offered + timeout;
}

}  // namespace tmk::dialing
