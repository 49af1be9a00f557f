#pragma once
// An agent session's state machine (R19), exactly as agent_session.proto documents it:
//   LOGGED_OUT -> READY | PAUSED; READY <-> PAUSED; READY -> RESERVED;
//   RESERVED -> ON_CALL | READY; ON_CALL -> WRAP_UP; WRAP_UP -> READY | PAUSED;
//   any state but ON_CALL and WRAP_UP -> LOGGED_OUT.
// Each edge also says who may take it: the agent at the desktop moves between READY and PAUSED,
// leaves WRAP_UP and logs in and out; the dialer reserves, bridges, ends calls and releases; a
// supervisor logs a session out. Every transition is timed (R26 occupancy, R28 pause and talk
// time): the result carries how long the previous state lasted. Refusals are FAILED_PRECONDITION
// with reason INVALID_STATE_TRANSITION and a message saying why.
#include <chrono>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/common/core/status_details.h"

namespace tmk::dialing {

// Numeric values equal telemarketing.dialing.v1.AgentState.
enum class AgentState {
  kUnspecified = 0,
  kLoggedOut = 1,
  kReady = 2,
  kReserved = 3,
  kOnCall = 4,
  kWrapUp = 5,
  kPaused = 6,
};

// Numeric values equal telemarketing.dialing.v1.PauseReason.
enum class PauseReason {
  kUnspecified = 0,
  kBreak = 1,
  kMeal = 2,
  kTraining = 3,
  kMeeting = 4,
  kCoaching = 5,
  kBackOffice = 6,
  kTechnicalIssue = 7,
  kMissedOffer = 8,
  kOther = 9,
};

// Who asks for a transition.
enum class StateCause {
  kAgent,       // the agent at the desktop (StartSession, SetAgentState, EndSession)
  kDialer,      // the dialer and blending: reservations, calls, missed offers
  kSupervisor,  // ForceLogout
};

const char* AgentStateName(AgentState state);

// Where a session stands.
struct AgentStatus {
  AgentState state = AgentState::kLoggedOut;
  PauseReason pause_reason = PauseReason::kUnspecified;  // set only while PAUSED
  std::string pause_note;                                // for PauseReason::kOther
  std::string call_id;      // the call held or reserved for (RESERVED, ON_CALL, WRAP_UP)
  std::string campaign_id;  // that call's campaign, when it has one
  TimePoint since;          // when `state` began
  // A supervisor's ForceLogout during a call: leaving WRAP_UP logs the session out instead.
  bool logout_pending = false;
};

// What is asked: the target state with its pause reason, or the call for RESERVED.
struct StateRequest {
  AgentState target = AgentState::kUnspecified;
  PauseReason pause_reason = PauseReason::kUnspecified;
  std::string pause_note;
  std::string call_id;      // RESERVED: the call; ON_CALL, WRAP_UP, READY from RESERVED: must match
  std::string campaign_id;  // RESERVED: the call's campaign, if any
  StateCause cause = StateCause::kAgent;
};

struct StateTransition {
  AgentStatus from;
  AgentStatus to;
  // How long `from.state` lasted; never negative, even when the clock stepped back.
  std::chrono::microseconds previous_state_duration{0};
};

// The pause fields of a request, under `prefix` ("" or e.g. "initial_"): PAUSED needs a reason,
// other states none; OTHER needs a note (at most 200 characters); MISSED_OFFER is set by the
// dialer only.
void CheckPauseRequest(AgentState target, PauseReason reason, const std::string& note,
                       StateCause cause, std::string_view prefix, Violations& violations);

// The status after `request` at `now`, or FAILED_PRECONDITION (INVALID_STATE_TRANSITION) saying
// why the edge does not exist or is not the cause's to take. With a pending logout, an agent
// leaving WRAP_UP lands in LOGGED_OUT. Assumes CheckPauseRequest passed.
absl::StatusOr<StateTransition> Transition(const AgentStatus& from, const StateRequest& request,
                                           TimePoint now);

// Whether a supervisor's ForceLogout can act now; otherwise it marks the logout pending until
// the current call's wrap-up ends (dialing_service.proto).
bool CanLogOutNow(AgentState state);

}  // namespace tmk::dialing
