// The customer's and the law's rules enforced by the running dialer on PostgreSQL in virtual time
// (R10, R20): leads already waiting in the hopper are checked again when taken (DialGate), so a
// customer whose call another campaign abandoned meanwhile, a customer whose calling window
// closed, or one who reached the region's frequency cap is not rung — the lead is held with its
// reason — while an agent reserved first may still call the recall-blocked customer.
#include <cstdio>
#include <set>

#include "services/dialing/runtime/dial_gate.h"
#include "services/dialing/runtime/dialer_runtime.h"
#include "tests/dialing/runtime/dialer_floor_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;
using std::chrono::hours;
using std::chrono::minutes;

class DialGateTest : public testing::DialerFloorTest {
 protected:
  std::vector<std::string> Column(const std::string& sql) {
    std::vector<std::string> out;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  for (const pqxx::row& row : tx.exec(sql)) out.push_back(row[0].c_str());
                }).ok());
    return out;
  }

  std::set<std::string> CustomersCalled() {
    std::set<std::string> out;
    for (const v1::Call& c : Calls()) out.insert(c.customer_id());
    return out;
  }
};

// R20: customers queued in the hopper have their call abandoned by another campaign; the dialer
// takes their leads and refuses them for the recall block (72 h) while it dials the others, but a
// dial with an agent reserved first is allowed.
TEST_F(DialGateTest, AbandonedElsewhereIsNotRedialedUnlessAnAgentIsReserved) {
  LoadLeads(40);
  Running(common::DIAL_MODE_PROGRESSIVE);
  ASSERT_TRUE(hopper_->Fill(testing::kCampaignId).ok());
  const std::vector<std::string> queued = Column("SELECT customer_id FROM hopper ORDER BY 1");
  ASSERT_GE(queued.size(), 2u) << "nothing queued to re-check";
  const TimePoint abandoned_at = scheduler_.Now() - hours(1);
  for (const std::string& customer : queued) CalledElsewhere(customer, abandoned_at, true);

  LogIn(3);
  StartDialer();
  StartAgents();
  scheduler_.RunUntil(testing::FloorStart() + minutes(30));

  const std::set<std::string> called = CustomersCalled();
  EXPECT_GT(called.size(), 5u) << "the others were not dialed";
  for (const std::string& customer : queued) {
    EXPECT_EQ(called.count(customer), 0u) << customer << " rung within the recall block";
  }
  // Refused by the gate when taken: held for the rest of the block, with its reason.
  const std::string until = std::to_string(Micros(abandoned_at + hours(72)));
  EXPECT_EQ(Scalar(absl::StrCat("SELECT count(*) FROM leads WHERE hold_reason = 8 AND ",
                                TimeToMicros("hold_until"), " = ", until)),
            std::to_string(queued.size()));

  DialGate gate(projection_, "t");
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                const ComplianceRules rules = gate.Rules(tx);
                DialAttempt attempt{testing::kCampaignId, queued.front(), "", scheduler_.Now()};
                absl::StatusOr<DialVerdict> unreserved = gate.Check(tx, attempt, rules);
                ASSERT_TRUE(unreserved.ok()) << unreserved.status();
                ASSERT_FALSE(unreserved->allowed());
                EXPECT_EQ(unreserved->blocked.front().reason,
                          HopperBlockReason::kAbandonRecallBlock);
                attempt.agent_reserved = true;
                absl::StatusOr<DialVerdict> reserved = gate.Check(tx, attempt, rules);
                ASSERT_TRUE(reserved.ok()) << reserved.status();
                EXPECT_TRUE(reserved->allowed()) << "a reserved agent may call (R20)";
              }).ok());
}

// R10, R20: the campaign calls until 21:00 in the customer's own time; leads still waiting in
// the hopper when the window closes are not dialed, and customers whose local time is already
// night (Shanghai, UTC+8) are never rung although their leads are loaded. The runtime then says
// OUTSIDE_WINDOW, published once.
TEST_F(DialGateTest, NoCallOutsideTheCustomersLocalWindowEvenWithLeadsWaiting) {
  const TimePoint closing = absl::ToChronoTime(
      absl::FromCivil(absl::CivilSecond(2026, 6, 10, 21, 0, 0), absl::UTCTimeZone()));
  scheduler_ = VirtualTimeScheduler(closing - minutes(20));
  LoadLeads(300);
  ASSERT_TRUE(Run([&](pqxx::work& tx) {
                tx.exec("UPDATE customer_projection SET time_zone = 'Asia/Shanghai'"
                        " WHERE customer_id IN (SELECT 'cust-' || c FROM generate_series(1, 20) c)");
              }).ok());
  LogIn(4);
  Running(common::DIAL_MODE_POWER);
  StartDialer();
  runtime_->PublishStates(&runtime_events_);
  StartAgents();
  scheduler_.RunUntil(closing - std::chrono::seconds(1));
  const std::string waiting = Scalar("SELECT count(*) FROM hopper");
  EXPECT_EQ(StoredState(), v1::DIALING_STATE_RUNNING);
  scheduler_.RunUntil(closing + minutes(30));
  EXPECT_EQ(StoredState(), v1::DIALING_STATE_OUTSIDE_WINDOW) << "GetCampaignRuntime says why";
  EXPECT_EQ(Scalar("SELECT count(*) FROM outbox WHERE event_type ="
                   " 'telemarketing.events.v1.CampaignRuntimeChanged'"),
            "1");

  const std::vector<v1::Call> calls = Calls();
  ASSERT_GT(calls.size(), 10u) << "the window's last minutes were not dialed";
  for (const v1::Call& c : calls) {
    EXPECT_LT(TimeUtil::TimestampToMicroseconds(c.create_time()), Micros(closing))
        << c.customer_id() << " rung after 21:00";
    const int n = std::stoi(c.customer_id().substr(5));
    EXPECT_GT(n, 20) << c.customer_id() << " rung at night in Shanghai";
  }
  std::printf("window: %zu calls, %s leads waiting in the hopper at 20:59:59, %s held as outside"
              " the window\n",
              calls.size(), waiting.c_str(),
              Scalar("SELECT count(*) FROM leads WHERE hold_reason = 1").c_str());
  EXPECT_NE(waiting, "0") << "no lead was waiting when the window closed";
  EXPECT_EQ(Scalar("SELECT count(*) FROM leads WHERE state = 5"), "0") << "a lead left IN_PROGRESS";
}

// R20: at most one call a day to a customer across campaigns. Customers another campaign called
// this morning are not rung; the others are rung once, their retries waiting for the next day.
TEST_F(DialGateTest, FrequencyCapCountsCallsFromEveryCampaign) {
  PolicyWithDailyCap(1);
  LoadLeads(30);
  for (int c = 1; c <= 10; ++c) {
    CalledElsewhere(absl::StrCat("cust-", c), scheduler_.Now() - hours(2), false);
  }
  LogIn(3);
  Running(common::DIAL_MODE_PROGRESSIVE);
  StartDialer();
  StartAgents();
  scheduler_.RunUntil(testing::FloorStart() + hours(2));

  std::map<std::string, int> calls_by_customer;
  for (const v1::Call& c : Calls()) ++calls_by_customer[c.customer_id()];
  EXPECT_EQ(calls_by_customer.size(), 20u);
  for (const auto& [customer, n] : calls_by_customer) {
    EXPECT_GT(std::stoi(customer.substr(5)), 10) << customer << " over the daily cap";
    EXPECT_EQ(n, 1) << customer << " called twice in a day";
  }
  const std::string capped = Scalar("SELECT count(*) FROM leads WHERE hold_reason = 7");
  std::printf("frequency cap: %zu customers called, %s leads held at the cap\n",
              calls_by_customer.size(), capped.c_str());
}

}  // namespace
}  // namespace tmk::dialing
