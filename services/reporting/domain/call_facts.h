#pragma once
// What is known of one call, folded from its steps (R26, R27). The fold sorts the steps by their
// sequence first, so the facts depend only on which steps arrived, never on the order they
// arrived in: a report built from shuffled events equals one built from ordered events.
#include <string>
#include <vector>

#include "services/reporting/domain/call_step.h"

namespace tmk::reporting {

struct CallFacts {
  std::string call_id;
  std::string campaign_id;
  std::string lead_id;
  std::string customer_id;
  std::string variant_id;
  std::string queue_id;
  // The agent who took the call (the first connected), else the last one named.
  std::string agent_id;
  std::string region_id;
  Direction direction = Direction::kUnspecified;
  // When the call was created; the earliest step known until CallCreated arrives.
  TimePoint start;
  TimePoint last_time;

  bool answered = false;
  bool machine_detected = false;
  bool queued = false;
  bool abandoned = false;
  int abandon_reason = 0;
  bool abandon_counts_against_limit = false;
  Millis abandon_wait{0};
  bool connected = false;
  Millis connect_wait{0};
  int transfers = 0;
  Millis transfer_total{0};
  bool ended = false;
  int outcome = 0;
  Millis talk{0};
  Millis hold{0};
  Millis line{0};
  bool dispositioned = false;
  std::string disposition_code;
  int stage = 0;
  int intention = 0;
  std::string order_id;
  bool counts_as_conversion = false;
  Millis wrap_up{0};
};

// Folds the steps of `call_id` (any order, no duplicates of a sequence) into its facts.
CallFacts FoldCall(const std::string& call_id, std::vector<CallStep> steps);

}  // namespace tmk::reporting
