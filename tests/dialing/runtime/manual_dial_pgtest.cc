// Manual dialing on a real PostgreSQL in virtual time (R17, R19, R20): a READY agent dials a
// customer of the campaign their session works; the lead's attempt is counted (a lead is created
// for a customer who had none), the agent is RESERVED on a MANUAL call and, when a person
// answers, bridged at once (no abandon clock). Every rule of the DialGate applies with the agent
// reserved — the calling window, the frequency cap, do-not-call and a screened number refuse the
// dial with their reason and write nothing — while only the abandon recall block lifts.
#include "services/dialing/api/manual_dials.h"

#include "services/common/core/status_details.h"
#include "tests/dialing/runtime/dialer_floor_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
using std::chrono::hours;
using std::chrono::seconds;

class ManualDialTest : public testing::DialerFloorTest {
 protected:
  void SetUp() override {
    DialerFloorTest::SetUp();
    LoadLeads(3);
    LogIn(2);
  }

  // The session of the `i`th agent logged in.
  SessionRow Session(int i) {
    std::vector<v1::AgentSession> sessions;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  sessions = AgentSessionStore().List(tx, {}, "", 10);
                }).ok());
    std::optional<SessionRow> row;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  row = AgentSessionStore().Find(tx, sessions.at(i).session_id());
                }).ok());
    return *row;
  }

  absl::StatusOr<CallRow> Dial(const SessionRow& session, const std::string& customer,
                               const std::string& contact_point,
                               const std::string& campaign = testing::kCampaignId) {
    absl::StatusOr<CallRow> row = absl::UnknownError("not run");
    // A refusal rolls the transaction back, as the handler's would.
    (void)pool_->Transact([&](pqxx::work& tx) -> absl::Status {
      row = dials_.Place(tx, session, {campaign, customer, contact_point});
      return row.status();
    });
    return row;
  }

  // Nothing of a refused dial is written: no call, no attempt, every agent READY.
  void ExpectNothingWritten() {
    EXPECT_EQ(Scalar("SELECT count(*) FROM calls"), "0");
    EXPECT_EQ(Scalar("SELECT count(*) FROM customer_calls"), "0");
    EXPECT_EQ(Scalar("SELECT coalesce(sum(attempts), 0) FROM leads"), "0");
    EXPECT_EQ(Scalar("SELECT count(*) FROM agent_sessions WHERE state <> 2"), "0");
  }

  ManualDials dials_{scheduler_, sessions_, ledger_, projection_, "t"};
};

TEST_F(ManualDialTest, CountsTheAttemptReservesTheAgentAndBridgesThemOnAnswer) {
  SimulationProfile everyone_answers;
  everyone_answers.person = 1;
  everyone_answers.machine = everyone_answers.busy = everyone_answers.no_answer =
      everyone_answers.invalid_number = 0;
  everyone_answers.talk_time = DurationDistribution::Fixed(300);
  StartDialer(everyone_answers);
  const SessionRow agent = Session(0);
  absl::StatusOr<CallRow> row = Dial(agent, "cust-1", "cp-1");
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_EQ(row->call.dial_mode(), telemarketing::common::v1::DIAL_MODE_MANUAL);
  EXPECT_EQ(row->call.state(), v1::CALL_STATE_DIALING);
  EXPECT_EQ(row->call.session_id(), agent.session.session_id());
  EXPECT_EQ(Scalar("SELECT attempts || ' ' || state FROM leads WHERE customer_id = 'cust-1'"),
            "1 5")
      << "the attempt counted and the lead IN_PROGRESS before the phone rings";
  EXPECT_EQ(Scalar(absl::StrCat("SELECT state FROM agent_sessions WHERE session_id = '",
                                agent.session.session_id(), "'")),
            "3")
      << "RESERVED";

  ASSERT_TRUE(runtime_->DialReserved(row->call).ok());
  scheduler_.RunUntil(testing::FloorStart() + seconds(60));
  std::optional<CallRow> call;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { call = CallStore().Find(tx, row->call.call_id()); }).ok());
  EXPECT_EQ(call->call.state(), v1::CALL_STATE_CONNECTED);
  EXPECT_EQ(call->call.agent_id(), agent.session.agent_id());
  EXPECT_EQ(call->call.abandon_reason(), v1::ABANDON_REASON_UNSPECIFIED);
  EXPECT_EQ(Scalar(absl::StrCat("SELECT state FROM agent_sessions WHERE session_id = '",
                                agent.session.session_id(), "'")),
            "4")
      << "ON_CALL";
  const std::vector<ev::CallEvent> steps = Events()[row->call.call_id()];
  ASSERT_EQ(steps.size(), 4u);
  EXPECT_EQ(steps[0].created().origin(), ev::CALL_ORIGIN_MANUAL);
  EXPECT_TRUE(steps[0].created().agent_reserved());
  EXPECT_EQ(steps[0].created().attempt_number(), 1);
  EXPECT_TRUE(steps[1].has_ringing());
  EXPECT_TRUE(steps[2].has_answered());
  EXPECT_TRUE(steps[3].has_agent_connected());
}

TEST_F(ManualDialTest, CustomerWithoutALeadGetsOneWithTheAttempt) {
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                tx.exec("INSERT INTO customer_projection VALUES ('cust-new', 't', false, 1, 3,"
                        " '', 1, 0, 't', now())");
                tx.exec("INSERT INTO customer_phones VALUES ('cust-new', 'cp-new', 0, 2,"
                        " '+8613999999999')");
              }).ok());
  absl::StatusOr<CallRow> row = Dial(Session(0), "cust-new", "cp-new");
  ASSERT_TRUE(row.ok()) << row.status();
  EXPECT_EQ(Scalar("SELECT attempts || ' ' || state || ' ' || priority || ' ' || campaign_id"
                   " FROM leads WHERE customer_id = 'cust-new'"),
            absl::StrCat("1 5 10 ", testing::kCampaignId))
      << "a gold-card customer's lead, prioritised like a loaded VIP (R19)";
  EXPECT_EQ(Scalar(absl::StrCat("SELECT customer_id FROM leads WHERE lead_id = '",
                                row->call.lead_id(), "'")),
            "cust-new");
}

TEST_F(ManualDialTest, OutsideTheWindowIsRefusedWithItsReasonAndNothingWritten) {
  scheduler_.RunUntil(testing::FloorStart() + hours(12));  // 22:00 UTC: the window is closed
  absl::StatusOr<CallRow> row = Dial(Session(0), "cust-1", "cp-1");
  EXPECT_EQ(row.status().code(), absl::StatusCode::kFailedPrecondition);
  EXPECT_EQ(ReasonOf(row.status()), "OUTSIDE_CALLING_WINDOW") << row.status();
  EXPECT_FALSE(ReasonMetadataOf(row.status())["retry_after"].empty()) << "when it opens";
  ExpectNothingWritten();
}

TEST_F(ManualDialTest, DoNotCallAndAScreenedNumberAreRefused) {
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                CustomerCallabilityStore().UpsertDnc(
                    tx, {"dnc-1", 1, "t", "", "cust-2", "", 0, std::nullopt, false,
                         HlcTimestamp{1, 0, "t"}});
                tx.exec("UPDATE customer_phones SET status = 4 WHERE customer_id = 'cust-3'");
              }).ok());
  absl::StatusOr<CallRow> row = Dial(Session(0), "cust-2", "cp-2");
  EXPECT_EQ(ReasonOf(row.status()), "DO_NOT_CALL") << row.status();
  row = Dial(Session(0), "cust-3", "cp-3");
  EXPECT_EQ(ReasonOf(row.status()), "NO_VALID_CONTACT_POINT") << row.status();
  row = Dial(Session(0), "cust-1", "cp-2");
  EXPECT_EQ(row.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldViolationsOf(row.status()).at(0).field, "contact_point_id");
  ExpectNothingWritten();
}

TEST_F(ManualDialTest, FrequencyCapRefusesButTheRecallBlockLiftsForTheReservedAgent) {
  // Another campaign abandoned cust-1 an hour ago (R20: 72 h without an unreserved call).
  CalledElsewhere("cust-1", scheduler_.Now() - hours(1), true);
  absl::StatusOr<CallRow> row = Dial(Session(0), "cust-1", "cp-1");
  EXPECT_TRUE(row.ok()) << "an agent is reserved first: " << row.status();

  // The campaign's region allows one call a day; cust-2 had one this morning.
  PolicyWithDailyCap(1);
  CalledElsewhere("cust-2", scheduler_.Now() - hours(2), false);
  row = Dial(Session(1), "cust-2", "cp-2");
  EXPECT_EQ(ReasonOf(row.status()), "FREQUENCY_CAP") << row.status();
}

TEST_F(ManualDialTest, SessionCampaignAgentStateAndLeadAreChecked) {
  const SessionRow first = Session(0);
  absl::StatusOr<CallRow> row =
      Dial(first, "cust-1", "cp-1", "00000000-0000-7000-8000-00000000c0ff");
  EXPECT_EQ(row.status().code(), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(ReasonOf(row.status()), "CAMPAIGN_NOT_ASSIGNED");
  ExpectNothingWritten();

  ASSERT_TRUE(Dial(first, "cust-1", "cp-1").ok());
  // The first agent is RESERVED now; the second may not dial the same customer's lead twice.
  row = Dial(Session(0), "cust-2", "cp-2");
  EXPECT_EQ(ReasonOf(row.status()), "AGENT_NOT_READY") << row.status();
  row = Dial(Session(1), "cust-1", "cp-1");
  EXPECT_EQ(ReasonOf(row.status()), "LEAD_NOT_DIALABLE") << row.status();
  row = Dial(Session(1), "cust-unknown", "cp-1");
  EXPECT_EQ(ReasonOf(row.status()), "CUSTOMER_NOT_FOUND") << row.status();
  EXPECT_EQ(Scalar("SELECT count(*) FROM calls"), "1");
}

}  // namespace
}  // namespace tmk::dialing
