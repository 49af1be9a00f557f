#pragma once
// A generated set of a floor's events as the dialer would publish them (tm.calls.v1 steps with
// CloudEvents attributes, tm.agents.v1 on-call spans), with the counts of what it holds taken
// while generating, independently of reporting: projection tests and the reporting benchmark
// check reports against these, and the benchmark loads `raw` into a plain table to ask the same
// questions of raw events.
#include <cstdint>
#include <string>
#include <vector>

#include "services/common/events/consumed_event.h"
#include "services/common/events/outbound_event.h"

namespace tmk::reporting::testing {

struct CallEventSetOptions {
  int calls = 300;
  // Calls are numbered from here, so a large set can be generated in slices of one sequence.
  int64_t first_call = 0;
  int campaigns = 1;
  int agents = 5;
  int64_t start_unix_seconds = 1'790'000'000;
  int seconds_between_calls = 37;
  unsigned seed = 42;
  std::string region = "gd";
  std::string source = "//telemarketing/gd/dialing";
};

// One step of a call as a row of a raw events table (the benchmark's baseline).
struct RawCallStep {
  std::string call_id;
  int64_t sequence = 0;
  int64_t occur_unix_micros = 0;
  std::string campaign_id;
  std::string agent_id;
  std::string variant_id;
  std::string step;  // created, answered, machine, connected, abandoned, ended, dispositioned
  int64_t wait_ms = 0;
  int64_t talk_ms = 0;
  int64_t wrap_ms = 0;
  std::string order_id;
};

struct CallEventCounts {
  int64_t calls = 0, answered = 0, handled = 0, abandoned = 0, orders = 0, machines = 0;
  int64_t talk_ms = 0, wait_ms = 0, agent_on_call_ms = 0;
};

struct CallEventSet {
  std::vector<events::ConsumedEvent> events;  // in publishing order
  std::vector<RawCallStep> raw;
  CallEventCounts counts;
};

CallEventSet GenerateCallEvents(const CallEventSetOptions& options);

// The events as a producer publishes them (same ids, keys, types and payloads) onto `topics`
// renamed by `topic_prefix` ("" keeps tm.calls.v1 and tm.agents.v1).
std::vector<events::OutboundEvent> ToOutbound(const std::vector<events::ConsumedEvent>& events,
                                              const std::string& topic_prefix);

}  // namespace tmk::reporting::testing
