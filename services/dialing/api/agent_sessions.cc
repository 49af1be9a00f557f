#include "services/dialing/api/agent_sessions.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;

namespace {

constexpr char kDialer[] = "dialer";

AgentStatus StatusOf(const SessionRow& row) {
  const v1::AgentSession& s = row.session;
  AgentStatus status;
  status.state = static_cast<AgentState>(s.state());
  status.pause_reason = static_cast<PauseReason>(s.pause_reason());
  status.pause_note = s.pause_note();
  status.call_id = s.current_call_id();
  status.campaign_id = row.call_campaign_id;
  status.since = grpcx::FromProtoTime(s.state_start_time());
  status.logout_pending = !row.pending_logout_cause.empty();
  return status;
}

void ApplyStatus(const AgentStatus& to, SessionRow& row) {
  v1::AgentSession& s = row.session;
  s.set_state(static_cast<v1::AgentState>(to.state));
  s.set_pause_reason(static_cast<v1::PauseReason>(to.pause_reason));
  s.set_pause_note(to.pause_note);
  s.set_current_call_id(to.call_id);
  *s.mutable_state_start_time() = grpcx::ToProtoTime(to.since);
  row.call_campaign_id = to.campaign_id;
  if (to.state == AgentState::kLoggedOut) {
    *s.mutable_logout_time() = s.state_start_time();
    row.pending_logout_cause.clear();
  }
}

absl::Status SessionEnded(const v1::AgentSession& session) {
  return WithReason(
      absl::FailedPreconditionError(absl::StrCat(
          "session ", session.session_id(), " ended at ",
          google::protobuf::util::TimeUtil::ToString(session.logout_time()))),
      "SESSION_ENDED");
}

}  // namespace

absl::StatusOr<SessionRow> AgentSessions::Lock(pqxx::work& tx,
                                               const std::string& session_id) const {
  std::optional<SessionRow> row = sessions_.Find(tx, session_id, /*for_update=*/true);
  if (!row) return absl::NotFoundError(absl::StrCat("session ", session_id, " not found"));
  return *std::move(row);
}

absl::StatusOr<v1::AgentSession> AgentSessions::Start(pqxx::work& tx, const v1::Agent& agent,
                                                      const Login& login) {
  if (!agent.active()) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "agent ", agent.agent_id(), " is inactive and cannot log in")),
                      "AGENT_INACTIVE");
  }
  if (std::optional<SessionRow> open = sessions_.FindOpenForAgent(tx, agent.agent_id())) {
    return WithReason(absl::AlreadyExistsError(absl::StrCat(
                          "agent ", agent.agent_id(), " already has open session ",
                          open->session.session_id(), ": end it before starting another")),
                      "SESSION_ALREADY_OPEN");
  }
  const TimePoint now = clock_.Now();
  AgentStatus logged_out;
  logged_out.since = now;  // a new login has no previous state to time
  StateRequest request;
  request.cause = StateCause::kAgent;
  request.target = login.initial_pause_reason == PauseReason::kUnspecified ? AgentState::kReady
                                                                           : AgentState::kPaused;
  request.pause_reason = login.initial_pause_reason;
  absl::StatusOr<StateTransition> t = Transition(logged_out, request, now);
  if (!t.ok()) return t.status();

  SessionRow row;
  v1::AgentSession& s = row.session;
  s.set_session_id(NewId(clock_));
  s.set_agent_id(agent.agent_id());
  s.set_station_id(login.station_id);
  s.set_work_mode(static_cast<v1::WorkMode>(
      InitialWorkMode(static_cast<BlendingMode>(agent.blending_mode()))));
  for (const std::string& id : login.campaign_ids) s.add_campaign_ids(id);
  for (const std::string& id : login.queue_ids) s.add_queue_ids(id);
  *s.mutable_login_time() = grpcx::ToProtoTime(now);
  *s.mutable_last_seen_time() = s.login_time();
  ApplyStatus(t->to, row);
  sessions_.Insert(tx, row);
  events_.SessionStarted(tx, s);
  Record(tx, row, *t, "agent");
  return s;
}

absl::StatusOr<v1::AgentSession> AgentSessions::Change(pqxx::work& tx, SessionRow row,
                                                       const StateRequest& request,
                                                       const std::string& cause) {
  if (row.session.has_logout_time()) return SessionEnded(row.session);
  const TimePoint now = clock_.Now();
  absl::StatusOr<StateTransition> t = Transition(StatusOf(row), request, now);
  if (!t.ok()) return t.status();
  // A logout the supervisor left pending is theirs, even though the agent's wrap-up ended it.
  const bool ends = t->to.state == AgentState::kLoggedOut;
  const std::string by =
      ends && request.target != AgentState::kLoggedOut ? row.pending_logout_cause : cause;
  ApplyStatus(t->to, row);
  sessions_.Update(tx, row);
  Record(tx, row, *t, by);
  if (ends) events_.SessionEnded(tx, row.session, by);
  return row.session;
}

void AgentSessions::Record(pqxx::work& tx, const SessionRow& row, const StateTransition& t,
                           const std::string& cause) {
  const v1::AgentSession& s = row.session;
  // The call involved: the one held now, or the one just finished.
  const bool holds = !t.to.call_id.empty();
  const std::string& call_id = holds ? t.to.call_id : t.from.call_id;
  const std::string& campaign_id = holds ? t.to.campaign_id : t.from.campaign_id;
  sessions_.AppendStateLog(tx, {s.session_id(), s.agent_id(), static_cast<int>(t.from.state),
                                s.state(), s.pause_reason(), call_id, cause, t.to.since,
                                t.previous_state_duration});
  ev::StateChanged change;
  change.set_previous_state(static_cast<v1::AgentState>(t.from.state));
  change.set_state(s.state());
  change.set_pause_reason(s.pause_reason());
  *change.mutable_previous_state_duration() =
      google::protobuf::util::TimeUtil::MicrosecondsToDuration(t.previous_state_duration.count());
  change.set_call_id(call_id);
  change.set_campaign_id(campaign_id);
  change.set_cause(cause);
  events_.StateChanged(tx, s, std::move(change));
}

absl::StatusOr<v1::AgentSession> AgentSessions::ForceLogout(pqxx::work& tx, SessionRow row,
                                                            const std::string& cause) {
  if (row.session.has_logout_time()) return SessionEnded(row.session);
  const AgentState state = static_cast<AgentState>(row.session.state());
  if (CanLogOutNow(state)) {
    StateRequest request;
    request.target = AgentState::kLoggedOut;
    request.cause = StateCause::kSupervisor;
    return Change(tx, std::move(row), request, cause);
  }
  // Never cut a customer off: the logout waits for the end of this call's wrap-up.
  row.pending_logout_cause = cause;
  sessions_.Update(tx, row);
  return row.session;
}

absl::StatusOr<v1::AgentSession> AgentSessions::Assign(pqxx::work& tx, SessionRow row,
                                                       const v1::Agent& agent,
                                                       const Assignment& assignment,
                                                       const std::string& cause) {
  if (row.session.has_logout_time()) return SessionEnded(row.session);
  v1::AgentSession& s = row.session;
  if (assignment.work_mode != WorkMode::kUnspecified) {
    if (!WorkModeAllowed(static_cast<BlendingMode>(agent.blending_mode()),
                         assignment.work_mode)) {
      return WithReason(
          absl::FailedPreconditionError(absl::StrCat(
              "agent ", agent.agent_id(), " is ", v1::BlendingMode_Name(agent.blending_mode()),
              " and cannot take ", v1::WorkMode_Name(static_cast<v1::WorkMode>(
                                       assignment.work_mode)),
              " work (R18)")),
          "WORK_MODE_NOT_ALLOWED");
    }
    s.set_work_mode(static_cast<v1::WorkMode>(assignment.work_mode));
  }
  if (!assignment.campaign_ids.empty()) {
    s.clear_campaign_ids();
    for (const std::string& id : assignment.campaign_ids) s.add_campaign_ids(id);
  }
  if (!assignment.queue_ids.empty()) {
    s.clear_queue_ids();
    for (const std::string& id : assignment.queue_ids) s.add_queue_ids(id);
  }
  sessions_.Update(tx, row);
  events_.SessionAssigned(tx, s, cause);
  return s;
}

absl::StatusOr<v1::AgentSession> AgentSessions::DialerChange(pqxx::work& tx,
                                                             const std::string& session_id,
                                                             StateRequest request) {
  absl::StatusOr<SessionRow> row = Lock(tx, session_id);
  if (!row.ok()) return row.status();
  request.cause = StateCause::kDialer;
  return Change(tx, *std::move(row), request, kDialer);
}

absl::StatusOr<v1::AgentSession> AgentSessions::Reserve(pqxx::work& tx,
                                                        const std::string& session_id,
                                                        const std::string& call_id,
                                                        const std::string& campaign_id) {
  StateRequest request;
  request.target = AgentState::kReserved;
  request.call_id = call_id;
  request.campaign_id = campaign_id;
  return DialerChange(tx, session_id, request);
}

absl::StatusOr<v1::AgentSession> AgentSessions::Bridge(pqxx::work& tx,
                                                       const std::string& session_id,
                                                       const std::string& call_id) {
  StateRequest request;
  request.target = AgentState::kOnCall;
  request.call_id = call_id;
  return DialerChange(tx, session_id, request);
}

absl::StatusOr<v1::AgentSession> AgentSessions::EndCall(pqxx::work& tx,
                                                        const std::string& session_id,
                                                        const std::string& call_id) {
  StateRequest request;
  request.target = AgentState::kWrapUp;
  request.call_id = call_id;
  return DialerChange(tx, session_id, request);
}

absl::StatusOr<v1::AgentSession> AgentSessions::Release(pqxx::work& tx,
                                                        const std::string& session_id,
                                                        const std::string& call_id) {
  StateRequest request;
  request.target = AgentState::kReady;
  request.call_id = call_id;
  return DialerChange(tx, session_id, request);
}

absl::StatusOr<v1::AgentSession> AgentSessions::MissOffer(pqxx::work& tx,
                                                          const std::string& session_id,
                                                          const std::string& call_id) {
  absl::StatusOr<v1::AgentSession> released = Release(tx, session_id, call_id);
  if (!released.ok()) return released.status();
  StateRequest pause;
  pause.target = AgentState::kPaused;
  pause.pause_reason = PauseReason::kMissedOffer;
  return DialerChange(tx, session_id, pause);
}

}  // namespace tmk::dialing
