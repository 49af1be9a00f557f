#pragma once
// Agent sessions over gRPC (R19, R29): the agent's own login, state changes and logout
// (AgentDesktopService) and the supervisor's view and steering (DialingService). An agent acts
// only on a session of their own agent record (Agent.user_id = the caller's subject); supervisors
// and admins read, assign and force out sessions of their region; integrators read. Every change
// goes through AgentSessions, which publishes it on tm.agents.v1 in the same transaction.
#include <functional>
#include <optional>
#include <string>

#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/store/agent_session_store.h"
#include "services/dialing/store/agent_store.h"
#include "services/dialing/store/request_records.h"
#include "telemarketing/dialing/v1/agent_desktop_service.pb.h"
#include "telemarketing/dialing/v1/dialing_service.pb.h"

namespace tmk::dialing {

class SessionApi {
 public:
  SessionApi(server::ServiceRuntime& runtime, AgentSessions& sessions);

  // AgentDesktopService.
  absl::Status StartSession(const auth::Principal& who,
                            const telemarketing::dialing::v1::StartSessionRequest& request,
                            telemarketing::dialing::v1::StartSessionResponse& response);
  absl::Status EndSession(const auth::Principal& who,
                          const telemarketing::dialing::v1::EndSessionRequest& request,
                          telemarketing::dialing::v1::EndSessionResponse& response);
  absl::Status GetSession(const auth::Principal& who,
                          const telemarketing::dialing::v1::GetSessionRequest& request,
                          telemarketing::dialing::v1::GetSessionResponse& response);
  absl::Status SetAgentState(const auth::Principal& who,
                             const telemarketing::dialing::v1::SetAgentStateRequest& request,
                             telemarketing::dialing::v1::SetAgentStateResponse& response);

  // DialingService.
  absl::Status GetAgentSession(const auth::Principal& who,
                               const telemarketing::dialing::v1::GetAgentSessionRequest& request,
                               telemarketing::dialing::v1::GetAgentSessionResponse& response);
  absl::Status ListAgentSessions(
      const auth::Principal& who,
      const telemarketing::dialing::v1::ListAgentSessionsRequest& request,
      telemarketing::dialing::v1::ListAgentSessionsResponse& response);
  absl::Status AssignAgentSession(
      const auth::Principal& who,
      const telemarketing::dialing::v1::AssignAgentSessionRequest& request,
      telemarketing::dialing::v1::AssignAgentSessionResponse& response);
  absl::Status ForceLogout(const auth::Principal& who,
                           const telemarketing::dialing::v1::ForceLogoutRequest& request,
                           telemarketing::dialing::v1::ForceLogoutResponse& response);

 private:
  absl::Status AuthorizeAgent(const auth::Principal& who, std::string_view action) const;
  absl::Status AuthorizeSupervise(const auth::Principal& who, std::string_view action) const;
  absl::Status AuthorizeRead(const auth::Principal& who) const;
  // PERMISSION_DENIED unless the caller is the session's agent (R19: nobody acts for another).
  absl::Status CheckOwnSession(pqxx::work& tx, const auth::Principal& who,
                               const telemarketing::dialing::v1::AgentSession& session) const;
  // The session by id, NOT_FOUND naming it when there is none.
  absl::StatusOr<SessionRow> FindSession(pqxx::work& tx, const std::string& session_id) const;
  // The session a retried request_id already acted on (fingerprints equal), or nothing.
  absl::StatusOr<std::optional<telemarketing::dialing::v1::AgentSession>> Replay(
      pqxx::work& tx, const std::string& verb, const std::string& request_id,
      const std::string& fingerprint) const;
  void Remember(pqxx::work& tx, const std::string& verb, const std::string& request_id,
                const std::string& session_id, const std::string& fingerprint) const;

  using SessionChange =
      std::function<absl::StatusOr<telemarketing::dialing::v1::AgentSession>(pqxx::work&)>;
  // Runs `change` in one transaction, idempotent by request_id (AIP-155): a retry answers with
  // the session the first request acted on, and a changed session is remembered under the key.
  // Either way the session lands in `out`.
  absl::Status Mutate(const std::string& verb, const std::string& request_id,
                      const std::string& fingerprint, telemarketing::dialing::v1::AgentSession& out,
                      const SessionChange& change);
  // Locks the caller's own session (R19) and moves it as `change` asks, as the agent.
  absl::StatusOr<telemarketing::dialing::v1::AgentSession> ChangeOwnSession(
      pqxx::work& tx, const auth::Principal& who, const std::string& session_id,
      const StateRequest& change);

  server::ServiceRuntime& runtime_;
  AgentSessions& sessions_;
  AgentSessionStore session_rows_;
  AgentStore agents_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
