#pragma once
// Agent sessions as one object (R19, R26, R28, R29): every change of a session — login, state,
// assignment, logout — loads it, asks the state machine (domain/agent_state_machine.h), stores
// it with a timed state-log entry and appends its AgentEvents, all inside the caller's
// transaction. The RPC handlers use it, and so will the dialer: Reserve, Bridge, EndCall,
// Release and MissOffer are its side of the state machine, called in the same transaction as the
// dialer's own change of the call, so an agent and a call never disagree.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/dialing/api/agent_events.h"
#include "services/dialing/domain/agent_roster_rules.h"
#include "services/dialing/domain/agent_state_machine.h"
#include "services/dialing/store/agent_session_store.h"
#include "telemarketing/dialing/v1/agent.pb.h"
#include "telemarketing/dialing/v1/agent_session.pb.h"

namespace tmk::dialing {

class AgentSessions {
 public:
  AgentSessions(const Clock& clock, AgentEvents& events) : clock_(clock), events_(events) {}

  // ---- The dialer's side. Each answers the session after the change; NOT_FOUND for an unknown
  // session, FAILED_PRECONDITION (SESSION_ENDED, INVALID_STATE_TRANSITION, CALL_NOT_HELD) when
  // the session is not where the dialer thinks it is. ----

  // READY -> RESERVED: the dialer holds the agent for `call_id` (of `campaign_id`, if any), for a
  // call being placed or a preview being read.
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> Reserve(pqxx::work& tx,
                                                                   const std::string& session_id,
                                                                   const std::string& call_id,
                                                                   const std::string& campaign_id);
  // RESERVED -> ON_CALL: the call was bridged to the agent.
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> Bridge(pqxx::work& tx,
                                                                  const std::string& session_id,
                                                                  const std::string& call_id);
  // ON_CALL -> WRAP_UP: the call ended; after-call work begins.
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> EndCall(pqxx::work& tx,
                                                                   const std::string& session_id,
                                                                   const std::string& call_id);
  // RESERVED -> READY: the reservation is given back (no answer, busy, a skipped preview).
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> Release(pqxx::work& tx,
                                                                   const std::string& session_id,
                                                                   const std::string& call_id);
  // RESERVED -> READY -> PAUSED(MISSED_OFFER): the agent did not take an offered call, so no
  // further call is offered until they come back (R28 counts these).
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> MissOffer(
      pqxx::work& tx, const std::string& session_id, const std::string& call_id);

  // ---- The handlers' side. ----

  struct Login {
    std::string station_id;
    std::vector<std::string> campaign_ids;
    std::vector<std::string> queue_ids;
    PauseReason initial_pause_reason = PauseReason::kUnspecified;  // READY when unspecified
  };
  // LOGGED_OUT -> READY | PAUSED for `agent` (locked by the caller): FAILED_PRECONDITION
  // (AGENT_INACTIVE) for an inactive agent, ALREADY_EXISTS (SESSION_ALREADY_OPEN, naming it)
  // while the agent has an open session.
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> Start(
      pqxx::work& tx, const telemarketing::dialing::v1::Agent& agent, const Login& login);

  // The session as stored, locked until the transaction ends; NOT_FOUND when there is none.
  absl::StatusOr<SessionRow> Lock(pqxx::work& tx, const std::string& session_id) const;

  // Moves the session as `request` asks; a logout also ends it (SessionEnded). `cause` is the
  // event's ("agent", "dialer", "supervisor:<id>").
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> Change(pqxx::work& tx, SessionRow row,
                                                                  const StateRequest& request,
                                                                  const std::string& cause);

  // A supervisor's logout: now, or — during a call or its wrap-up — when the wrap-up ends.
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> ForceLogout(pqxx::work& tx,
                                                                       SessionRow row,
                                                                       const std::string& cause);

  // New work mode, campaigns or queues (R18); the agent's blending mode must allow the work mode.
  struct Assignment {
    WorkMode work_mode = WorkMode::kUnspecified;  // unchanged when unspecified
    std::vector<std::string> campaign_ids;        // unchanged when empty
    std::vector<std::string> queue_ids;           // unchanged when empty
  };
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> Assign(
      pqxx::work& tx, SessionRow row, const telemarketing::dialing::v1::Agent& agent,
      const Assignment& assignment, const std::string& cause);

 private:
  // The transition's state-log entry and StateChanged event (R26: every transition timed).
  void Record(pqxx::work& tx, const SessionRow& row, const StateTransition& transition,
              const std::string& cause);
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> DialerChange(
      pqxx::work& tx, const std::string& session_id, StateRequest request);

  const Clock& clock_;
  AgentEvents& events_;
  AgentSessionStore sessions_;
};

}  // namespace tmk::dialing
