#pragma once
// The floor as inbound routing reads it (R18, R19): every open session with its agent (skills,
// groups, blending mode) in one query, and callers recognised by their number in dialing's
// projection of contacts. The only place with that SQL.
#include <pqxx/pqxx>

#include <optional>
#include <string>
#include <vector>

#include "telemarketing/dialing/v1/agent.pb.h"
#include "telemarketing/dialing/v1/agent_session.pb.h"

namespace tmk::dialing {

struct StaffedSession {
  telemarketing::dialing::v1::AgentSession session;
  telemarketing::dialing::v1::Agent agent;
};

struct KnownCaller {
  std::string customer_id;
  std::string contact_point_id;
};

class InboundFloorStore {
 public:
  // Open sessions (not logged out) with their agents, in login order.
  std::vector<StaffedSession> StaffedSessions(pqxx::work& tx) const;
  // The customer whose contact point has this E.164 number, if one does.
  std::optional<KnownCaller> CallerOf(pqxx::work& tx, const std::string& e164) const;
  // Up to `limit` numbers of projected customers: the simulator's known callers.
  std::vector<std::string> KnownNumbers(pqxx::work& tx, int limit) const;
};

}  // namespace tmk::dialing
