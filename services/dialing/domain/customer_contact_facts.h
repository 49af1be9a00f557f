#pragma once
// What dialing's projection of contacts events knows about one customer (R2, R6, R10, R19), and
// the verdict the hopper needs from it: whether the customer may be called for the campaign now,
// on which phone, and if not the one reason the hopper counts. The per-number rules are contacts'
// own (contacts::EvaluateCallable), applied to the projected facts, so dialing never disagrees
// with contacts' callability check.
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/contacts/domain/callability.h"
#include "services/dialing/domain/lead_eligibility.h"
#include "services/dialing/domain/lead_vocabulary.h"

namespace tmk::dialing {

struct ProjectedPhone {
  std::string contact_point_id;
  ContactPointStatus status = ContactPointStatus::kUnverified;
  std::string e164;  // empty when the snapshot withheld the number
};

// One customer as the projection holds it. `dnc` holds the entries naming the customer or one of
// its numbers; `consents` the latest decision per channel and purpose.
struct CustomerContactFacts {
  bool known = false;  // false: no snapshot yet (or a tombstone)
  std::vector<ProjectedPhone> phones;  // contacts' rank, primary first
  std::vector<contacts::DncFact> dnc;
  std::vector<std::string> dnc_numbers;  // e164 of each `dnc` entry; empty for a customer entry
  struct Consent {
    contacts::ContactChannel channel = contacts::ContactChannel::kUnspecified;
    contacts::ContactPurpose purpose = contacts::ContactPurpose::kUnspecified;
    contacts::ConsentFact fact;
  };
  std::vector<Consent> consents;
};

struct CustomerVerdict {
  CustomerCallability callability;
  // The best callable phone (the first in rank contacts allows); empty when not callable.
  std::string contact_point_id;
};

// The customer's callability for a voice call of `purpose` by `campaign_id` in `region` at `now`.
// Reasons, when no phone may be called: DO_NOT_CALL when a do-not-call entry blocks a number that
// list screening allows, else NO_CONSENT when consent does, else NO_VALID_CONTACT_POINT (no
// phones, every phone screened out, or no snapshot yet).
CustomerVerdict EvaluateCustomer(const CustomerContactFacts& facts,
                                 contacts::ContactPurpose purpose, const std::string& region,
                                 const std::string& campaign_id, TimePoint now);

// The same judgement of one phone the caller chose (R2, R6, R17): an agent's preview or manual
// dial rings that number, not the customer's best one. NO_VALID_CONTACT_POINT when it is not a
// phone of the customer or list screening marked it; else DO_NOT_CALL or NO_CONSENT as above.
CustomerVerdict EvaluatePhone(const CustomerContactFacts& facts,
                              const std::string& contact_point_id,
                              contacts::ContactPurpose purpose, const std::string& region,
                              const std::string& campaign_id, TimePoint now);

// The purpose a campaign of this telemarketing.common.v1.CampaignType calls for (R6, R7):
// selling needs explicit consent, service calls and surveys rest on the relationship.
contacts::ContactPurpose PurposeOfCampaignType(int campaign_type);

// Lead priority for a customer of this telemarketing.contacts.v1.VipTier: gold card and above
// get +10 on top of the priority the list was loaded with (R19, LoadLeadsRequest.priority).
int VipPriorityBonus(int vip_tier);

}  // namespace tmk::dialing
