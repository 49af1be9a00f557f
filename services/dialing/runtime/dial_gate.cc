#include "services/dialing/runtime/dial_gate.h"

#include <map>

#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "absl/time/time.h"
#include "services/common/calendar/local_date_time.h"
#include "services/common/core/status_details.h"
#include "services/dialing/api/campaign_dialing_rules.h"
#include "services/dialing/api/compliance_settings_mapping.h"
#include "services/dialing/domain/customer_contact_facts.h"
#include "telemarketing/dialing/v1/hopper.pb.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

ComplianceRules DialGate::Rules(pqxx::work& tx) const {
  return RegionRules(tx, settings_, region_);
}

absl::StatusOr<DialVerdict> DialGate::Check(pqxx::work& tx, const DialAttempt& a,
                                            const ComplianceRules& rules) const {
  absl::StatusOr<CampaignDialingRules> campaign = LoadCampaignRules(tx, campaigns_, a.campaign_id);
  if (!campaign.ok()) return campaign.status();
  const auto customers = customers_.Find(tx, {a.customer_id});
  const auto found = customers.find(a.customer_id);
  const CustomerProjection* customer = found == customers.end() ? nullptr : &found->second;
  const auto counts = calls_.Counts(tx, {a.customer_id}, a.now, a.lead_id);

  DialComplianceContext c;
  c.now = a.now;
  c.calendars = campaign->CalendarsFor(customer ? customer->kind : 0);
  c.zone = calendar::ResolveTimeZone(customer ? customer->time_zone : std::string(),
                                     campaign->windows.fallback_time_zone);
  const CustomerContactFacts facts = customer ? customer->facts : CustomerContactFacts{};
  c.customer = a.contact_point_id.empty()
                   ? EvaluateCustomer(facts, campaign->purpose, campaign->region, a.campaign_id,
                                      a.now)
                         .callability
                   : EvaluatePhone(facts, a.contact_point_id, campaign->purpose,
                                   campaign->region, a.campaign_id, a.now)
                         .callability;
  if (auto count = counts.find(a.customer_id); count != counts.end()) c.counts = count->second;
  c.frequency_cap = campaign->policy.frequency_cap;
  c.abandon_recall_block = rules.abandon_recall_block;
  c.agent_reserved = a.agent_reserved;
  return CheckDialCompliance(c);
}

void DialGate::Refuse(pqxx::work& tx, const std::string& lead_id, const Blocked& why,
                      TimePoint now) const {
  hopper_.EvictLead(tx, lead_id);
  leads_.Hold(tx, {{lead_id, why.reason, why.until.value_or(now + std::chrono::hours(1))}});
}

absl::Status DialGate::Refusal(const Blocked& why) {
  constexpr absl::string_view kPrefix = "HOPPER_BLOCK_REASON_";
  std::string reason = v1::HopperBlockReason_Name(static_cast<v1::HopperBlockReason>(why.reason));
  if (absl::StartsWith(reason, kPrefix)) reason.erase(0, kPrefix.size());
  std::map<std::string, std::string> metadata;
  if (why.until) {
    metadata["retry_after"] = absl::FormatTime(absl::RFC3339_sec, absl::FromChrono(*why.until),
                                               absl::UTCTimeZone());
  }
  return WithReason(absl::FailedPreconditionError(
                        absl::StrCat("the dial is not allowed now: ", DescribeBlock(why.reason))),
                    reason, metadata);
}

}  // namespace tmk::dialing
