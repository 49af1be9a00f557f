#pragma once
// PostgreSQL side of the sales projection (R11, R12, R27): per-lead progress merged so that any
// arrival order gives the same row, intention-class movements and leads loaded per 15 minutes.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/core/clock.h"

namespace tmk::reporting {

// What one wrap-up did to its lead.
struct LeadDisposition {
  std::string lead_id;
  std::string campaign_id;
  std::string variant_id;
  std::string call_id;
  TimePoint time;
  int previous_stage = 0;
  int stage = 0;
  int previous_intention = 0;
  int intention = 0;
  bool ordered = false;
  int lead_attempts = 0;
  int lead_contacts = 0;
};

class LeadProjectionStore {
 public:
  // Stages entered accumulate; the newest wrap-up (by time, then call id) sets the current stage
  // and class; the oldest sets the class when first reached; the first order's counts stay. A
  // batch's wrap-ups go in one statement per ConflictRounds round, its class moves in one.
  // lead_tally and campaign_lead_span follow lead_progress in the same statements. ABORTED when
  // a lead was inserted concurrently (by another reporting replica): apply the batch again.
  absl::Status ApplyDispositions(pqxx::work& tx, const std::vector<LeadDisposition>& dispositions) const;
  void AddLeadsLoaded(pqxx::work& tx, const std::string& campaign_id, TimePoint time,
                      int64_t created) const;
};

}  // namespace tmk::reporting
