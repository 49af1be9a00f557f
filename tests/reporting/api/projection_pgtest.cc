// The reporting projection on PostgreSQL (R26-R28): one generated set of events fed in order,
// shuffled, and with every event delivered twice (half under a new ce_id, as a relay re-publish
// would) gives identical projections, whose sums match counts computed independently from the
// raw events; the inbox and consumption counts see every duplicate.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "google/protobuf/util/time_util.h"
#include "services/common/pg/migration.h"
#include "services/reporting/api/live_floor.h"
#include "services/reporting/api/projection_consumer.h"
#include "telemarketing/events/v1/agent_events.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "tests/support/pg_fixture.h"

namespace tmk::reporting {
std::vector<pg::Migration> Migrations();

namespace {
namespace ev1 = telemarketing::events::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;

constexpr int64_t kStartSeconds = 1'790'000'000;

// What the generator decided, counted independently of the projection.
struct Expected {
  int64_t calls = 0, answered = 0, handled = 0, abandoned = 0, orders = 0, machines = 0;
  int64_t talk_ms = 0, wait_ms = 0, agent_on_call_ms = 0;
};

events::ConsumedEvent Event(const std::string& topic, const google::protobuf::Message& payload,
                            const std::string& key, int& next_id) {
  events::ConsumedEvent e;
  e.topic = topic;
  e.key = key;
  e.id = "00000000-0000-7000-8000-" + std::to_string(100000000000 + next_id++);
  e.type = payload.GetDescriptor()->full_name();
  e.source = "//telemarketing/gd/dialing";
  e.payload = payload.SerializeAsString();
  return e;
}

std::vector<events::ConsumedEvent> Generate(Expected& x) {
  std::mt19937 random(42);
  std::vector<events::ConsumedEvent> out;
  int id = 0;
  for (int i = 0; i < 300; ++i) {
    const std::string call_id = "call-" + std::to_string(i);
    const int64_t t0 = kStartSeconds + i * 37;  // spreads over several 15-minute buckets
    const bool answered = random() % 3 != 0;
    const bool machine = answered && random() % 10 == 0;
    const int64_t wait_ms = static_cast<int64_t>(random() % 4000);
    const bool connects = answered && !machine && random() % 8 != 0;
    const bool orders = connects && random() % 4 == 0;
    const int64_t talk_ms = 30000 + static_cast<int64_t>(random() % 60000);
    int64_t seq = 0;
    auto step = [&](int64_t at) {
      ev1::CallEvent e;
      e.set_call_id(call_id);
      e.set_sequence(++seq);
      *e.mutable_occur_time() = TimeUtil::SecondsToTimestamp(t0 + at);
      e.set_direction(common::CALL_DIRECTION_OUTBOUND);
      e.set_campaign_id("camp-1");
      e.set_lead_id("lead-" + std::to_string(i % 120));
      e.set_customer_id("cust-" + std::to_string(i % 120));
      e.set_region_id("gd");
      e.set_variant_id(i % 2 == 0 ? "A" : "B");
      return e;
    };
    ev1::CallEvent created = step(0);
    created.mutable_created()->set_attempt_number(1);
    out.push_back(Event("tm.calls.v1", created, call_id, id));
    ++x.calls;
    if (answered) {
      ev1::CallEvent a = step(8);
      a.mutable_answered();
      out.push_back(Event("tm.calls.v1", a, call_id, id));
      if (!machine) ++x.answered;
    }
    if (machine) {
      ev1::CallEvent m = step(9);
      m.mutable_machine_detected();
      out.push_back(Event("tm.calls.v1", m, call_id, id));
      ++x.machines;
    }
    if (connects) {
      ev1::CallEvent c = step(9);
      c.set_agent_id("agent-" + std::to_string(i % 5));
      c.mutable_agent_connected()->set_agent_id("agent-" + std::to_string(i % 5));
      *c.mutable_agent_connected()->mutable_wait_duration() = TimeUtil::MillisecondsToDuration(wait_ms);
      out.push_back(Event("tm.calls.v1", c, call_id, id));
      ++x.handled;
      x.wait_ms += wait_ms;
      x.talk_ms += talk_ms;
      if (wait_ms > 2000) ++x.abandoned;  // the compliance definition, counted by hand
    } else if (answered && !machine) {
      ++x.abandoned;
      ev1::CallEvent ab = step(11);
      ab.mutable_abandoned()->set_reason(telemarketing::dialing::v1::ABANDON_REASON_NO_AGENT_AVAILABLE);
      ab.mutable_abandoned()->set_counts_against_limit(true);
      out.push_back(Event("tm.calls.v1", ab, call_id, id));
    }
    ev1::CallEvent ended = step(100);
    ended.mutable_ended()->set_outcome(connects ? common::CALL_OUTCOME_REACHED : common::CALL_OUTCOME_NO_ANSWER);
    *ended.mutable_ended()->mutable_talk_duration() =
        TimeUtil::MillisecondsToDuration(connects ? talk_ms : 0);
    out.push_back(Event("tm.calls.v1", ended, call_id, id));
    if (connects) {
      ev1::CallEvent d = step(130);
      ev1::CallDispositioned& disp = *d.mutable_dispositioned();
      disp.set_disposition_code(orders ? "SALE" : "THINK");
      disp.set_previous_stage(common::SALE_STAGE_LIST_SCREENING);
      disp.set_stage(orders ? common::SALE_STAGE_ORDER : common::SALE_STAGE_FOLLOW_UP);
      disp.set_intention_class(orders ? common::INTENTION_CLASS_BUY_NOW : common::INTENTION_CLASS_INTERESTED);
      disp.set_lead_attempts(1 + i % 4);
      disp.set_lead_contacts(1 + i % 3);
      if (orders) {
        disp.set_order_id("order-" + std::to_string(i));
        disp.set_counts_as_conversion(true);
        ++x.orders;
      }
      out.push_back(Event("tm.calls.v1", d, call_id, id));
      // The agent's on-call span closes at the wrap-up.
      ev1::AgentEvent s;
      s.set_agent_id("agent-" + std::to_string(i % 5));
      s.set_region_id("gd");
      *s.mutable_occur_time() = TimeUtil::SecondsToTimestamp(t0 + 100);
      s.mutable_state_changed()->set_previous_state(telemarketing::dialing::v1::AGENT_STATE_ON_CALL);
      s.mutable_state_changed()->set_state(telemarketing::dialing::v1::AGENT_STATE_WRAP_UP);
      *s.mutable_state_changed()->mutable_previous_state_duration() =
          TimeUtil::MillisecondsToDuration(talk_ms);
      s.mutable_state_changed()->set_call_id(call_id);
      out.push_back(Event("tm.agents.v1", s, s.agent_id(), id));
      x.agent_on_call_ms += talk_ms;
    }
  }
  return out;
}

class ProjectionTest : public testing::PgSchemaTest {
 protected:
  // Feeds `events` into this test's schema and dumps every projection table as text.
  std::string Project(const std::vector<events::ConsumedEvent>& events) {
    ApplyServiceMigrations(Migrations());
    LiveFloor live;
    ProjectionConsumer consumer(*pool_, live);
    for (const auto& e : events) {
      absl::Status handled = consumer.Handle(e);
      EXPECT_TRUE(handled.ok()) << handled;
    }
    std::string dump;
    for (const char* table :
         {"call_rollup", "agent_rollup", "lead_progress", "intention_move_rollup", "timeline_entry",
          "call_open", "agent_current"}) {
      dump += Scalar(std::string("SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM ") +
                     table + " t");
      dump += "\n--\n";
    }
    return dump;
  }
  void Fresh() {
    TearDown();
    SetUp();
  }
};

TEST_F(ProjectionTest, OrderShuffleAndDuplicatesGiveIdenticalReportsMatchingTheRawEvents) {
  Expected x;
  const std::vector<events::ConsumedEvent> events = Generate(x);
  const std::string in_order = Project(events);

  // Rollup sums against the counts taken while generating.
  EXPECT_EQ(Scalar("SELECT sum(dial_attempts) FROM call_rollup"), std::to_string(x.calls));
  EXPECT_EQ(Scalar("SELECT sum(contacts) FROM call_rollup"), std::to_string(x.answered));
  EXPECT_EQ(Scalar("SELECT sum(handled) FROM call_rollup"), std::to_string(x.handled));
  EXPECT_EQ(Scalar("SELECT sum(abandoned) FROM call_rollup"), std::to_string(x.abandoned));
  EXPECT_EQ(Scalar("SELECT sum(machine_detected) FROM call_rollup"), std::to_string(x.machines));
  EXPECT_EQ(Scalar("SELECT sum(orders) FROM call_rollup"), std::to_string(x.orders));
  EXPECT_EQ(Scalar("SELECT sum(talk_ms) FROM call_rollup"), std::to_string(x.talk_ms));
  EXPECT_EQ(Scalar("SELECT sum(wait_ms) FROM call_rollup"), std::to_string(x.wait_ms));
  EXPECT_EQ(Scalar("SELECT sum(duration_ms) FROM agent_rollup WHERE state = 4"),
            std::to_string(x.agent_on_call_ms));
  EXPECT_EQ(Scalar("SELECT count(*) FROM call_open"), "0");
  EXPECT_EQ(Scalar("SELECT sum(consumed) FROM event_consumption"), std::to_string(events.size()));
  EXPECT_GT(std::stoll(Scalar("SELECT count(DISTINCT bucket_start) FROM call_rollup")), 3);

  std::vector<events::ConsumedEvent> shuffled = events;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(3));
  Fresh();
  EXPECT_EQ(Project(shuffled), in_order) << "shuffled events changed the projection";

  // Every event twice: the same ce_id (a redelivery) or, for every other one, a new ce_id (a
  // relay re-publish): both change nothing.
  std::vector<events::ConsumedEvent> doubled = shuffled;
  int64_t same_id = 0;
  for (size_t i = 0; i < shuffled.size(); ++i) {
    events::ConsumedEvent again = shuffled[i];
    if (i % 2 == 0 && again.topic == "tm.calls.v1") {
      again.id += "-republished";
    } else {
      ++same_id;
    }
    doubled.insert(doubled.begin() + static_cast<long>(std::mt19937(i)() % doubled.size()), again);
  }
  Fresh();
  EXPECT_EQ(Project(doubled), in_order) << "duplicates changed the projection";
  // Same ce_id: dropped by the inbox and counted as such; a new ce_id is consumed (so
  // reconciliation shows more consumed than produced) but changes no report.
  EXPECT_EQ(Scalar("SELECT sum(duplicates) FROM event_consumption"), std::to_string(same_id));
  EXPECT_EQ(Scalar("SELECT sum(consumed) FROM event_consumption"),
            std::to_string(doubled.size() - same_id));
}

}  // namespace
}  // namespace tmk::reporting
