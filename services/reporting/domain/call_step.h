#pragma once
// One step of a call's life as reporting folds it (R26, R27): the plain-C++ view of a
// tm.calls.v1 CallEvent, with only what a report needs. Enumerations keep the contract's numbers.
#include <chrono>
#include <cstdint>
#include <string>

#include "services/common/core/clock.h"

namespace tmk::reporting {

using Millis = std::chrono::milliseconds;

// telemarketing.common.v1.CallDirection.
enum class Direction { kUnspecified = 0, kOutbound = 1, kInbound = 2 };

enum class StepKind {
  kCreated,
  kRinging,
  kAnswered,
  kMachineDetected,
  kQueued,
  kAbandoned,
  kAgentConnected,
  kTransferred,
  kEnded,
  kDispositioned,
};

// telemarketing.dialing.v1.AbandonReason values reporting tells apart.
inline constexpr int kAbandonAgentConnectTimeout = 2;

struct CallStep {
  int64_t sequence = 0;  // 1 for the first step of a call
  TimePoint time;
  StepKind kind = StepKind::kCreated;
  // Every step carries the call's identity; later steps add the agent.
  std::string campaign_id;
  std::string lead_id;
  std::string customer_id;
  std::string variant_id;
  std::string queue_id;
  std::string agent_id;
  std::string region_id;
  Direction direction = Direction::kUnspecified;
  // kAbandoned, kAgentConnected: answer (or queue entry) to the step.
  Millis wait{0};
  // kAbandoned.
  int abandon_reason = 0;
  bool counts_against_limit = false;
  // kTransferred.
  Millis transfer_duration{0};
  // kEnded; kDispositioned also carries an outcome.
  int outcome = 0;
  Millis talk{0};
  Millis hold{0};
  Millis line{0};
  // kDispositioned.
  std::string disposition_code;
  int previous_stage = 0;
  int stage = 0;
  int previous_intention = 0;
  int intention = 0;
  std::string order_id;
  bool counts_as_conversion = false;
  Millis wrap_up{0};
  int lead_attempts = 0;
  int lead_contacts = 0;
};

}  // namespace tmk::reporting
