#pragma once
// R20 for every automatic dial mode, not only predictive: however many calls a campaign's policy
// wants (power at a fixed ratio, the adaptive level, predictive), the calls in flight stay within
// what the abandon budget of the rolling 24 h and 30 days can absorb (AbandonGuard). With the
// budget spent the campaign is on hold: it dials at level 1 only — one call per free agent, so an
// answered call always finds its agent — until answers without abandons bring the rate back under
// target.
#include "services/dialing/domain/abandon_guard.h"
#include "services/dialing/domain/dial_policy.h"

namespace tmk::dialing {

struct LaunchLimit {
  int launches = 0;
  bool compliance_hold = false;  // the budget is spent (DIALING_STATE_COMPLIANCE_HOLD)
};

LaunchLimit LimitToAbandonBudget(const PacingSnapshot& floor, int wanted,
                                 const AbandonGuard& guard);

}  // namespace tmk::dialing
