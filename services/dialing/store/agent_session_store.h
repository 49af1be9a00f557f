#pragma once
// PostgreSQL access for agent sessions and their state log (R19, R26, R28, R29): the only place
// with their SQL. A session row is open until its logout_time is set; the database allows one
// open session per agent.
#include <pqxx/pqxx>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "telemarketing/dialing/v1/agent_session.pb.h"

namespace tmk::dialing {

// A session as stored: the message plus what only the service needs.
struct SessionRow {
  telemarketing::dialing::v1::AgentSession session;
  std::string call_campaign_id;      // the campaign of the call held, if any
  std::string pending_logout_cause;  // a ForceLogout waiting for the wrap-up ("" if none)
};

// One timed transition (R26, R28).
struct StateLogEntry {
  std::string session_id;
  std::string agent_id;
  int previous_state = 0;  // AgentState values
  int state = 0;
  int pause_reason = 0;
  std::string call_id;
  std::string cause;
  TimePoint enter_time;
  std::chrono::microseconds previous_state_duration{0};
};

class AgentSessionStore {
 public:
  // A second open session of the agent is a unique violation (ALREADY_EXISTS through pg_errors).
  void Insert(pqxx::work& tx, const SessionRow& row) const;
  // Nothing for an unknown id, including one that is not a UUID; `for_update` locks the row.
  std::optional<SessionRow> Find(pqxx::work& tx, const std::string& session_id,
                                 bool for_update = false) const;
  std::optional<SessionRow> FindOpenForAgent(pqxx::work& tx, const std::string& agent_id) const;
  // Rewrites the record and its columns (state, campaigns, logout time).
  void Update(pqxx::work& tx, const SessionRow& row) const;

  void AppendStateLog(pqxx::work& tx, const StateLogEntry& entry) const;
  // A session's transitions in the order they happened.
  std::vector<StateLogEntry> StateLog(pqxx::work& tx, const std::string& session_id) const;

  struct Filter {
    std::string agent_id;        // empty: any
    std::string agent_group_id;  // empty: any; sessions of the group's agents
    std::string campaign_id;     // empty: any
    std::vector<int> states;     // AgentState values; empty: every state but LOGGED_OUT
    std::optional<TimePoint> login_after;  // unset: open sessions only
  };
  // One page of ListAgentSessions in login order, strictly after `after_id` when it is set.
  std::vector<telemarketing::dialing::v1::AgentSession> List(pqxx::work& tx, const Filter& filter,
                                                             const std::string& after_id,
                                                             int limit) const;
};

}  // namespace tmk::dialing
