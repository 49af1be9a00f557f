#include "services/campaigns/api/contact_strategy_mapping.h"

#include "services/campaigns/store/duration_mapping.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
namespace common = telemarketing::common::v1;

ContactStrategy ToDomain(const v1::ContactStrategy& strategy) {
  ContactStrategy out;
  for (const v1::CadenceRule& r : strategy.cadence_rules()) {
    CadenceRule rule;
    rule.intention_class = static_cast<IntentionClass>(r.intention_class());
    rule.interval = ToMillis(r.interval());
    rule.interval_max = ToMillis(r.interval_max());
    rule.expected_contacts_min = r.expected_contacts_min();
    rule.expected_contacts_max = r.expected_contacts_max();
    rule.max_contacts_in_class = r.max_contacts_in_class();
    rule.stop_calling = r.stop_calling();
    rule.collect_feedback = r.collect_feedback();
    out.cadence_rules.push_back(rule);
  }
  for (const v1::RetryRule& r : strategy.retry_rules()) {
    out.retry_rules.push_back(
        {static_cast<CallOutcome>(r.outcome()), ToMillis(r.retry_after()), r.max_attempts()});
  }
  out.max_attempts = strategy.max_attempts();
  out.after_sale_check_delay = ToMillis(strategy.after_sale_check_delay());
  out.callback_grace = ToMillis(strategy.callback_grace());
  return out;
}

v1::ContactStrategy ToProto(const ContactStrategy& strategy) {
  v1::ContactStrategy out;
  for (const CadenceRule& rule : strategy.cadence_rules) {
    v1::CadenceRule* r = out.add_cadence_rules();
    r->set_intention_class(static_cast<common::IntentionClass>(rule.intention_class));
    // Unset stays unset: a zero duration is "no interval" in the contract.
    if (rule.interval.count() != 0) *r->mutable_interval() = ToProtoDuration(rule.interval);
    if (rule.interval_max.count() != 0) {
      *r->mutable_interval_max() = ToProtoDuration(rule.interval_max);
    }
    r->set_expected_contacts_min(rule.expected_contacts_min);
    r->set_expected_contacts_max(rule.expected_contacts_max);
    r->set_max_contacts_in_class(rule.max_contacts_in_class);
    r->set_stop_calling(rule.stop_calling);
    r->set_collect_feedback(rule.collect_feedback);
  }
  for (const RetryRule& rule : strategy.retry_rules) {
    v1::RetryRule* r = out.add_retry_rules();
    r->set_outcome(static_cast<common::CallOutcome>(rule.outcome));
    if (rule.retry_after.count() != 0) {
      *r->mutable_retry_after() = ToProtoDuration(rule.retry_after);
    }
    r->set_max_attempts(rule.max_attempts);
  }
  out.set_max_attempts(strategy.max_attempts);
  *out.mutable_after_sale_check_delay() = ToProtoDuration(strategy.after_sale_check_delay);
  *out.mutable_callback_grace() = ToProtoDuration(strategy.callback_grace);
  return out;
}

}  // namespace tmk::campaigns
