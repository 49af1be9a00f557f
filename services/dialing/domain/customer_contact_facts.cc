#include "services/dialing/domain/customer_contact_facts.h"

#include <algorithm>

namespace tmk::dialing {
namespace {

using contacts::NonCallableReason;

bool IsDncReason(NonCallableReason r) {
  return r == NonCallableReason::kDncGlobal || r == NonCallableReason::kDncRegion ||
         r == NonCallableReason::kDncCampaign;
}

bool IsConsentReason(NonCallableReason r) {
  return r == NonCallableReason::kConsentWithdrawn || r == NonCallableReason::kConsentAbsent;
}

// The facts contacts' rule needs for one phone: its status, the entries naming the customer or
// this number, and the customer's consent history for voice and the purpose.
contacts::CallableFacts PhoneFacts(const CustomerContactFacts& facts, const ProjectedPhone& phone,
                                   contacts::ContactPurpose purpose) {
  contacts::CallableFacts out;
  out.status = static_cast<contacts::PointStatus>(phone.status);
  for (size_t i = 0; i < facts.dnc.size(); ++i) {
    const std::string& number = facts.dnc_numbers[i];
    if (number.empty() || (!phone.e164.empty() && number == phone.e164)) {
      out.dnc.push_back(facts.dnc[i]);
    }
  }
  for (const CustomerContactFacts::Consent& c : facts.consents) {
    const bool voice = c.channel == contacts::ContactChannel::kVoice ||
                       c.channel == contacts::ContactChannel::kUnspecified;
    if (voice && c.purpose == purpose) out.consents.push_back(c.fact);
  }
  return out;
}

}  // namespace

CustomerVerdict EvaluateCustomer(const CustomerContactFacts& facts,
                                 contacts::ContactPurpose purpose, const std::string& region,
                                 const std::string& campaign_id, TimePoint now) {
  CustomerVerdict verdict;
  verdict.callability = {false, HopperBlockReason::kNoValidContactPoint};
  if (!facts.known) return verdict;
  const contacts::CallableCheck check{purpose, contacts::ContactChannel::kVoice, region,
                                      campaign_id, now};
  bool dnc = false;
  bool consent = false;
  for (const ProjectedPhone& phone : facts.phones) {
    const contacts::CallableVerdict v =
        contacts::EvaluateCallable(PhoneFacts(facts, phone, purpose), check);
    if (v.callable) {
      verdict.callability = {true, HopperBlockReason::kUnspecified};
      verdict.contact_point_id = phone.contact_point_id;
      return verdict;
    }
    // A screened-out number (R2) would not be dialed anyway: its DNC or consent reasons do not
    // make the customer's reason.
    if (!IsDialable(phone.status)) continue;
    for (NonCallableReason r : v.reasons) {
      dnc = dnc || IsDncReason(r);
      consent = consent || IsConsentReason(r);
    }
  }
  if (dnc) {
    verdict.callability.reason = HopperBlockReason::kDoNotCall;
  } else if (consent) {
    verdict.callability.reason = HopperBlockReason::kNoConsent;
  }
  return verdict;
}

CustomerVerdict EvaluatePhone(const CustomerContactFacts& facts,
                              const std::string& contact_point_id,
                              contacts::ContactPurpose purpose, const std::string& region,
                              const std::string& campaign_id, TimePoint now) {
  CustomerVerdict verdict;
  verdict.callability = {false, HopperBlockReason::kNoValidContactPoint};
  const auto phone =
      std::find_if(facts.phones.begin(), facts.phones.end(), [&](const ProjectedPhone& p) {
        return p.contact_point_id == contact_point_id;
      });
  if (!facts.known || phone == facts.phones.end() || !IsDialable(phone->status)) return verdict;
  const contacts::CallableVerdict v = contacts::EvaluateCallable(
      PhoneFacts(facts, *phone, purpose),
      {purpose, contacts::ContactChannel::kVoice, region, campaign_id, now});
  if (v.callable) {
    verdict.callability = {true, HopperBlockReason::kUnspecified};
    verdict.contact_point_id = contact_point_id;
    return verdict;
  }
  for (NonCallableReason r : v.reasons) {
    if (IsDncReason(r)) {
      verdict.callability.reason = HopperBlockReason::kDoNotCall;
      return verdict;
    }
    if (IsConsentReason(r)) verdict.callability.reason = HopperBlockReason::kNoConsent;
  }
  return verdict;
}

contacts::ContactPurpose PurposeOfCampaignType(int campaign_type) {
  switch (campaign_type) {
    case 2:   // FOLLOW_UP_VISIT
    case 7:   // VIP_CARE
    case 10:  // ORDER_CONFIRMATION
      return contacts::ContactPurpose::kService;
    case 3:  // MARKET_SURVEY
    case 4:  // SATISFACTION_SURVEY
      return contacts::ContactPurpose::kSurvey;
    case 8:  // INFORMATION_COLLECTION
      return contacts::ContactPurpose::kInformationCollection;
    default:  // RETENTION, PROMOTION, CROSS_UP_SELL, LEAD_FOLLOW_UP and anything unknown: the
              // strictest rule, consent required.
      return contacts::ContactPurpose::kMarketing;
  }
}

int VipPriorityBonus(int vip_tier) { return vip_tier >= 3 ? 10 : 0; }

}  // namespace tmk::dialing
