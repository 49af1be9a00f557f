#pragma once
// The floor as inbound routing reads it (R18, R19): every open session with its agent (skills,
// groups, blending mode) in one query. The only place with that SQL. (Callers are recognised by
// contacts, runtime/caller_directory.h: dialing's projection holds numbers only where the sharing
// policy shares them.)
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "telemarketing/dialing/v1/agent.pb.h"
#include "telemarketing/dialing/v1/agent_session.pb.h"

namespace tmk::dialing {

struct StaffedSession {
  telemarketing::dialing::v1::AgentSession session;
  telemarketing::dialing::v1::Agent agent;
};

class InboundFloorStore {
 public:
  // Open sessions (not logged out) with their agents, in login order.
  std::vector<StaffedSession> StaffedSessions(pqxx::work& tx) const;
};

}  // namespace tmk::dialing
