#pragma once
// The region's compliance guards as the dialer enforces them (R20): the legal floors and ceilings
// nobody may loosen, and the defaults a fresh installation starts with. Campaigns set their own
// abandon target (CampaignRuntime) inside `max_abandon_target`; calling hours and frequency caps
// are campaigns' ContactPolicy. Pure: the API maps the proto to this and back.
#include <chrono>
#include <string>
#include <utility>
#include <vector>

namespace tmk::dialing {

struct ComplianceRules {
  // The law's bounds (R20): a setting beyond them is refused, never clamped.
  static constexpr double kLegalMaxAbandonTarget = 0.03;
  static constexpr std::chrono::seconds kLegalMinRing{15};
  static constexpr std::chrono::hours kLegalMinRecallBlock{72};
  static constexpr std::chrono::seconds kLegalMaxConnectThreshold{2};
  static constexpr double kMaxDialLevelCeiling = 5.0;

  double default_abandon_target = kLegalMaxAbandonTarget;
  double max_abandon_target = kLegalMaxAbandonTarget;
  std::chrono::milliseconds abandon_connect_threshold = kLegalMaxConnectThreshold;
  std::chrono::milliseconds min_ring_duration = kLegalMinRing;
  std::chrono::milliseconds abandon_recall_block = kLegalMinRecallBlock;
  bool abandon_message_required = true;
  bool recording_notice_required = true;
  double max_dial_level = 3.0;
};

struct RuleViolation {
  std::string field;  // the ComplianceSettings field, e.g. "min_ring_duration"
  std::string description;
};

// Every setting looser than the law or inconsistent with another; empty when all are valid.
std::vector<RuleViolation> ValidateComplianceRules(const ComplianceRules& rules);

// The abandon target a campaign runs with: its own when set (> 0), else the region's default;
// never above the region's ceiling.
double EffectiveAbandonTarget(const ComplianceRules& rules, double campaign_target);

}  // namespace tmk::dialing
