#pragma once
// PostgreSQL access for the hopper (R17, R20): the ready leads of each campaign, the only place
// with their SQL. The rule that keeps a crashed dialer honest lives here:
//  - a lead enters the hopper in the transaction that marks it QUEUED;
//  - Take removes one entry with FOR UPDATE SKIP LOCKED (two workers never take the same lead)
//    and, in the same transaction, marks the lead IN_PROGRESS, counts the attempt and records
//    the call against the customer; so after a crash the attempt is counted and the lead is
//    IN_PROGRESS, which the hopper never selects again: the customer is not dialed twice;
//  - an entry evicted before it is taken (stale, or its customer's facts changed) gives its lead
//    back the state it had before QUEUED.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/dialing/domain/hopper_batch.h"
#include "services/dialing/domain/lead_vocabulary.h"

namespace tmk::dialing {

struct HopperEntry {
  HopperCandidate lead;
  std::string contact_point_id;   // the phone to dial (the best callable one now)
  std::string reserved_agent_id;  // a callback its owner must take (R17)
  LeadState queued_from = LeadState::kNew;
  TimePoint fill_time;
};

struct TakenLead {
  std::string lead_id;
  std::string campaign_id;
  std::string customer_id;
  std::string contact_point_id;
  bool callback_due = false;
  int attempts = 0;  // including the one just taken
};

// The opening of every take's SQL (paced and preview): CTE `next`, the first entry of campaign
// $1 in dialing order that agent $2 may take, locked FOR UPDATE SKIP LOCKED, and CTE `taken`,
// that entry removed (lead_id, callback_due, queued_from); ends with a comma.
std::string TakeNextEntry();

class HopperStore {
 public:
  // Queues the leads whose customers are not in the hopper yet (for any campaign; `entries` name
  // each customer once), in one statement; how many. Each queued lead becomes QUEUED, with its
  // entry's phone, in the same statement.
  int Insert(pqxx::work& tx, const std::vector<HopperEntry>& entries) const;
  // The first ready lead of the campaign in dialing order that `agent_id` may take (entries
  // reserved for another agent are skipped); nothing when none is ready.
  std::optional<TakenLead> Take(pqxx::work& tx, const std::string& campaign_id,
                                const std::string& agent_id, TimePoint now) const;
  // Entries filled before `before` go back to their leads (the facts they were chosen on may have
  // changed: a window closed, a number was screened); how many.
  int EvictOlderThan(pqxx::work& tx, const std::string& campaign_id, TimePoint before) const;
  // The customer's entries go back (their contacts facts changed, R2, R6); how many.
  int EvictCustomer(pqxx::work& tx, const std::string& customer_id) const;
  // The lead's entry goes back (a supervisor changes the lead); whether there was one.
  bool EvictLead(pqxx::work& tx, const std::string& lead_id) const;

  int Count(pqxx::work& tx, const std::string& campaign_id) const;
  int CountCallbacks(pqxx::work& tx, const std::string& campaign_id) const;
};

}  // namespace tmk::dialing
