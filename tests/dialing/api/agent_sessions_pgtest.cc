// AgentSessions on a real PostgreSQL (R19, R26, R28): the dialer's side of the state machine —
// reserve, bridge, end the call, release, a missed offer — and a supervisor's logout that waits
// for the wrap-up; each change stored, timed in the state log and in the outbox in the same
// transaction.
#include "services/dialing/api/agent_sessions.h"

#include <google/protobuf/util/time_util.h>

#include "services/dialing/store/agent_store.h"
#include "telemarketing/events/v1/agent_events.pb.h"
#include "tests/dialing/store/dialing_store_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
using std::chrono::seconds;

class AgentSessionsTest : public testing::DialingStoreTest {
 protected:
  void SetUp() override {
    DialingStoreTest::SetUp();
    agent_ = NewAgent("E1");
    ASSERT_TRUE(Run([&](pqxx::work& tx) { AgentStore().Insert(tx, agent_); }).ok());
    absl::StatusOr<v1::AgentSession> started = Do([&](pqxx::work& tx) {
      return sessions_.Start(tx, agent_, {"ext-1", {}, {}, PauseReason::kUnspecified});
    });
    ASSERT_TRUE(started.ok()) << started.status();
    session_id_ = started->session_id();
  }

  // Runs `step` in a transaction that commits only when it succeeds, like a handler does.
  absl::StatusOr<v1::AgentSession> Do(
      const std::function<absl::StatusOr<v1::AgentSession>(pqxx::work&)>& step) {
    absl::StatusOr<v1::AgentSession> result = absl::UnknownError("not run");
    absl::Status committed = pool_->Transact([&](pqxx::work& tx) {
      result = step(tx);
      return result.status();
    });
    if (!committed.ok()) return committed;
    return result;
  }

  // The StateChanged events in the outbox, oldest first, as "PREVIOUS->STATE cause call".
  std::vector<std::string> Changes() {
    std::vector<std::string> out;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  for (const pqxx::row& row :
                       tx.exec("SELECT payload, message_key FROM outbox ORDER BY seq")) {
                    ev::AgentEvent event;
                    EXPECT_TRUE(event.ParseFromString(pqxx::binarystring(row[0]).str()));
                    EXPECT_EQ(row[1].as<std::string>(), agent_.agent_id());
                    if (!event.has_state_changed()) continue;
                    const ev::StateChanged& c = event.state_changed();
                    out.push_back(v1::AgentState_Name(c.previous_state()).substr(12) + "->" +
                                  v1::AgentState_Name(c.state()).substr(12) + " " + c.cause() +
                                  " " + c.call_id());
                  }
                }).ok());
    return out;
  }

  ManualClock clock_{TimePoint(seconds(1'780'000'000))};
  HybridLogicalClock hlc_{clock_, "gd"};
  AgentEvents events_{"gd", clock_, hlc_};
  AgentSessions sessions_{clock_, events_};
  AgentSessionStore store_;
  v1::Agent agent_;
  std::string session_id_;
};

TEST_F(AgentSessionsTest, TheDialerTakesTheAgentThroughACall) {
  clock_.Advance(seconds(5));
  ASSERT_TRUE(Do([&](pqxx::work& tx) { return sessions_.Reserve(tx, session_id_, "call-1", "c1"); })
                  .ok());
  clock_.Advance(seconds(3));
  absl::StatusOr<v1::AgentSession> on_call =
      Do([&](pqxx::work& tx) { return sessions_.Bridge(tx, session_id_, "call-1"); });
  ASSERT_TRUE(on_call.ok()) << on_call.status();
  EXPECT_EQ(on_call->state(), v1::AGENT_STATE_ON_CALL);
  EXPECT_EQ(on_call->current_call_id(), "call-1");
  clock_.Advance(seconds(120));
  ASSERT_TRUE(
      Do([&](pqxx::work& tx) { return sessions_.EndCall(tx, session_id_, "call-1"); }).ok());

  // The agent cannot log out in wrap-up; they finish it.
  auto logout = [&](pqxx::work& tx) -> absl::StatusOr<v1::AgentSession> {
    absl::StatusOr<SessionRow> row = sessions_.Lock(tx, session_id_);
    if (!row.ok()) return row.status();
    StateRequest request;
    request.target = AgentState::kLoggedOut;
    return sessions_.Change(tx, *std::move(row), request, "agent");
  };
  EXPECT_EQ(Do(logout).status().code(), absl::StatusCode::kFailedPrecondition);

  EXPECT_EQ(Changes(), (std::vector<std::string>{"LOGGED_OUT->READY agent ",
                                                 "READY->RESERVED dialer call-1",
                                                 "RESERVED->ON_CALL dialer call-1",
                                                 "ON_CALL->WRAP_UP dialer call-1"}));
  std::vector<StateLogEntry> log;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { log = store_.StateLog(tx, session_id_); }).ok());
  ASSERT_EQ(log.size(), 4u);
  EXPECT_EQ(log[1].previous_state_duration, seconds(5));    // ready before the reservation
  EXPECT_EQ(log[2].previous_state_duration, seconds(3));    // reserved until bridged
  EXPECT_EQ(log[3].previous_state_duration, seconds(120));  // talk time (R26 AHT)
  EXPECT_EQ(log[3].call_id, "call-1");
}

TEST_F(AgentSessionsTest, StaleOrWrongDialerCommandsAreRefusedAndChangeNothing) {
  ASSERT_TRUE(Do([&](pqxx::work& tx) { return sessions_.Reserve(tx, session_id_, "call-1", ""); })
                  .ok());
  absl::StatusOr<v1::AgentSession> wrong =
      Do([&](pqxx::work& tx) { return sessions_.Bridge(tx, session_id_, "call-2"); });
  EXPECT_EQ(ReasonOf(wrong.status()), "CALL_NOT_HELD");
  absl::StatusOr<v1::AgentSession> twice =
      Do([&](pqxx::work& tx) { return sessions_.Reserve(tx, session_id_, "call-3", ""); });
  EXPECT_EQ(ReasonOf(twice.status()), "INVALID_STATE_TRANSITION");
  absl::StatusOr<v1::AgentSession> unknown =
      Do([&](pqxx::work& tx) { return sessions_.Release(tx, NewId(), "call-1"); });
  EXPECT_EQ(unknown.status().code(), absl::StatusCode::kNotFound);
  absl::StatusOr<v1::AgentSession> released =
      Do([&](pqxx::work& tx) { return sessions_.Release(tx, session_id_, "call-1"); });
  ASSERT_TRUE(released.ok());
  EXPECT_EQ(released->state(), v1::AGENT_STATE_READY);
  EXPECT_EQ(released->current_call_id(), "");
  EXPECT_EQ(Changes().size(), 3u);  // login, reserve, release: the refusals published nothing
}

TEST_F(AgentSessionsTest, AMissedOfferPausesTheAgentWithTheSystemsReason) {
  ASSERT_TRUE(Do([&](pqxx::work& tx) { return sessions_.Reserve(tx, session_id_, "call-1", ""); })
                  .ok());
  absl::StatusOr<v1::AgentSession> missed =
      Do([&](pqxx::work& tx) { return sessions_.MissOffer(tx, session_id_, "call-1"); });
  ASSERT_TRUE(missed.ok()) << missed.status();
  EXPECT_EQ(missed->state(), v1::AGENT_STATE_PAUSED);
  EXPECT_EQ(missed->pause_reason(), v1::PAUSE_REASON_MISSED_OFFER);
  EXPECT_EQ(Changes(), (std::vector<std::string>{"LOGGED_OUT->READY agent ",
                                                 "READY->RESERVED dialer call-1",
                                                 "RESERVED->READY dialer call-1",
                                                 "READY->PAUSED dialer "}));
}

TEST_F(AgentSessionsTest, AForcedLogoutDuringACallWaitsForTheWrapUp) {
  ASSERT_TRUE(Do([&](pqxx::work& tx) { return sessions_.Reserve(tx, session_id_, "call-1", ""); })
                  .ok());
  ASSERT_TRUE(Do([&](pqxx::work& tx) { return sessions_.Bridge(tx, session_id_, "call-1"); }).ok());
  auto force = [&](pqxx::work& tx) -> absl::StatusOr<v1::AgentSession> {
    absl::StatusOr<SessionRow> row = sessions_.Lock(tx, session_id_);
    if (!row.ok()) return row.status();
    return sessions_.ForceLogout(tx, *std::move(row), "supervisor:wang");
  };
  absl::StatusOr<v1::AgentSession> pending = Do(force);
  ASSERT_TRUE(pending.ok()) << pending.status();
  EXPECT_EQ(pending->state(), v1::AGENT_STATE_ON_CALL);  // the customer is not cut off
  ASSERT_TRUE(
      Do([&](pqxx::work& tx) { return sessions_.EndCall(tx, session_id_, "call-1"); }).ok());
  auto ready = [&](pqxx::work& tx) -> absl::StatusOr<v1::AgentSession> {
    absl::StatusOr<SessionRow> row = sessions_.Lock(tx, session_id_);
    if (!row.ok()) return row.status();
    StateRequest request;
    request.target = AgentState::kReady;
    return sessions_.Change(tx, *std::move(row), request, "agent");
  };
  absl::StatusOr<v1::AgentSession> out = Do(ready);
  ASSERT_TRUE(out.ok()) << out.status();
  EXPECT_EQ(out->state(), v1::AGENT_STATE_LOGGED_OUT);
  EXPECT_TRUE(out->has_logout_time());
  EXPECT_EQ(Changes().back(), "WRAP_UP->LOGGED_OUT supervisor:wang call-1");
  EXPECT_EQ(Do(force).status().code(), absl::StatusCode::kFailedPrecondition);  // ended
}

}  // namespace
}  // namespace tmk::dialing
