#include "tests/reporting/support/call_event_set.h"

#include <random>

#include "absl/strings/str_cat.h"
#include "google/protobuf/util/time_util.h"
#include "telemarketing/events/v1/agent_events.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"

namespace tmk::reporting::testing {
namespace {
namespace ev1 = telemarketing::events::v1;
namespace dv1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;

}  // namespace

CallEventSet GenerateCallEvents(const CallEventSetOptions& o) {
  std::mt19937 random(o.seed + static_cast<unsigned>(o.first_call));
  CallEventSet set;
  CallEventCounts& x = set.counts;
  // Ids continue across slices: about 7 events per call at most.
  int64_t next_id = o.first_call * 8;
  auto add = [&](const std::string& topic, const std::string& key,
                 const google::protobuf::Message& payload, int64_t micros) {
    events::ConsumedEvent e;
    e.topic = topic;
    e.key = key;
    e.id = absl::StrCat("00000000-0000-7000-8000-", 100000000000 + next_id++);
    e.type = payload.GetDescriptor()->full_name();
    e.source = o.source;
    e.region = o.region;
    e.time = std::to_string(micros);
    e.payload = payload.SerializeAsString();
    set.events.push_back(std::move(e));
  };
  for (int64_t i = o.first_call; i < o.first_call + o.calls; ++i) {
    const std::string call_id = absl::StrCat("call-", o.seed, "-", i);
    const std::string campaign_id = absl::StrCat("camp-", i % o.campaigns);
    const std::string agent_id = absl::StrCat("agent-", i % o.agents);
    const std::string variant_id = (i / 2) % 2 == 0 ? "A" : "B";  // a lead keeps its variant
    const int64_t t0 = o.start_unix_seconds + i * o.seconds_between_calls;
    const bool answered = random() % 3 != 0;
    const bool machine = answered && random() % 10 == 0;
    const int64_t wait_ms = static_cast<int64_t>(random() % 4000);
    const bool connects = answered && !machine && random() % 8 != 0;
    const bool orders = connects && random() % 4 == 0;
    const int64_t talk_ms = 30000 + static_cast<int64_t>(random() % 60000);
    const int64_t wrap_ms = 5000 + static_cast<int64_t>(random() % 20000);
    int64_t seq = 0;
    auto step = [&](int64_t at) {
      ev1::CallEvent e;
      e.set_call_id(call_id);
      e.set_sequence(++seq);
      *e.mutable_occur_time() = TimeUtil::SecondsToTimestamp(t0 + at);
      e.set_direction(common::CALL_DIRECTION_OUTBOUND);
      e.set_campaign_id(campaign_id);
      e.set_lead_id(absl::StrCat("lead-", o.seed, "-", i / 2));
      e.set_customer_id(absl::StrCat("cust-", o.seed, "-", i / 2));
      e.set_region_id(o.region);
      e.set_variant_id(variant_id);
      return e;
    };
    auto emit = [&](const ev1::CallEvent& e, const char* name, int64_t wait, int64_t talk,
                    int64_t wrap, const std::string& order_id) {
      const int64_t micros = TimeUtil::TimestampToMicroseconds(e.occur_time());
      add("tm.calls.v1", call_id, e, micros);
      set.raw.push_back({call_id, e.sequence(), micros, campaign_id, e.agent_id(), variant_id,
                         name, wait, talk, wrap, order_id});
    };
    ev1::CallEvent created = step(0);
    created.mutable_created()->set_attempt_number(1);
    emit(created, "created", 0, 0, 0, "");
    ++x.calls;
    if (answered) {
      ev1::CallEvent a = step(8);
      a.mutable_answered();
      emit(a, "answered", 0, 0, 0, "");
      if (!machine) ++x.answered;
    }
    if (machine) {
      ev1::CallEvent m = step(9);
      m.mutable_machine_detected();
      emit(m, "machine", 0, 0, 0, "");
      ++x.machines;
    }
    if (connects) {
      ev1::CallEvent c = step(9);
      c.set_agent_id(agent_id);
      c.mutable_agent_connected()->set_agent_id(agent_id);
      *c.mutable_agent_connected()->mutable_wait_duration() = TimeUtil::MillisecondsToDuration(wait_ms);
      emit(c, "connected", wait_ms, 0, 0, "");
      ++x.handled;
      x.wait_ms += wait_ms;
      x.talk_ms += talk_ms;
      if (wait_ms > 2000) ++x.abandoned;  // the compliance definition, counted by hand
    } else if (answered && !machine) {
      ++x.abandoned;
      ev1::CallEvent ab = step(11);
      ab.mutable_abandoned()->set_reason(dv1::ABANDON_REASON_NO_AGENT_AVAILABLE);
      ab.mutable_abandoned()->set_counts_against_limit(true);
      emit(ab, "abandoned", 0, 0, 0, "");
    }
    ev1::CallEvent ended = step(100);
    ended.mutable_ended()->set_outcome(connects ? common::CALL_OUTCOME_REACHED
                                                : common::CALL_OUTCOME_NO_ANSWER);
    *ended.mutable_ended()->mutable_talk_duration() =
        TimeUtil::MillisecondsToDuration(connects ? talk_ms : 0);
    if (connects) ended.set_agent_id(agent_id);
    emit(ended, "ended", 0, connects ? talk_ms : 0, 0, "");
    if (!connects) continue;
    ev1::CallEvent d = step(130);
    d.set_agent_id(agent_id);
    ev1::CallDispositioned& disp = *d.mutable_dispositioned();
    disp.set_disposition_code(orders ? "SALE" : "THINK");
    disp.set_previous_stage(common::SALE_STAGE_LIST_SCREENING);
    disp.set_stage(orders ? common::SALE_STAGE_ORDER : common::SALE_STAGE_FOLLOW_UP);
    disp.set_intention_class(orders ? common::INTENTION_CLASS_BUY_NOW
                                    : common::INTENTION_CLASS_INTERESTED);
    disp.set_lead_attempts(1 + i % 4);
    disp.set_lead_contacts(1 + i % 3);
    *disp.mutable_wrap_up_duration() = TimeUtil::MillisecondsToDuration(wrap_ms);
    std::string order_id;
    if (orders) {
      order_id = absl::StrCat("order-", o.seed, "-", i);
      disp.set_order_id(order_id);
      disp.set_counts_as_conversion(true);
      ++x.orders;
    }
    emit(d, "dispositioned", 0, 0, wrap_ms, order_id);
    // The agent's on-call span closes when the call ends.
    ev1::AgentEvent s;
    s.set_agent_id(agent_id);
    s.set_region_id(o.region);
    *s.mutable_occur_time() = TimeUtil::SecondsToTimestamp(t0 + 100);
    s.mutable_state_changed()->set_previous_state(dv1::AGENT_STATE_ON_CALL);
    s.mutable_state_changed()->set_state(dv1::AGENT_STATE_WRAP_UP);
    *s.mutable_state_changed()->mutable_previous_state_duration() =
        TimeUtil::MillisecondsToDuration(talk_ms);
    s.mutable_state_changed()->set_call_id(call_id);
    add("tm.agents.v1", agent_id, s, (t0 + 100) * 1'000'000);
    x.agent_on_call_ms += talk_ms;
  }
  return set;
}

std::vector<events::OutboundEvent> ToOutbound(const std::vector<events::ConsumedEvent>& in,
                                              const std::string& topic_prefix) {
  std::vector<events::OutboundEvent> out;
  out.reserve(in.size());
  for (const events::ConsumedEvent& e : in) {
    events::OutboundEvent o;
    o.id = e.id;
    o.topic = topic_prefix + e.topic;
    o.key = e.key;
    o.type = e.type;
    o.subject = e.key;
    o.time = TimePoint(std::chrono::microseconds(std::stoll(e.time)));
    o.payload = e.payload;
    out.push_back(std::move(o));
  }
  return out;
}

}  // namespace tmk::reporting::testing
