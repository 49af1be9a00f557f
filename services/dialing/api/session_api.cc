#include "services/dialing/api/session_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/domain/agent_roster_rules.h"
#include "services/dialing/domain/agent_state_machine.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using auth::Role;

namespace {

constexpr size_t kMaxStationId = 128;
constexpr size_t kMaxReason = 500;

// Campaign and queue ids are taken as given for now: dialing checks them once it keeps its own
// projection of campaigns (tm.campaigns.v1) and its inbound queues (issue 5). Only their form is
// checked here.
template <typename Ids>
void CheckIds(const Ids& ids, const std::string& field, std::string_view what, Violations& v) {
  for (int i = 0; i < ids.size(); ++i) {
    grpcx::CheckResourceId(ids.Get(i), absl::StrCat(field, "[", i, "]"), what, v);
  }
}

std::string SupervisorCause(const auth::Principal& who) {
  return absl::StrCat("supervisor:", who.subject);
}

template <typename Ids>
std::vector<std::string> ToVector(const Ids& ids) {
  return {ids.begin(), ids.end()};
}

}  // namespace

SessionApi::SessionApi(server::ServiceRuntime& runtime, AgentSessions& sessions)
    : runtime_(runtime), sessions_(sessions) {}

absl::Status SessionApi::AuthorizeAgent(const auth::Principal& who,
                                        std::string_view action) const {
  return auth::Authorize(who, {Role::kAgent}, runtime_.context().region, action);
}

// Supervisors steer the floor of their region (R18, R29); admins may too.
absl::Status SessionApi::AuthorizeSupervise(const auth::Principal& who,
                                            std::string_view action) const {
  return auth::Authorize(who, {Role::kSupervisor, Role::kAdmin}, runtime_.context().region,
                         action);
}

// The live floor (R29) is read by supervisors and admins, and by integrators feeding reports.
absl::Status SessionApi::AuthorizeRead(const auth::Principal& who) const {
  return auth::Authorize(who, {Role::kSupervisor, Role::kAdmin, Role::kIntegrator},
                         runtime_.context().region, "read agent sessions");
}

absl::Status SessionApi::CheckOwnSession(pqxx::work& tx, const auth::Principal& who,
                                         const v1::AgentSession& session) const {
  std::optional<v1::Agent> agent = agents_.Find(tx, session.agent_id());
  if (agent && agent->user_id() == who.subject) return absl::OkStatus();
  return absl::PermissionDeniedError(
      absl::StrCat(who.subject, " may not act on session ", session.session_id(),
                   ": it belongs to another agent"));
}

absl::StatusOr<SessionRow> SessionApi::FindSession(pqxx::work& tx,
                                                   const std::string& session_id) const {
  std::optional<SessionRow> row = session_rows_.Find(tx, session_id);
  if (!row) return absl::NotFoundError(absl::StrCat("session ", session_id, " not found"));
  return *std::move(row);
}

absl::StatusOr<std::optional<v1::AgentSession>> SessionApi::Replay(
    pqxx::work& tx, const std::string& verb, const std::string& request_id,
    const std::string& fingerprint) const {
  if (request_id.empty()) return std::nullopt;
  std::optional<RequestRecords::Record> earlier = requests_.Find(tx, verb, request_id);
  if (!earlier) return std::nullopt;
  if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
  absl::StatusOr<SessionRow> row = FindSession(tx, earlier->resource_id);
  if (!row.ok()) return row.status();
  return std::optional<v1::AgentSession>(std::move(row->session));
}

void SessionApi::Remember(pqxx::work& tx, const std::string& verb, const std::string& request_id,
                          const std::string& session_id, const std::string& fingerprint) const {
  if (!request_id.empty()) requests_.Save(tx, verb, request_id, {session_id, fingerprint});
}

absl::Status SessionApi::Mutate(const std::string& verb, const std::string& request_id,
                                const std::string& fingerprint, v1::AgentSession& out,
                                const SessionChange& change) {
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    auto replayed = Replay(tx, verb, request_id, fingerprint);
    if (!replayed.ok()) return replayed.status();
    if (*replayed) {
      out = **std::move(replayed);
      return absl::OkStatus();
    }
    absl::StatusOr<v1::AgentSession> session = change(tx);
    if (!session.ok()) return session.status();
    Remember(tx, verb, request_id, session->session_id(), fingerprint);
    out = *std::move(session);
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::AgentSession> SessionApi::ChangeOwnSession(pqxx::work& tx,
                                                              const auth::Principal& who,
                                                              const std::string& session_id,
                                                              const StateRequest& change) {
  absl::StatusOr<SessionRow> row = sessions_.Lock(tx, session_id);
  if (!row.ok()) return row.status();
  if (absl::Status own = CheckOwnSession(tx, who, row->session); !own.ok()) return own;
  return sessions_.Change(tx, *std::move(row), change, "agent");
}

// ---- AgentDesktopService ----

absl::Status SessionApi::StartSession(const auth::Principal& who,
                                      const v1::StartSessionRequest& request,
                                      v1::StartSessionResponse& response) {
  if (absl::Status allowed = AuthorizeAgent(who, "start sessions"); !allowed.ok()) return allowed;
  const PauseReason pause = static_cast<PauseReason>(request.initial_pause_reason());
  Violations v;
  grpcx::CheckResourceId(request.agent_id(), "agent_id", "agent", v);
  if (request.station_id().empty()) v.Add("station_id", "required: where calls are bridged to");
  if (request.station_id().size() > kMaxStationId) {
    v.Add("station_id", absl::StrCat("at most ", kMaxStationId, " bytes"));
  }
  CheckIds(request.campaign_ids(), "campaign_ids", "campaign", v);
  CheckIds(request.queue_ids(), "queue_ids", "queue", v);
  if (pause == PauseReason::kOther) {
    // The request has no note, and OTHER needs one (R26).
    v.Add("initial_pause_reason", "OTHER needs a note: start with another reason");
  } else {
    CheckPauseRequest(pause == PauseReason::kUnspecified ? AgentState::kReady : AgentState::kPaused,
                      pause, "", StateCause::kAgent, "initial_", v);
  }
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid session start");

  auto start = [&](pqxx::work& tx) -> absl::StatusOr<v1::AgentSession> {
    // Locking the agent serialises its logins; the unique index backs this up.
    std::optional<v1::Agent> agent = agents_.Find(tx, request.agent_id(), /*for_update=*/true);
    if (!agent) {
      return absl::NotFoundError(absl::StrCat("agent ", request.agent_id(), " not found"));
    }
    if (agent->user_id() != who.subject) {
      return absl::PermissionDeniedError(absl::StrCat(
          who.subject, " may not start a session of agent ", request.agent_id(),
          ": it is another user's"));
    }
    AgentSessions::Login login{request.station_id(), ToVector(request.campaign_ids()),
                               ToVector(request.queue_ids()), pause};
    return sessions_.Start(tx, *agent, login);
  };
  return Mutate("StartSession", request.request_id(), grpcx::RequestFingerprint(request),
                *response.mutable_session(), start);
}

absl::Status SessionApi::EndSession(const auth::Principal& who,
                                    const v1::EndSessionRequest& request,
                                    v1::EndSessionResponse& response) {
  if (absl::Status allowed = AuthorizeAgent(who, "end sessions"); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus();
  StateRequest logout;
  logout.target = AgentState::kLoggedOut;
  logout.cause = StateCause::kAgent;
  return Mutate("EndSession", request.request_id(), grpcx::RequestFingerprint(request),
                *response.mutable_session(), [&](pqxx::work& tx) {
                  return ChangeOwnSession(tx, who, request.session_id(), logout);
                });
}

absl::Status SessionApi::GetSession(const auth::Principal& who,
                                    const v1::GetSessionRequest& request,
                                    v1::GetSessionResponse& response) {
  const bool reader = AuthorizeRead(who).ok();
  if (!reader) {
    if (absl::Status allowed = AuthorizeAgent(who, "read sessions"); !allowed.ok()) return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<SessionRow> row = FindSession(tx, request.session_id());
    if (!row.ok()) return row.status();
    if (!reader) {
      if (absl::Status own = CheckOwnSession(tx, who, row->session); !own.ok()) return own;
    }
    *response.mutable_session() = std::move(row->session);
    return absl::OkStatus();
  });
}

absl::Status SessionApi::SetAgentState(const auth::Principal& who,
                                       const v1::SetAgentStateRequest& request,
                                       v1::SetAgentStateResponse& response) {
  if (absl::Status allowed = AuthorizeAgent(who, "change agent states"); !allowed.ok()) {
    return allowed;
  }
  StateRequest change;
  change.target = static_cast<AgentState>(request.state());
  change.pause_reason = static_cast<PauseReason>(request.pause_reason());
  change.pause_note = request.pause_note();
  change.cause = StateCause::kAgent;
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  // The agent moves between READY and PAUSED and leaves WRAP_UP; the dialer drives the rest.
  if (change.target != AgentState::kReady && change.target != AgentState::kPaused) {
    v.Add("state", "READY or PAUSED: the dialer drives the other states");
  } else {
    CheckPauseRequest(change.target, change.pause_reason, change.pause_note, change.cause, "", v);
  }
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid state change");
  return Mutate("SetAgentState", request.request_id(), grpcx::RequestFingerprint(request),
                *response.mutable_session(), [&](pqxx::work& tx) {
                  return ChangeOwnSession(tx, who, request.session_id(), change);
                });
}

// ---- DialingService ----

absl::Status SessionApi::GetAgentSession(const auth::Principal& who,
                                         const v1::GetAgentSessionRequest& request,
                                         v1::GetAgentSessionResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<SessionRow> row = FindSession(tx, request.session_id());
    if (!row.ok()) return row.status();
    *response.mutable_session() = std::move(row->session);
    return absl::OkStatus();
  });
}

absl::Status SessionApi::ListAgentSessions(const auth::Principal& who,
                                           const v1::ListAgentSessionsRequest& request,
                                           v1::ListAgentSessionsResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who); !allowed.ok()) return allowed;
  Violations v;
  AgentSessionStore::Filter filter;
  filter.agent_id = request.agent_id();
  filter.agent_group_id = request.agent_group_id();
  filter.campaign_id = request.campaign_id();
  if (!filter.agent_id.empty()) grpcx::CheckResourceId(filter.agent_id, "agent_id", "agent", v);
  if (!filter.agent_group_id.empty()) {
    grpcx::CheckResourceId(filter.agent_group_id, "agent_group_id", "agent group", v);
  }
  if (!filter.campaign_id.empty()) {
    grpcx::CheckResourceId(filter.campaign_id, "campaign_id", "campaign", v);
  }
  for (int i = 0; i < request.states_size(); ++i) {
    if (request.states(i) == v1::AGENT_STATE_UNSPECIFIED ||
        !v1::AgentState_IsValid(request.states(i))) {
      v.Add(absl::StrCat("states[", i, "]"), "not an agent state");
    }
    filter.states.push_back(request.states(i));
  }
  if (request.has_login_after()) filter.login_after = grpcx::FromProtoTime(request.login_after());
  const int limit = grpcx::PageLimit(request.page_size(), v);
  v1::ListAgentSessionsRequest scope = request;
  scope.clear_page_size();
  scope.clear_page_token();
  const std::string kind =
      absl::StrCat("sessions:", grpcx::RequestFingerprint(scope).substr(0, 16));
  const std::optional<std::string> after = grpcx::PageCursor(request.page_token(), kind, v);
  if (!v.empty()) return v.ToStatus("invalid listing");
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    std::vector<v1::AgentSession> page = session_rows_.List(tx, filter, *after, limit + 1);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.pop_back();
    for (v1::AgentSession& session : page) *response.add_sessions() = std::move(session);
    if (more) {
      response.set_next_page_token(
          grpcx::NextPageToken(kind, response.sessions(limit - 1).session_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status SessionApi::AssignAgentSession(const auth::Principal& who,
                                            const v1::AssignAgentSessionRequest& request,
                                            v1::AssignAgentSessionResponse& response) {
  if (absl::Status allowed = AuthorizeSupervise(who, "assign agent sessions"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  if (!v1::WorkMode_IsValid(request.work_mode())) v.Add("work_mode", "not a work mode");
  CheckIds(request.campaign_ids(), "campaign_ids", "campaign", v);
  CheckIds(request.queue_ids(), "queue_ids", "queue", v);
  if (request.work_mode() == v1::WORK_MODE_UNSPECIFIED && request.campaign_ids().empty() &&
      request.queue_ids().empty()) {
    v.Add("work_mode", "name a work mode, campaigns or queues to assign");
  }
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid assignment");
  auto assign = [&](pqxx::work& tx) -> absl::StatusOr<v1::AgentSession> {
    absl::StatusOr<SessionRow> row = sessions_.Lock(tx, request.session_id());
    if (!row.ok()) return row.status();
    std::optional<v1::Agent> agent = agents_.Find(tx, row->session.agent_id());
    if (!agent) return absl::InternalError("a session without its agent");
    AgentSessions::Assignment assignment{static_cast<WorkMode>(request.work_mode()),
                                         ToVector(request.campaign_ids()),
                                         ToVector(request.queue_ids())};
    return sessions_.Assign(tx, *std::move(row), *agent, assignment, SupervisorCause(who));
  };
  return Mutate("AssignAgentSession", request.request_id(), grpcx::RequestFingerprint(request),
                *response.mutable_session(), assign);
}

absl::Status SessionApi::ForceLogout(const auth::Principal& who,
                                     const v1::ForceLogoutRequest& request,
                                     v1::ForceLogoutResponse& response) {
  if (absl::Status allowed = AuthorizeSupervise(who, "force agents out"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  // The reason is bounded now although no event field carries it yet (SessionEnded has only the
  // cause, "supervisor:<id>"); adding one is a contract change left to the reporting issue.
  if (request.reason().size() > kMaxReason) {
    v.Add("reason", absl::StrCat("at most ", kMaxReason, " bytes"));
  }
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus();
  auto force_out = [&](pqxx::work& tx) -> absl::StatusOr<v1::AgentSession> {
    absl::StatusOr<SessionRow> row = sessions_.Lock(tx, request.session_id());
    if (!row.ok()) return row.status();
    return sessions_.ForceLogout(tx, *std::move(row), SupervisorCause(who));
  };
  return Mutate("ForceLogout", request.request_id(), grpcx::RequestFingerprint(request),
                *response.mutable_session(), force_out);
}

}  // namespace tmk::dialing
