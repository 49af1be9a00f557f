#pragma once
// PostgreSQL access for leads (R11, R12, R17, R20): the only place with their SQL. Leads are
// columns, so the hopper selects candidates set-based by index (never a scan of a campaign's
// millions of leads per fill) and GetHopperStatus counts block reasons in one aggregate.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/dialing/domain/hopper_block_reason.h"
#include "services/dialing/domain/lead_facts.h"

namespace tmk::dialing {

// A lead as stored: the rules' facts plus what only the store and the API keep.
struct LeadRow {
  LeadFacts facts;  // contact_points and attempts_by_outcome are not stored here
  std::string list_id;
  HopperBlockReason hold_reason = HopperBlockReason::kUnspecified;
  std::optional<TimePoint> hold_until;
  long long revision = 0;
  TimePoint create_time;
  TimePoint update_time;
};

struct LeadFilter {
  std::string campaign_id;  // one of campaign_id, customer_id is set
  std::string customer_id;
  std::vector<int> states;  // LeadState values; empty: any
  std::vector<int> stages;
  std::vector<int> intention_classes;
  std::string callback_owner_agent_id;
};

// Leads of one campaign passed over for one reason (GetHopperStatus).
struct HoldCount {
  HopperBlockReason reason = HopperBlockReason::kUnspecified;
  long long leads = 0;
  std::optional<TimePoint> earliest;  // the soonest hold_until among them, when known
};

class LeadStore {
 public:
  // Creates the lead unless the customer is already a lead of the campaign; whether it did.
  bool InsertIfAbsent(pqxx::work& tx, const LeadRow& row) const;
  std::optional<LeadRow> Find(pqxx::work& tx, const std::string& lead_id,
                              bool for_update = false) const;
  // By lead id, after `after_lead_id` (exclusive, "" for the first page).
  std::vector<LeadRow> List(pqxx::work& tx, const LeadFilter& filter, int limit,
                            const std::string& after_lead_id) const;
  // Writes every mutable column of `row` with its revision and update time as given.
  void Update(pqxx::work& tx, const LeadRow& row) const;

  // Hopper candidates of a campaign due at `now`: due callbacks (earliest first), then NEW and
  // SCHEDULED leads by priority and wait, at most `limit` of each kind, skipping leads held
  // past `now`. Locked with SKIP LOCKED so concurrent fills never evaluate the same lead.
  std::vector<LeadRow> Candidates(pqxx::work& tx, const std::string& campaign_id, TimePoint now,
                                  int limit) const;
  // Remembers why the hopper passed each lead over and until when, in one statement: the lead is
  // no candidate before then, or before the customer's facts change (ReleaseHolds).
  struct HoldOrder {
    std::string lead_id;
    HopperBlockReason reason = HopperBlockReason::kUnspecified;
    TimePoint until;
  };
  void Hold(pqxx::work& tx, const std::vector<HoldOrder>& holds) const;
  // The customer's contacts facts changed (R2, R6): every hold of their open leads is undone so
  // the next fill judges them again. Locks those leads, so it waits for a fill that is judging
  // them on the old facts and undoes its holds after; call it before HopperStore::EvictCustomer,
  // which then also sees what that fill queued.
  void ReleaseHolds(pqxx::work& tx, const std::string& customer_id) const;
  // Open leads (not ORDERED or STOPPED) of the campaign, and those of them not ready at `now`,
  // by the reason they wait for.
  long long CountOpen(pqxx::work& tx, const std::string& campaign_id) const;
  std::vector<HoldCount> CountWaiting(pqxx::work& tx, const std::string& campaign_id,
                                      TimePoint now) const;
};

}  // namespace tmk::dialing
