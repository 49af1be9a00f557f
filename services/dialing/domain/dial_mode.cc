#include "services/dialing/domain/dial_mode.h"

#include "services/dialing/domain/pacing_controller.h"
#include "services/dialing/domain/power_policy.h"
#include "services/dialing/domain/progressive_policy.h"

namespace tmk::dialing {

bool IsPaced(DialMode mode) {
  return mode == DialMode::kProgressive || mode == DialMode::kPower ||
         mode == DialMode::kPredictive;
}

absl::StatusOr<std::unique_ptr<DialPolicy>> MakeDialPolicy(DialMode mode, double power_ratio) {
  switch (mode) {
    case DialMode::kProgressive:
      return std::unique_ptr<DialPolicy>(std::make_unique<ProgressivePolicy>());
    case DialMode::kPower: {
      absl::StatusOr<PowerPolicy> power = PowerPolicy::Create(power_ratio);
      if (!power.ok()) return power.status();
      return std::unique_ptr<DialPolicy>(std::make_unique<PowerPolicy>(*std::move(power)));
    }
    case DialMode::kPredictive: {
      absl::StatusOr<PacingController> controller = PacingController::Create({});
      if (!controller.ok()) return controller.status();
      return std::unique_ptr<DialPolicy>(
          std::make_unique<PacingController>(*std::move(controller)));
    }
    default:
      return absl::InvalidArgumentError("the dialer paces only progressive, power and predictive");
  }
}

}  // namespace tmk::dialing
