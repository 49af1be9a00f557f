#pragma once
// A call's life as an integrator reads it on tm.calls.v1 (R26): its CallEvents in the order
// published, up to the wrap-up (CallDispositioned), and each step's name ("created", "queued",
// "agent_connected", ...) for comparing lives step by step.
#include <chrono>
#include <string>
#include <vector>

#include "telemarketing/events/v1/call_events.pb.h"
#include "tests/support/kafka_support.h"

namespace tmk::testing {

// The name of the event's step; empty when it has none.
inline std::string StepName(const telemarketing::events::v1::CallEvent& call) {
  const auto* step = call.GetReflection()->GetOneofFieldDescriptor(
      call, call.GetDescriptor()->FindOneofByName("step"));
  return step == nullptr ? std::string() : step->name();
}

// `call_id`'s events read from `calls` (a reader of tm.calls.v1) until its CallDispositioned
// arrived or `timeout` passed.
inline std::vector<telemarketing::events::v1::CallEvent> ReadCallLife(
    TopicReader& calls, const std::string& call_id, std::chrono::milliseconds timeout) {
  auto parse = [&](const events::ConsumedEvent& e, telemarketing::events::v1::CallEvent& call) {
    return e.key == call_id && e.type == "telemarketing.events.v1.CallEvent" &&
           call.ParseFromString(e.payload);
  };
  const std::vector<events::ConsumedEvent> read = calls.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& so_far) {
        telemarketing::events::v1::CallEvent call;
        for (const auto& e : so_far) {
          if (parse(e, call) && call.has_dispositioned()) return true;
        }
        return false;
      },
      timeout);
  std::vector<telemarketing::events::v1::CallEvent> life;
  for (const auto& e : read) {
    telemarketing::events::v1::CallEvent call;
    if (parse(e, call)) life.push_back(std::move(call));
  }
  return life;
}

}  // namespace tmk::testing
