#include "services/campaigns/domain/contact_strategy.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace tmk::campaigns {
namespace {

using std::chrono::hours;
using std::chrono::milliseconds;
using std::chrono::minutes;

constexpr int kMaxAttemptsLimit = 100;  // R20: limits on how often one customer is called
constexpr hours kMaxDelay{24 * 365};
constexpr int kMaxContacts = 1000;

void CheckDelay(milliseconds delay, const std::string& field, Violations& v) {
  if (delay.count() < 0) {
    v.Add(field, "must not be negative");
  } else if (delay > kMaxDelay) {
    v.Add(field, "at most 365 days");
  }
}

void CheckCount(int value, int max, const std::string& field, Violations& v) {
  if (value < 0) {
    v.Add(field, "must not be negative");
  } else if (value > max) {
    v.Add(field, absl::StrCat("at most ", max));
  }
}

void CheckCadenceRule(const CadenceRule& rule, const std::string& at, Violations& v) {
  if (rule.intention_class == IntentionClass::kBuyNow) {
    v.Add(at + ".intention_class",
          "BUY_NOW has no cadence: the order closes the lead and schedules the after-sale check "
          "(after_sale_check_delay)");
  }
  CheckDelay(rule.interval, at + ".interval", v);
  CheckDelay(rule.interval_max, at + ".interval_max", v);
  if (rule.stop_calling) {
    if (rule.interval.count() != 0 || rule.interval_max.count() != 0) {
      v.Add(at + ".interval", "a class with stop_calling has no next contact; leave it unset");
    }
  } else {
    if (rule.interval.count() == 0) {
      v.Add(at + ".interval", "required unless stop_calling: the earliest next contact");
    }
    if (rule.interval_max.count() != 0 && rule.interval_max < rule.interval) {
      v.Add(at + ".interval_max", "must be unset or at least interval");
    }
  }
  if (rule.intention_class == IntentionClass::kDefinitelyNot && !rule.collect_feedback) {
    v.Add(at + ".collect_feedback",
          "DEFINITELY_NOT always collects the reasons and product feedback (R12, R22)");
  }
  CheckCount(rule.expected_contacts_min, kMaxContacts, at + ".expected_contacts_min", v);
  CheckCount(rule.expected_contacts_max, kMaxContacts, at + ".expected_contacts_max", v);
  CheckCount(rule.max_contacts_in_class, kMaxContacts, at + ".max_contacts_in_class", v);
  if (rule.expected_contacts_max > 0 && rule.expected_contacts_min > rule.expected_contacts_max) {
    v.Add(at + ".expected_contacts_min", "must not exceed expected_contacts_max");
  }
}

void CheckRetryRule(const RetryRule& rule, const std::string& at, Violations& v) {
  if (IsScreeningFailure(rule.outcome)) {
    if (rule.max_attempts != 0) {
      v.Add(at + ".max_attempts",
            absl::StrCat(Name(rule.outcome),
                         " is never retried on that contact point: list screening marks it (R2)"));
    }
    return;
  }
  CheckDelay(rule.retry_after, at + ".retry_after", v);
  CheckCount(rule.max_attempts, kMaxAttemptsLimit, at + ".max_attempts", v);
  if (rule.max_attempts > 0 && rule.retry_after.count() == 0) {
    v.Add(at + ".retry_after", "required when the outcome is retried: no immediate redial (R20)");
  }
  if (rule.outcome == CallOutcome::kAbandoned && rule.max_attempts > 0 &&
      rule.retry_after < StrategyDefaults::kMinAbandonedRetry) {
    v.Add(at + ".retry_after",
          "at least 72h: a customer who got a silent call is not called again sooner (R20)");
  }
}

}  // namespace

std::vector<CadenceRule> DefaultCadenceRules() {
  std::vector<CadenceRule> rules(4);
  rules[0].intention_class = IntentionClass::kInterested;
  rules[0].interval = hours(48);
  rules[0].expected_contacts_min = 3;
  rules[0].expected_contacts_max = 5;
  rules[1].intention_class = IntentionClass::kConsidering;
  rules[1].interval = hours(84);
  rules[1].expected_contacts_min = 4;
  rules[1].expected_contacts_max = 7;
  rules[2].intention_class = IntentionClass::kNotNow;
  rules[2].interval = hours(24 * 14);
  rules[2].interval_max = hours(24 * 21);
  rules[3].intention_class = IntentionClass::kDefinitelyNot;
  rules[3].stop_calling = true;
  rules[3].collect_feedback = true;
  return rules;
}

std::vector<RetryRule> DefaultRetryRules() {
  return {
      {CallOutcome::kNoAnswer, hours(2), 5},
      {CallOutcome::kBusy, minutes(15), 3},
      {CallOutcome::kInvalidNumber, milliseconds(0), 0},
      {CallOutcome::kWrongParty, milliseconds(0), 0},
      {CallOutcome::kMachine, hours(4), 3},
      {CallOutcome::kAbandoned, StrategyDefaults::kMinAbandonedRetry, 3},
      {CallOutcome::kNetworkFailure, minutes(5), 3},
  };
}

ContactStrategy WithDefaults(ContactStrategy strategy) {
  for (const CadenceRule& rule : DefaultCadenceRules()) {
    bool present = false;
    for (const CadenceRule& given : strategy.cadence_rules) {
      present = present || given.intention_class == rule.intention_class;
    }
    if (!present) strategy.cadence_rules.push_back(rule);
  }
  for (const RetryRule& rule : DefaultRetryRules()) {
    bool present = false;
    for (const RetryRule& given : strategy.retry_rules) {
      present = present || given.outcome == rule.outcome;
    }
    if (!present) strategy.retry_rules.push_back(rule);
  }
  if (strategy.max_attempts == 0) strategy.max_attempts = StrategyDefaults::kMaxAttempts;
  if (strategy.after_sale_check_delay.count() == 0) {
    strategy.after_sale_check_delay = StrategyDefaults::kAfterSaleCheckDelay;
  }
  if (strategy.callback_grace.count() == 0) {
    strategy.callback_grace = StrategyDefaults::kCallbackGrace;
  }
  return strategy;
}

void CheckContactStrategy(const ContactStrategy& strategy, std::string_view field,
                          Violations& v) {
  const std::string base(field);
  std::map<IntentionClass, size_t> classes;
  for (size_t i = 0; i < strategy.cadence_rules.size(); ++i) {
    const CadenceRule& rule = strategy.cadence_rules[i];
    const std::string at = absl::StrCat(base, ".cadence_rules[", i, "]");
    if (!IsKnown(rule.intention_class)) {
      v.Add(at + ".intention_class", "unspecified or unknown intention class");
    } else if (auto [it, added] = classes.emplace(rule.intention_class, i); !added) {
      v.Add(at + ".intention_class", absl::StrCat(Name(rule.intention_class),
                                                  " already has a rule in ", base,
                                                  ".cadence_rules[", it->second, "]"));
    }
    CheckCadenceRule(rule, at, v);
  }
  std::map<CallOutcome, size_t> outcomes;
  for (size_t i = 0; i < strategy.retry_rules.size(); ++i) {
    const RetryRule& rule = strategy.retry_rules[i];
    const std::string at = absl::StrCat(base, ".retry_rules[", i, "]");
    if (!IsRetryable(rule.outcome) && !IsScreeningFailure(rule.outcome)) {
      v.Add(at + ".outcome",
            absl::StrCat(Name(rule.outcome),
                         " is not an outcome that missed the customer (reached customers follow "
                         "the cadence, callbacks the customer's time)"));
      continue;
    }
    if (auto [it, added] = outcomes.emplace(rule.outcome, i); !added) {
      v.Add(at + ".outcome", absl::StrCat(Name(rule.outcome), " already has a rule in ", base,
                                          ".retry_rules[", it->second, "]"));
    }
    CheckRetryRule(rule, at, v);
  }
  CheckCount(strategy.max_attempts, kMaxAttemptsLimit, base + ".max_attempts", v);
  CheckDelay(strategy.after_sale_check_delay, base + ".after_sale_check_delay", v);
  CheckDelay(strategy.callback_grace, base + ".callback_grace", v);
}

}  // namespace tmk::campaigns
