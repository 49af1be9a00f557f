#pragma once
// Power dialing (R17): a fixed number of lines per agent set by the supervisor, e.g. 1.5 keeps
// three calls going for every two agents on the campaign.
#include "absl/status/statusor.h"
#include "services/dialing/domain/dial_policy.h"

namespace tmk::dialing {

class PowerPolicy final : public DialPolicy {
 public:
  // `lines_per_agent` >= 1 (1 is progressive with agents on calls counted as lines).
  static absl::StatusOr<PowerPolicy> Create(double lines_per_agent);

  int CallsToLaunch(const PacingSnapshot& floor) override;

 private:
  explicit PowerPolicy(double lines_per_agent) : lines_per_agent_(lines_per_agent) {}
  double lines_per_agent_;
};

}  // namespace tmk::dialing
