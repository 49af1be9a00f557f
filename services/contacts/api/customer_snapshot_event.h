#pragma once
// The one way contacts announces a customer's current state (R5, R32): a CustomerSnapshot on the
// compacted tm.contacts.v1, keyed by customer id, stamped with the customer's HLC. Creates,
// updates, imports and every other change that alters a customer publish through it, so what
// other regions and services receive is built in one place.
#include <string_view>

#include "services/common/core/clock.h"
#include "services/common/events/outbound_event.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts {

inline constexpr char kCustomerSnapshotTopic[] = "tm.contacts.v1";

events::OutboundEvent CustomerSnapshotEvent(const telemarketing::contacts::v1::Customer& customer,
                                            std::string_view region, const Clock& clock);

}  // namespace tmk::contacts
