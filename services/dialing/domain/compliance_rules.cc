#include "services/dialing/domain/compliance_rules.h"

#include <algorithm>

#include "absl/strings/str_cat.h"

namespace tmk::dialing {

std::vector<RuleViolation> ValidateComplianceRules(const ComplianceRules& r) {
  using R = ComplianceRules;
  std::vector<RuleViolation> out;
  if (!(r.max_abandon_target > 0 && r.max_abandon_target <= R::kLegalMaxAbandonTarget)) {
    out.push_back({"max_abandon_target",
                   absl::StrCat("must be in (0, ", R::kLegalMaxAbandonTarget,
                                "]: the legal limit of abandoned calls (R20)")});
  }
  if (!(r.default_abandon_target > 0 && r.default_abandon_target <= r.max_abandon_target)) {
    out.push_back({"default_abandon_target", "must be in (0, max_abandon_target]"});
  }
  if (r.abandon_connect_threshold <= std::chrono::milliseconds(0) ||
      r.abandon_connect_threshold > R::kLegalMaxConnectThreshold) {
    out.push_back({"abandon_connect_threshold",
                   "must be in (0, 2 s]: an answered customer gets an agent within 2 s (R20)"});
  }
  if (r.min_ring_duration < R::kLegalMinRing) {
    out.push_back({"min_ring_duration", "must be at least 15 s (R20)"});
  }
  if (r.abandon_recall_block < R::kLegalMinRecallBlock) {
    out.push_back({"abandon_recall_block", "must be at least 72 h (R20)"});
  }
  if (!(r.max_dial_level >= 1 && r.max_dial_level <= R::kMaxDialLevelCeiling)) {
    out.push_back({"max_dial_level", absl::StrCat("must be in [1, ", R::kMaxDialLevelCeiling, "]")});
  }
  return out;
}

double EffectiveAbandonTarget(const ComplianceRules& rules, double campaign_target) {
  const double target = campaign_target > 0 ? campaign_target : rules.default_abandon_target;
  return std::min(target, rules.max_abandon_target);
}

}  // namespace tmk::dialing
