#pragma once
// An agent joined to a call (R19, R26 ASA/AWT): when the port reports the bridge, one transaction
// moves the reserved agent ON_CALL, the call CONNECTED with its connect time and how long the
// customer waited since the answer, and publishes AgentConnected with that wait. The same step
// for outbound calls (DialerRuntime) and inbound ones (InboundRouter).
#include <pqxx/pqxx>

#include <string>

#include "absl/status/status.h"
#include "services/common/core/clock.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_ledger.h"

namespace tmk::dialing {

class CallConnector {
 public:
  CallConnector(AgentSessions& sessions, const CallLedger& ledger)
      : sessions_(sessions), ledger_(ledger) {}

  // `row`'s call bridged at `now` to the agent of `session_id`, RESERVED for it.
  absl::Status Connect(pqxx::work& tx, CallRow& row, const std::string& session_id,
                       const std::string& agent_id, TimePoint now) const;

 private:
  AgentSessions& sessions_;
  const CallLedger& ledger_;
};

}  // namespace tmk::dialing
