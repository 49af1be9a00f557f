// Agent sessions on a real PostgreSQL (R19, R29): one open session per agent even when two logins
// race, the state log in order with its timing, listings by agent, group, campaign, state and
// login time.
#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>

#include "services/dialing/store/agent_session_store.h"
#include "services/dialing/store/agent_store.h"
#include "tests/dialing/store/dialing_store_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
using google::protobuf::util::MessageDifferencer;
using google::protobuf::util::TimeUtil;
using std::chrono::seconds;

const TimePoint kT0 = TimePoint(seconds(1'780'000'000));

class AgentSessionStoreTest : public testing::DialingStoreTest {
 protected:
  void SetUp() override {
    DialingStoreTest::SetUp();
    group_ = NewId();
    agent_ = NewAgent("E1", {group_});
    other_ = NewAgent("E2");
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  agents_.Insert(tx, agent_);
                  agents_.Insert(tx, other_);
                }).ok());
  }

  static SessionRow Open(const v1::Agent& agent, TimePoint login,
                         std::vector<std::string> campaigns = {}) {
    SessionRow row;
    row.session.set_session_id(NewId());
    row.session.set_agent_id(agent.agent_id());
    row.session.set_station_id("ext-" + agent.employee_number());
    row.session.set_state(v1::AGENT_STATE_READY);
    *row.session.mutable_login_time() = TimeUtil::SecondsToTimestamp(
        std::chrono::duration_cast<seconds>(login.time_since_epoch()).count());
    *row.session.mutable_state_start_time() = row.session.login_time();
    for (const std::string& c : campaigns) row.session.add_campaign_ids(c);
    return row;
  }

  std::vector<std::string> Ids(const AgentSessionStore::Filter& filter) {
    std::vector<std::string> ids;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  for (const v1::AgentSession& s : sessions_.List(tx, filter, "", 10)) {
                    ids.push_back(s.session_id());
                  }
                }).ok());
    return ids;
  }

  AgentStore agents_;
  AgentSessionStore sessions_;
  std::string group_;
  v1::Agent agent_;
  v1::Agent other_;
};

TEST_F(AgentSessionStoreTest, OneOpenSessionPerAgentThenANewOneAfterLogout) {
  SessionRow first = Open(agent_, kT0);
  ASSERT_TRUE(Run([&](pqxx::work& tx) { sessions_.Insert(tx, first); }).ok());
  SessionRow second = Open(agent_, kT0 + seconds(1));
  EXPECT_EQ(Run([&](pqxx::work& tx) { sessions_.Insert(tx, second); }).code(),
            absl::StatusCode::kAlreadyExists);

  first.session.set_state(v1::AGENT_STATE_LOGGED_OUT);
  *first.session.mutable_logout_time() = TimeUtil::SecondsToTimestamp(1'780'000'100);
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                sessions_.Update(tx, first);
                EXPECT_FALSE(sessions_.FindOpenForAgent(tx, agent_.agent_id()));
                sessions_.Insert(tx, second);
                EXPECT_EQ(sessions_.FindOpenForAgent(tx, agent_.agent_id())->session.session_id(),
                          second.session.session_id());
              }).ok());
}

TEST_F(AgentSessionStoreTest, RoundTripsTheRowWithWhatOnlyTheServiceNeeds) {
  SessionRow row = Open(agent_, kT0, {"c1"});
  row.session.set_state(v1::AGENT_STATE_ON_CALL);
  row.session.set_current_call_id("call-1");
  row.call_campaign_id = "c1";
  row.pending_logout_cause = "supervisor:wang";
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                sessions_.Insert(tx, row);
                std::optional<SessionRow> found =
                    sessions_.Find(tx, row.session.session_id(), /*for_update=*/true);
                ASSERT_TRUE(found);
                EXPECT_TRUE(MessageDifferencer::Equals(found->session, row.session));
                EXPECT_EQ(found->call_campaign_id, "c1");
                EXPECT_EQ(found->pending_logout_cause, "supervisor:wang");
                EXPECT_FALSE(sessions_.Find(tx, NewId()));
                EXPECT_FALSE(sessions_.Find(tx, "nope"));
              }).ok());
}

TEST_F(AgentSessionStoreTest, TheStateLogKeepsEveryTransitionInOrderWithItsTiming) {
  SessionRow row = Open(agent_, kT0);
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                sessions_.Insert(tx, row);
                sessions_.AppendStateLog(tx, {row.session.session_id(), agent_.agent_id(), 1, 2,
                                              0, "", "agent", kT0, seconds(0)});
                sessions_.AppendStateLog(tx, {row.session.session_id(), agent_.agent_id(), 2, 6,
                                              2, "", "agent", kT0 + seconds(90), seconds(90)});
                sessions_.AppendStateLog(
                    tx, {row.session.session_id(), agent_.agent_id(), 6, 2, 0, "", "agent",
                         kT0 + seconds(1890) + std::chrono::microseconds(250), seconds(1800)});
              }).ok());
  std::vector<StateLogEntry> log;
  ASSERT_TRUE(Run([&](pqxx::work& tx) { log = sessions_.StateLog(tx, row.session.session_id()); })
                  .ok());
  ASSERT_EQ(log.size(), 3u);
  EXPECT_EQ(log[1].previous_state, 2);
  EXPECT_EQ(log[1].state, 6);
  EXPECT_EQ(log[1].pause_reason, 2);
  EXPECT_EQ(log[1].enter_time, kT0 + seconds(90));
  EXPECT_EQ(log[1].previous_state_duration, seconds(90));
  EXPECT_EQ(log[2].enter_time, kT0 + seconds(1890) + std::chrono::microseconds(250));
  EXPECT_EQ(log[2].previous_state_duration, seconds(1800));
  EXPECT_EQ(log[2].cause, "agent");
}

TEST_F(AgentSessionStoreTest, ListsOpenSessionsOrHistoryWithFilters) {
  SessionRow ended = Open(agent_, kT0, {"c1"});
  ended.session.set_state(v1::AGENT_STATE_LOGGED_OUT);
  *ended.session.mutable_logout_time() = TimeUtil::SecondsToTimestamp(1'780'000'050);
  SessionRow mine = Open(agent_, kT0 + seconds(100), {"c1"});
  SessionRow theirs = Open(other_, kT0 + seconds(200), {"c2"});
  theirs.session.set_state(v1::AGENT_STATE_PAUSED);
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                for (const SessionRow& r : {ended, mine, theirs}) sessions_.Insert(tx, r);
              }).ok());
  const std::string e = ended.session.session_id();
  const std::string m = mine.session.session_id();
  const std::string t = theirs.session.session_id();
  using Expected = std::vector<std::string>;
  EXPECT_EQ(Ids({}), (Expected{m, t}));
  EXPECT_EQ(Ids({agent_.agent_id()}), Expected{m});
  EXPECT_EQ(Ids({"", group_}), Expected{m});
  EXPECT_EQ(Ids({"", "", "c2"}), Expected{t});
  EXPECT_EQ(Ids({"", "", "", {v1::AGENT_STATE_PAUSED}}), Expected{t});
  // History: every session since the time, LOGGED_OUT ones when asked for.
  EXPECT_EQ(Ids({"", "", "", {}, kT0}), (Expected{m, t}));
  EXPECT_EQ(Ids({"", "", "", {v1::AGENT_STATE_LOGGED_OUT, v1::AGENT_STATE_READY}, kT0}),
            (Expected{e, m}));
  EXPECT_EQ(Ids({"", "", "", {}, kT0 + seconds(150)}), Expected{t});
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                std::vector<v1::AgentSession> after = sessions_.List(tx, {}, m, 10);
                ASSERT_EQ(after.size(), 1u);
                EXPECT_EQ(after[0].session_id(), t);
              }).ok());
}

}  // namespace
}  // namespace tmk::dialing
