#pragma once
// Publishes AgentEvent on tm.agents.v1 (key = agent_id, in order per agent): roster changes and
// every session and state change (R19, R26, R28, R29). Called inside the transaction that made the
// change, so the change and its event commit together (outbox); each event carries an HLC stamp
// so regions order them without trusting wall clocks (R32).
#include <pqxx/pqxx>

#include <chrono>
#include <string>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "telemarketing/dialing/v1/agent.pb.h"
#include "telemarketing/dialing/v1/agent_session.pb.h"
#include "telemarketing/events/v1/agent_events.pb.h"

namespace tmk::dialing {

class AgentEvents {
 public:
  AgentEvents(std::string region, const Clock& clock, HybridLogicalClock& hlc)
      : region_(std::move(region)), clock_(clock), hlc_(hlc) {}

  void AgentUpdated(pqxx::work& tx, const telemarketing::dialing::v1::Agent& agent);
  void SessionStarted(pqxx::work& tx, const telemarketing::dialing::v1::AgentSession& session);
  // `cause`: "agent", "dialer", "blending" or "supervisor:<id>".
  void StateChanged(pqxx::work& tx, const telemarketing::dialing::v1::AgentSession& session,
                    telemarketing::events::v1::StateChanged change);
  void SessionAssigned(pqxx::work& tx, const telemarketing::dialing::v1::AgentSession& session,
                       const std::string& cause);
  void SessionEnded(pqxx::work& tx, const telemarketing::dialing::v1::AgentSession& session,
                    const std::string& cause);

 private:
  // The envelope every change shares, for the agent (and session, when there is one).
  telemarketing::events::v1::AgentEvent Envelope(const std::string& agent_id,
                                                 const std::string& session_id);
  void Append(pqxx::work& tx, const telemarketing::events::v1::AgentEvent& event);

  std::string region_;
  const Clock& clock_;
  HybridLogicalClock& hlc_;
};

}  // namespace tmk::dialing
