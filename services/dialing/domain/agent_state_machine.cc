#include "services/dialing/domain/agent_state_machine.h"

#include <algorithm>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"

namespace tmk::dialing {
namespace {

constexpr size_t kMaxPauseNote = 200;

struct Edge {
  AgentState from;
  AgentState to;
  std::vector<StateCause> causes;
};

constexpr StateCause kAgent = StateCause::kAgent;
constexpr StateCause kDialer = StateCause::kDialer;
constexpr StateCause kSupervisor = StateCause::kSupervisor;

// The whole graph of agent_session.proto, with who may take each edge.
const std::vector<Edge>& Edges() {
  static const std::vector<Edge> edges = {
      {AgentState::kLoggedOut, AgentState::kReady, {kAgent}},
      {AgentState::kLoggedOut, AgentState::kPaused, {kAgent}},
      {AgentState::kReady, AgentState::kPaused, {kAgent, kDialer}},  // the dialer: MISSED_OFFER
      {AgentState::kReady, AgentState::kReserved, {kDialer}},
      {AgentState::kReady, AgentState::kLoggedOut, {kAgent, kDialer, kSupervisor}},
      {AgentState::kPaused, AgentState::kReady, {kAgent}},
      {AgentState::kPaused, AgentState::kLoggedOut, {kAgent, kDialer, kSupervisor}},
      {AgentState::kReserved, AgentState::kOnCall, {kDialer}},
      {AgentState::kReserved, AgentState::kReady, {kDialer}},
      {AgentState::kReserved, AgentState::kLoggedOut, {kAgent, kDialer, kSupervisor}},
      {AgentState::kOnCall, AgentState::kWrapUp, {kDialer}},
      {AgentState::kWrapUp, AgentState::kReady, {kAgent}},
      {AgentState::kWrapUp, AgentState::kPaused, {kAgent}},
  };
  return edges;
}

const char* CauseName(StateCause cause) {
  switch (cause) {
    case StateCause::kAgent: return "the agent";
    case StateCause::kDialer: return "the dialer";
    case StateCause::kSupervisor: return "a supervisor";
  }
  return "someone";
}

absl::Status Refused(std::string message) {
  return WithReason(absl::FailedPreconditionError(std::move(message)), "INVALID_STATE_TRANSITION");
}

// "cannot go from X to Y", with the way out of X so the caller knows what would work.
absl::Status NoSuchEdge(AgentState from, AgentState to) {
  if (to == AgentState::kLoggedOut &&
      (from == AgentState::kOnCall || from == AgentState::kWrapUp)) {
    return Refused(absl::StrCat("cannot log out while ", AgentStateName(from),
                                ": finish the call and its wrap-up first"));
  }
  if (from == to) return Refused(absl::StrCat("the session is already ", AgentStateName(from)));
  std::vector<std::string> next;
  for (const Edge& edge : Edges()) {
    if (edge.from == from) next.emplace_back(AgentStateName(edge.to));
  }
  return Refused(absl::StrCat("cannot go from ", AgentStateName(from), " to ", AgentStateName(to),
                              "; from ", AgentStateName(from), " a session goes to ",
                              absl::StrJoin(next, " | ")));
}

const Edge* FindEdge(AgentState from, AgentState to) {
  for (const Edge& edge : Edges()) {
    if (edge.from == from && edge.to == to) return &edge;
  }
  return nullptr;
}

bool Allows(const Edge& edge, StateCause cause) {
  return std::find(edge.causes.begin(), edge.causes.end(), cause) != edge.causes.end();
}

bool HoldsCall(AgentState state) {
  return state == AgentState::kReserved || state == AgentState::kOnCall ||
         state == AgentState::kWrapUp;
}

}  // namespace

const char* AgentStateName(AgentState state) {
  switch (state) {
    case AgentState::kUnspecified: return "UNSPECIFIED";
    case AgentState::kLoggedOut: return "LOGGED_OUT";
    case AgentState::kReady: return "READY";
    case AgentState::kReserved: return "RESERVED";
    case AgentState::kOnCall: return "ON_CALL";
    case AgentState::kWrapUp: return "WRAP_UP";
    case AgentState::kPaused: return "PAUSED";
  }
  return "UNKNOWN";
}

void CheckPauseRequest(AgentState target, PauseReason reason, const std::string& note,
                       StateCause cause, std::string_view prefix, Violations& v) {
  const std::string reason_field = absl::StrCat(std::string(prefix), "pause_reason");
  const std::string note_field = absl::StrCat(std::string(prefix), "pause_note");
  const int value = static_cast<int>(reason);
  if (value < static_cast<int>(PauseReason::kUnspecified) ||
      value > static_cast<int>(PauseReason::kOther)) {
    v.Add(reason_field, "unknown pause reason");
    return;
  }
  if (target != AgentState::kPaused) {
    if (reason != PauseReason::kUnspecified) v.Add(reason_field, "only with PAUSED");
    if (!note.empty()) v.Add(note_field, "only with PAUSED");
    return;
  }
  if (reason == PauseReason::kUnspecified) {
    v.Add(reason_field, "required with PAUSED (R26: pause time is reported by reason)");
  }
  // R28 assesses agents on missed offers, so an agent cannot claim or hide one.
  if (reason == PauseReason::kMissedOffer && cause != StateCause::kDialer) {
    v.Add(reason_field, "MISSED_OFFER is set by the system when an offered call is missed");
  }
  if (reason == PauseReason::kOther && note.empty()) {
    v.Add(note_field, "required with OTHER: say why");
  }
  if (reason != PauseReason::kOther && !note.empty()) v.Add(note_field, "only with OTHER");
  if (note.size() > kMaxPauseNote) {
    v.Add(note_field, absl::StrCat("at most ", kMaxPauseNote, " characters"));
  }
}

absl::StatusOr<StateTransition> Transition(const AgentStatus& from, const StateRequest& request,
                                           TimePoint now) {
  const Edge* edge = FindEdge(from.state, request.target);
  if (edge == nullptr) return NoSuchEdge(from.state, request.target);
  // A supervisor asked for a logout during the call: leaving the wrap-up ends the session (R29).
  const AgentState target =
      from.logout_pending && from.state == AgentState::kWrapUp ? AgentState::kLoggedOut
                                                               : request.target;
  if (!Allows(*edge, request.cause)) {
    return Refused(absl::StrCat(AgentStateName(from.state), " -> ", AgentStateName(target),
                                " is not ", CauseName(request.cause), "'s to make"));
  }
  if (request.cause == StateCause::kDialer && target == AgentState::kPaused &&
      request.pause_reason != PauseReason::kMissedOffer) {
    return Refused("the dialer pauses an agent only for a missed offer");
  }
  if (target == AgentState::kReserved && request.call_id.empty()) {
    return absl::InvalidArgumentError("a reservation names the call it is for");
  }
  // The dialer acts on the call it reserved the agent for; another call id is a stale command.
  const bool acts_on_held_call = from.state == AgentState::kReserved ||
                                 from.state == AgentState::kOnCall;
  if (request.cause == StateCause::kDialer && acts_on_held_call &&
      target != AgentState::kLoggedOut && request.call_id != from.call_id) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat("the session holds call '", from.call_id,
                                                   "', not '", request.call_id, "'")),
        "CALL_NOT_HELD");
  }

  StateTransition result;
  result.from = from;
  result.to.state = target;
  result.to.since = now;
  result.to.logout_pending = from.logout_pending && target != AgentState::kLoggedOut;
  if (target == AgentState::kPaused) {
    result.to.pause_reason = request.pause_reason;
    result.to.pause_note = request.pause_note;
  }
  if (target == AgentState::kReserved) {
    result.to.call_id = request.call_id;
    result.to.campaign_id = request.campaign_id;
  } else if (HoldsCall(target)) {
    result.to.call_id = from.call_id;
    result.to.campaign_id = from.campaign_id;
  }
  result.previous_state_duration = std::max(
      std::chrono::microseconds(0),
      std::chrono::duration_cast<std::chrono::microseconds>(now - from.since));
  return result;
}

bool CanLogOutNow(AgentState state) {
  return state != AgentState::kOnCall && state != AgentState::kWrapUp;
}

}  // namespace tmk::dialing
