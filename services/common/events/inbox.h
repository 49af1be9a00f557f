#pragma once
// Exactly-once application on top of at-least-once delivery: a consumer records each applied
// event id in its inbox in the same transaction as the effect.
#include <pqxx/pqxx>

#include <string>

#include "services/common/events/consumed_event.h"

namespace tmk::events {

// Returns true when `event` is new for `consumer` (and records it); false when it was applied
// before, in which case the caller must skip its effect.
bool ClaimInInbox(pqxx::work& tx, const std::string& consumer, const ConsumedEvent& event);

}  // namespace tmk::events
