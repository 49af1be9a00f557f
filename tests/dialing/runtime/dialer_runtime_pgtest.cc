// The dialer on a real PostgreSQL in virtual time (R17, R19, R20): a simulated hour of predictive
// dialing with simulated agents, then every call checked from what was stored and published —
// one end per call, the abandon rate within the campaign's target, no customer rung twice at
// once, every attempt counted, no unanswered call hung up before 15 s — and a dialer killed
// mid-call whose successor closes the lost calls and reschedules their leads without losing an
// attempt or ringing anyone twice.
#include "services/dialing/runtime/dialer_runtime.h"

#include <cstdio>
#include <map>

#include "services/dialing/store/call_store.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "tests/dialing/runtime/dialer_floor_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
using google::protobuf::util::TimeUtil;
using std::chrono::hours;
using std::chrono::minutes;

class DialerRuntimeTest : public testing::DialerFloorTest {
 protected:
  std::vector<v1::Call> Calls() {
    std::vector<v1::Call> out;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  out = CallStore().List(tx, {testing::kCampaignId, "", "", ""}, 100000, "");
                }).ok());
    return out;
  }

  std::map<std::string, int> AttemptsByLead() {
    std::map<std::string, int> out;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  for (const pqxx::row& row :
                       tx.exec("SELECT lead_id::text, attempts FROM leads WHERE attempts > 0")) {
                    out[row[0].as<std::string>()] = row[1].as<int>();
                  }
                }).ok());
    return out;
  }
};

// R17, R20: an hour of predictive dialing for 10 agents over 2,000 leads.
TEST_F(DialerRuntimeTest, SimulatedHourKeepsEveryCallAccountedAndCompliant) {
  LoadLeads(2000);
  LogIn(10);
  Running(telemarketing::common::v1::DIAL_MODE_PREDICTIVE);
  StartDialer();
  StartAgents();
  scheduler_.RunUntil(testing::FloorStart() + hours(1));
  runtime_->Stop();
  // Calls in flight finish and agents wrap up; no new call is placed.
  scheduler_.RunUntil(testing::FloorStart() + hours(1) + minutes(30));

  const std::vector<v1::Call> calls = Calls();
  ASSERT_GT(calls.size(), 200u) << "the floor dialed too little to judge";
  EXPECT_EQ(runtime_->CallsInFlight(""), 0);
  const auto events = Events();

  int64_t answered = 0;
  int64_t abandoned = 0;
  std::map<std::string, std::vector<std::pair<int64_t, int64_t>>> rung;  // customer -> spans
  std::map<std::string, int> calls_by_lead;
  for (const v1::Call& c : calls) {
    SCOPED_TRACE(c.call_id());
    // Over and wrapped up: by the system or by the agent.
    EXPECT_EQ(c.state(), v1::CALL_STATE_DISPOSITIONED);
    EXPECT_NE(c.outcome(), telemarketing::common::v1::CALL_OUTCOME_UNSPECIFIED);
    const std::vector<ev::CallEvent>& steps = events.at(c.call_id());
    int created = 0, ended = 0, dispositioned = 0;
    for (size_t i = 0; i < steps.size(); ++i) {
      EXPECT_EQ(steps[i].sequence(), static_cast<int64_t>(i + 1));
      created += steps[i].has_created();
      ended += steps[i].has_ended();
      dispositioned += steps[i].has_dispositioned();
    }
    EXPECT_TRUE(steps.front().has_created());
    EXPECT_EQ(created, 1);
    EXPECT_EQ(ended, 1);
    EXPECT_EQ(dispositioned, 1);
    EXPECT_TRUE(steps.back().has_dispositioned());
    if (c.has_answer_time() && c.outcome() != telemarketing::common::v1::CALL_OUTCOME_MACHINE) {
      ++answered;
      if (c.outcome() == telemarketing::common::v1::CALL_OUTCOME_ABANDONED) {
        ++abandoned;
        EXPECT_NE(c.abandon_reason(), v1::ABANDON_REASON_UNSPECIFIED);
      }
    }
    if (c.outcome() == telemarketing::common::v1::CALL_OUTCOME_NO_ANSWER) {
      EXPECT_GE(TimeUtil::DurationToSeconds(c.ring_duration()), 15) << "R20 minimum ring";
    }
    rung[c.customer_id()].push_back({TimeUtil::TimestampToMicroseconds(c.create_time()),
                                     TimeUtil::TimestampToMicroseconds(c.end_time())});
    ++calls_by_lead[c.lead_id()];
  }
  std::printf("simulated hour: %zu calls, %lld answered by a person, %lld abandoned, %d wrap-ups\n",
              calls.size(), static_cast<long long>(answered), static_cast<long long>(abandoned),
              wrap_ups_);
  ASSERT_GT(answered, 50);
  EXPECT_LE(double(abandoned) / answered, 0.03) << abandoned << " of " << answered;
  for (auto& [customer, spans] : rung) {
    std::sort(spans.begin(), spans.end());
    for (size_t i = 1; i < spans.size(); ++i) {
      EXPECT_GE(spans[i].first, spans[i - 1].second) << customer << " rung twice at once";
    }
  }
  EXPECT_EQ(AttemptsByLead(), calls_by_lead);
  EXPECT_EQ(Scalar("SELECT sum(abandons) FROM abandon_minutes"),
            abandoned ? std::to_string(abandoned) : "");
  EXPECT_GT(wrap_ups_, 50);
  EXPECT_EQ(Scalar("SELECT count(*) FROM leads WHERE state = 5"), "0") << "a lead left IN_PROGRESS";
}

// R17, R20: a dialer dies with calls ringing and connected; the next one closes them.
TEST_F(DialerRuntimeTest, RestartClosesLostCallsAndKeepsAttempts) {
  LoadLeads(200);
  LogIn(5);
  Running(telemarketing::common::v1::DIAL_MODE_PROGRESSIVE);
  StartDialer();
  scheduler_.RunUntil(testing::FloorStart() + minutes(2));
  ASSERT_GT(runtime_->CallsInFlight(""), 0) << "nothing to lose in the crash";
  const auto before = AttemptsByLead();
  // The crash: the process and its telephony vanish; pending tasks die with it.
  runtime_.reset();
  telephony_.reset();
  scheduler_ = VirtualTimeScheduler(testing::FloorStart() + minutes(3));
  const std::string open_before = Scalar("SELECT count(*) FROM calls WHERE state < 6");
  ASSERT_NE(open_before, "0");

  StartDialer();
  EXPECT_EQ(Scalar("SELECT count(*) FROM calls WHERE state < 6"), "0");
  EXPECT_EQ(Scalar("SELECT count(*) FROM leads WHERE state = 5 AND lead_id::text IN"
                   " (SELECT lead_id FROM calls WHERE outcome = 9)"),
            "0")
      << "a lost call's lead is still IN_PROGRESS";
  for (const auto& [lead, attempts] : before) {
    EXPECT_EQ(AttemptsByLead().at(lead), attempts) << "attempt lost for " << lead;
  }
  EXPECT_EQ(Scalar("SELECT count(*) FROM calls WHERE outcome = 9 AND state = 7"), open_before);
  // Agents held by the lost calls are free again (READY, or in wrap-up of a connected call).
  EXPECT_EQ(Scalar("SELECT count(*) FROM agent_sessions WHERE state IN (3, 4)"), "0");
}

}  // namespace
}  // namespace tmk::dialing
