#pragma once
// PostgreSQL access for previews (R17 preview mode): the only place with their SQL. A lead taken
// for a preview leaves the hopper exactly like a paced one (FOR UPDATE SKIP LOCKED, the lead
// IN_PROGRESS in the same statement, so nobody else dials the customer) but without counting an
// attempt: the attempt is counted when the agent places the call (Place), and a skip gives the
// lead back untouched (GiveBack).
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/dialing/domain/lead_vocabulary.h"

namespace tmk::dialing {

struct PreviewRow {
  std::string call_id;  // the id the call gets when dialed; the session is RESERVED on it
  std::string session_id;
  std::string agent_id;
  std::string lead_id;
  std::string campaign_id;
  std::string customer_id;
  std::string contact_point_id;
  bool callback_due = false;
  LeadState queued_from = LeadState::kNew;
  TimePoint offer_time;
  std::optional<TimePoint> auto_dial_time;  // none: the agent must choose
};

class PreviewStore {
 public:
  // The campaign's next ready lead in dialing order that `held.agent_id` may take, held for
  // `held`'s session (call, session, agent and times from `held`, the lead's fields filled in);
  // nothing when none is ready.
  std::optional<PreviewRow> Take(pqxx::work& tx, const std::string& campaign_id,
                                 PreviewRow held) const;
  std::optional<PreviewRow> FindBySession(pqxx::work& tx, const std::string& session_id,
                                          bool for_update = false) const;
  // Every preview held, oldest first (restart, sweeps).
  std::vector<PreviewRow> List(pqxx::work& tx) const;
  // Previews whose session no longer holds them (logged out, or moved on by a supervisor).
  std::vector<PreviewRow> ListOrphaned(pqxx::work& tx) const;
  // The preview becomes a call: the row goes, the lead's attempt is counted and the call recorded
  // against the customer (frequency caps, R20) as HopperStore::Take does for paced calls; the
  // lead's attempts after it.
  int Place(pqxx::work& tx, const PreviewRow& preview, TimePoint now) const;
  // The row goes and the lead returns to the state it had before the hopper, schedule unchanged.
  void GiveBack(pqxx::work& tx, const PreviewRow& preview) const;
  // The row goes; the lead stays IN_PROGRESS for its caller to move it.
  void Remove(pqxx::work& tx, const std::string& call_id) const;
};

}  // namespace tmk::dialing
