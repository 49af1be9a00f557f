#include "services/dialing/domain/system_disposition.h"

namespace tmk::dialing {
namespace {

using campaigns::SchedulingEffect;

bool NeedsNoAgent(const campaigns::Disposition& d) {
  return !d.retired && !d.requires_order && !d.requires_feedback &&
         (d.effect == SchedulingEffect::kRetry || d.effect == SchedulingEffect::kStop ||
          d.effect == SchedulingEffect::kNextContactPoint);
}

}  // namespace

campaigns::Disposition SystemDisposition(campaigns::CallOutcome outcome,
                                         const campaigns::DispositionSet& set) {
  for (const campaigns::Disposition& d : set.dispositions) {
    if (d.outcome == outcome && NeedsNoAgent(d)) return d;
  }
  campaigns::Disposition d;
  d.code = "SYSTEM_" + campaigns::Name(outcome);
  d.display_name = d.code;
  d.outcome = outcome;
  d.effect = campaigns::IsScreeningFailure(outcome) ? SchedulingEffect::kNextContactPoint
                                                    : SchedulingEffect::kRetry;
  return d;
}

}  // namespace tmk::dialing
