// The agent session state machine (R19): every documented edge for the cause that may take it,
// refusals with the reason, pause rules, timing and the logout a supervisor leaves pending.
#include "services/dialing/domain/agent_state_machine.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

using std::chrono::seconds;

const TimePoint kT0 = TimePoint(seconds(1'780'000'000));

AgentStatus At(AgentState state, std::string call_id = "") {
  AgentStatus status;
  status.state = state;
  status.since = kT0;
  status.call_id = std::move(call_id);
  return status;
}

StateRequest Ask(AgentState target, StateCause cause, std::string call_id = "") {
  StateRequest request;
  request.target = target;
  request.cause = cause;
  request.call_id = std::move(call_id);
  return request;
}

StateRequest Pause(PauseReason reason, StateCause cause = StateCause::kAgent) {
  StateRequest request = Ask(AgentState::kPaused, cause);
  request.pause_reason = reason;
  return request;
}

TEST(AgentStateMachineTest, TakesEveryDocumentedEdgeAndTimesIt) {
  struct Case {
    AgentState from;
    StateRequest request;
  };
  const Case cases[] = {
      {AgentState::kLoggedOut, Ask(AgentState::kReady, StateCause::kAgent)},
      {AgentState::kLoggedOut, Pause(PauseReason::kTraining)},
      {AgentState::kReady, Pause(PauseReason::kMeal)},
      {AgentState::kPaused, Ask(AgentState::kReady, StateCause::kAgent)},
      {AgentState::kReady, Ask(AgentState::kReserved, StateCause::kDialer, "c1")},
      {AgentState::kReserved, Ask(AgentState::kOnCall, StateCause::kDialer, "c1")},
      {AgentState::kReserved, Ask(AgentState::kReady, StateCause::kDialer, "c1")},
      {AgentState::kOnCall, Ask(AgentState::kWrapUp, StateCause::kDialer, "c1")},
      {AgentState::kWrapUp, Ask(AgentState::kReady, StateCause::kAgent)},
      {AgentState::kWrapUp, Pause(PauseReason::kBreak)},
      {AgentState::kReady, Ask(AgentState::kLoggedOut, StateCause::kAgent)},
      {AgentState::kPaused, Ask(AgentState::kLoggedOut, StateCause::kSupervisor)},
      {AgentState::kReserved, Ask(AgentState::kLoggedOut, StateCause::kAgent)},
  };
  for (const Case& c : cases) {
    const bool holds = c.from == AgentState::kReserved || c.from == AgentState::kOnCall ||
                       c.from == AgentState::kWrapUp;
    absl::StatusOr<StateTransition> t =
        Transition(At(c.from, holds ? "c1" : ""), c.request, kT0 + seconds(42));
    ASSERT_TRUE(t.ok()) << AgentStateName(c.from) << " -> " << AgentStateName(c.request.target)
                        << ": " << t.status();
    EXPECT_EQ(t->to.state, c.request.target);
    EXPECT_EQ(t->from.state, c.from);
    EXPECT_EQ(t->to.since, kT0 + seconds(42));
    EXPECT_EQ(t->previous_state_duration, seconds(42));
  }
}

TEST(AgentStateMachineTest, RefusesEdgesTheProtoDoesNotDocument) {
  struct Case {
    AgentState from;
    AgentState to;
    StateCause cause;
    std::string message;
  };
  const Case cases[] = {
      {AgentState::kOnCall, AgentState::kLoggedOut, StateCause::kAgent,
       "cannot log out while ON_CALL: finish the call and its wrap-up first"},
      {AgentState::kWrapUp, AgentState::kLoggedOut, StateCause::kSupervisor,
       "cannot log out while WRAP_UP: finish the call and its wrap-up first"},
      {AgentState::kReady, AgentState::kReady, StateCause::kAgent,
       "the session is already READY"},
      {AgentState::kPaused, AgentState::kReserved, StateCause::kDialer,
       "cannot go from PAUSED to RESERVED; from PAUSED a session goes to READY | LOGGED_OUT"},
      {AgentState::kReady, AgentState::kOnCall, StateCause::kDialer,
       "cannot go from READY to ON_CALL; from READY a session goes to PAUSED | RESERVED | "
       "LOGGED_OUT"},
      {AgentState::kLoggedOut, AgentState::kLoggedOut, StateCause::kAgent,
       "the session is already LOGGED_OUT"},
  };
  for (const Case& c : cases) {
    absl::StatusOr<StateTransition> t =
        Transition(At(c.from, "c1"), Ask(c.to, c.cause, "c1"), kT0);
    ASSERT_EQ(t.status().code(), absl::StatusCode::kFailedPrecondition) << c.message;
    EXPECT_EQ(t.status().message(), c.message);
    EXPECT_EQ(ReasonOf(t.status()), "INVALID_STATE_TRANSITION");
  }
}

TEST(AgentStateMachineTest, EachEdgeBelongsToItsCause) {
  // The agent cannot reserve itself, bridge a call or release a reservation...
  EXPECT_EQ(Transition(At(AgentState::kReady), Ask(AgentState::kReserved, StateCause::kAgent, "c"),
                       kT0)
                .status()
                .message(),
            "READY -> RESERVED is not the agent's to make");
  EXPECT_FALSE(Transition(At(AgentState::kReserved, "c"),
                          Ask(AgentState::kReady, StateCause::kAgent), kT0)
                   .ok());
  // ...and the dialer neither ends a wrap-up nor logs agents in.
  EXPECT_FALSE(Transition(At(AgentState::kWrapUp, "c"),
                          Ask(AgentState::kReady, StateCause::kDialer, "c"), kT0)
                   .ok());
  EXPECT_FALSE(
      Transition(At(AgentState::kLoggedOut), Ask(AgentState::kReady, StateCause::kDialer), kT0)
          .ok());
  // The dialer pauses only for a missed offer.
  EXPECT_EQ(Transition(At(AgentState::kReady), Pause(PauseReason::kBreak, StateCause::kDialer),
                       kT0)
                .status()
                .message(),
            "the dialer pauses an agent only for a missed offer");
  EXPECT_TRUE(Transition(At(AgentState::kReady),
                         Pause(PauseReason::kMissedOffer, StateCause::kDialer), kT0)
                  .ok());
}

TEST(AgentStateMachineTest, TheDialerActsOnTheCallItReservedFor) {
  StateRequest reserve = Ask(AgentState::kReserved, StateCause::kDialer, "call-1");
  reserve.campaign_id = "camp-1";
  absl::StatusOr<StateTransition> reserved = Transition(At(AgentState::kReady), reserve, kT0);
  ASSERT_TRUE(reserved.ok()) << reserved.status();
  EXPECT_EQ(reserved->to.call_id, "call-1");
  EXPECT_EQ(reserved->to.campaign_id, "camp-1");

  absl::StatusOr<StateTransition> wrong =
      Transition(reserved->to, Ask(AgentState::kOnCall, StateCause::kDialer, "call-2"), kT0);
  EXPECT_EQ(wrong.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(wrong.status()), "CALL_NOT_HELD");

  absl::StatusOr<StateTransition> bridged =
      Transition(reserved->to, Ask(AgentState::kOnCall, StateCause::kDialer, "call-1"), kT0);
  ASSERT_TRUE(bridged.ok());
  absl::StatusOr<StateTransition> ended =
      Transition(bridged->to, Ask(AgentState::kWrapUp, StateCause::kDialer, "call-1"), kT0);
  ASSERT_TRUE(ended.ok());
  EXPECT_EQ(ended->to.call_id, "call-1");  // the wrap-up is for that call
  EXPECT_EQ(ended->to.campaign_id, "camp-1");
  absl::StatusOr<StateTransition> ready =
      Transition(ended->to, Ask(AgentState::kReady, StateCause::kAgent), kT0);
  ASSERT_TRUE(ready.ok());
  EXPECT_EQ(ready->to.call_id, "");

  EXPECT_EQ(Transition(At(AgentState::kReady), Ask(AgentState::kReserved, StateCause::kDialer),
                       kT0)
                .status()
                .code(),
            absl::StatusCode::kInvalidArgument);
}

TEST(AgentStateMachineTest, PausedCarriesItsReasonAndLeavingClearsIt) {
  StateRequest pause = Pause(PauseReason::kOther);
  pause.pause_note = "fire drill";
  absl::StatusOr<StateTransition> paused = Transition(At(AgentState::kReady), pause, kT0);
  ASSERT_TRUE(paused.ok()) << paused.status();
  EXPECT_EQ(paused->to.pause_reason, PauseReason::kOther);
  EXPECT_EQ(paused->to.pause_note, "fire drill");
  absl::StatusOr<StateTransition> back =
      Transition(paused->to, Ask(AgentState::kReady, StateCause::kAgent), kT0 + seconds(900));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->to.pause_reason, PauseReason::kUnspecified);
  EXPECT_EQ(back->to.pause_note, "");
  EXPECT_EQ(back->previous_state_duration, seconds(900));
}

TEST(AgentStateMachineTest, DurationNeverNegativeWhenTheClockStepsBack) {
  absl::StatusOr<StateTransition> t =
      Transition(At(AgentState::kReady), Pause(PauseReason::kBreak), kT0 - seconds(5));
  ASSERT_TRUE(t.ok()) << t.status();
  EXPECT_EQ(t->previous_state_duration.count(), 0);
}

TEST(AgentStateMachineTest, APendingLogoutEndsTheSessionAfterWrapUp) {
  EXPECT_FALSE(CanLogOutNow(AgentState::kOnCall));
  EXPECT_FALSE(CanLogOutNow(AgentState::kWrapUp));
  EXPECT_TRUE(CanLogOutNow(AgentState::kReserved));
  AgentStatus wrap = At(AgentState::kWrapUp, "c1");
  wrap.logout_pending = true;
  absl::StatusOr<StateTransition> t =
      Transition(wrap, Ask(AgentState::kReady, StateCause::kAgent), kT0);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->to.state, AgentState::kLoggedOut);
  EXPECT_FALSE(t->to.logout_pending);
  // During the call the mark stays.
  AgentStatus on_call = At(AgentState::kOnCall, "c1");
  on_call.logout_pending = true;
  absl::StatusOr<StateTransition> ended =
      Transition(on_call, Ask(AgentState::kWrapUp, StateCause::kDialer, "c1"), kT0);
  ASSERT_TRUE(ended.ok());
  EXPECT_TRUE(ended->to.logout_pending);
}

TEST(AgentStateMachineTest, PauseRequestsNeedAReasonAndOtherNeedsANote) {
  auto violations = [](AgentState target, PauseReason reason, const std::string& note,
                       StateCause cause = StateCause::kAgent) {
    Violations v;
    CheckPauseRequest(target, reason, note, cause, "", v);
    std::vector<std::string> fields;
    for (const FieldViolation& f : v.list()) fields.push_back(f.field + ": " + f.description);
    return fields;
  };
  using V = std::vector<std::string>;
  EXPECT_EQ(violations(AgentState::kPaused, PauseReason::kMeal, ""), V{});
  EXPECT_EQ(violations(AgentState::kPaused, PauseReason::kOther, "doctor"), V{});
  EXPECT_EQ(violations(AgentState::kPaused, PauseReason::kOther, ""),
            V{"pause_note: required with OTHER: say why"});
  EXPECT_EQ(violations(AgentState::kPaused, PauseReason::kUnspecified, ""),
            V{"pause_reason: required with PAUSED (R26: pause time is reported by reason)"});
  EXPECT_EQ(
      violations(AgentState::kPaused, PauseReason::kMissedOffer, ""),
      V{"pause_reason: MISSED_OFFER is set by the system when an offered call is missed"});
  EXPECT_EQ(violations(AgentState::kPaused, PauseReason::kMissedOffer, "", StateCause::kDialer),
            V{});
  EXPECT_EQ(violations(AgentState::kReady, PauseReason::kBreak, "x"),
            (V{"pause_reason: only with PAUSED", "pause_note: only with PAUSED"}));
  EXPECT_EQ(violations(AgentState::kPaused, PauseReason::kBreak, "x"),
            V{"pause_note: only with OTHER"});
  EXPECT_EQ(violations(AgentState::kPaused, static_cast<PauseReason>(42), ""),
            V{"pause_reason: unknown pause reason"});
  EXPECT_EQ(violations(AgentState::kPaused, PauseReason::kOther, std::string(201, 'x')),
            V{"pause_note: at most 200 characters"});
}

}  // namespace
}  // namespace tmk::dialing
