#pragma once
// Exactly-once application on top of at-least-once delivery: a consumer records each applied
// event id in its inbox in the same transaction as the effect.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "absl/types/span.h"
#include "services/common/events/consumed_event.h"

namespace tmk::events {

// Returns true when `event` is new for `consumer` (and records it); false when it was applied
// before, in which case the caller must skip its effect.
bool ClaimInInbox(pqxx::work& tx, const std::string& consumer, const ConsumedEvent& event);

// ClaimInInbox for a whole batch in one statement: for each event, whether its effect must be
// applied. An id the batch holds twice is claimed at its first place only.
std::vector<bool> ClaimAllInInbox(pqxx::work& tx, const std::string& consumer,
                                  absl::Span<const ConsumedEvent> events);

}  // namespace tmk::events
