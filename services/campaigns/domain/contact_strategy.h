#pragma once
// How a campaign follows up its leads (R12, R13, R17, R20): cadence by intention class for
// reached customers, retries by outcome for attempts that did not reach them, and attempt limits.
// Mirrors telemarketing.campaigns.v1 cadence.proto; every default there lives here.
#include <chrono>
#include <string_view>
#include <vector>

#include "services/campaigns/domain/sales_vocabulary.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {

struct CadenceRule {
  IntentionClass intention_class = IntentionClass::kUnspecified;
  std::chrono::milliseconds interval{0};
  std::chrono::milliseconds interval_max{0};  // 0 or equal to interval: a fixed gap
  int expected_contacts_min = 0;
  int expected_contacts_max = 0;
  int max_contacts_in_class = 0;  // 0: no limit
  bool stop_calling = false;
  bool collect_feedback = false;
};

struct RetryRule {
  CallOutcome outcome = CallOutcome::kUnspecified;
  std::chrono::milliseconds retry_after{0};
  int max_attempts = 0;  // 0: never retried
};

struct ContactStrategy {
  std::vector<CadenceRule> cadence_rules;
  std::vector<RetryRule> retry_rules;
  int max_attempts = 0;                                  // 0: the default
  std::chrono::milliseconds after_sale_check_delay{0};  // 0: the default
  std::chrono::milliseconds callback_grace{0};          // 0: the default
};

struct StrategyDefaults {
  static constexpr int kMaxAttempts = 12;
  // R13: the after-sale check call "e.g. two days later".
  static constexpr std::chrono::hours kAfterSaleCheckDelay{48};
  static constexpr std::chrono::hours kCallbackGrace{2};
  // R20: a customer who got a silent (abandoned) call is not called again for 72 hours.
  static constexpr std::chrono::hours kMinAbandonedRetry{72};
};

// R12 defaults: INTERESTED every 48 h, 3-5 contacts; CONSIDERING every 84 h (twice a week), 4-7
// contacts; NOT_NOW every 14-21 days; DEFINITELY_NOT stop calling and collect feedback. BUY_NOW
// has no cadence: the order closes the lead and schedules the after-sale check.
std::vector<CadenceRule> DefaultCadenceRules();
// R17/R20 defaults: BUSY 15 min x 3, NO_ANSWER 2 h x 5, MACHINE 4 h x 3, NETWORK_FAILURE
// 5 min x 3, ABANDONED 72 h x 3 (the contract names no count; three as for the other transient
// outcomes, R20 demands only the gap), INVALID_NUMBER and WRONG_PARTY never retried (R2).
// HUNG_UP has no default in the contract: without a rule it is not retried.
std::vector<RetryRule> DefaultRetryRules();

// The strategy with every missing piece from the defaults: cadence rules for intention classes
// and retry rules for outcomes that have none (appended, so the given rules keep their positions
// and field paths), and zero scalars replaced. Given rules are never changed.
ContactStrategy WithDefaults(ContactStrategy strategy);

// Every problem, under `field` (e.g. "campaign.contact_strategy"):
//  cadence: a known intention class, at most one rule per class, none for BUY_NOW (it closes with
//    an order); a rule that keeps calling needs an interval > 0 and interval_max 0 or >= interval,
//    a stopping rule has no interval; DEFINITELY_NOT always collects feedback (R12, R22: the
//    reasons go to the product team); counts not negative, expected min <= max when max is set.
//  retry: an outcome that did not reach the customer, at most one rule per outcome; a retried
//    outcome needs retry_after > 0 (no immediate redial, R20); ABANDONED never under 72 h (R20);
//    INVALID_NUMBER / WRONG_PARTY never retried (R2); max_attempts 0-100.
//  max_attempts 0-100; after_sale_check_delay and callback_grace not negative, at most 365 days.
void CheckContactStrategy(const ContactStrategy& strategy, std::string_view field,
                          Violations& violations);

}  // namespace tmk::campaigns
