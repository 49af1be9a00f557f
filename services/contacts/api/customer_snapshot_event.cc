#include "services/contacts/api/customer_snapshot_event.h"

#include <string>

#include "services/common/events/proto_event.h"
#include "telemarketing/events/v1/contacts_events.pb.h"

namespace tmk::contacts {

events::OutboundEvent CustomerSnapshotEvent(const telemarketing::contacts::v1::Customer& customer,
                                            std::string_view region, const Clock& clock) {
  telemarketing::events::v1::CustomerSnapshot snapshot;
  *snapshot.mutable_customer() = customer;
  snapshot.set_region_id(std::string(region));
  *snapshot.mutable_hlc() = customer.hlc();
  return events::MakeEvent(kCustomerSnapshotTopic, customer.customer_id(),
                           "customers/" + customer.customer_id(), snapshot, clock);
}

}  // namespace tmk::contacts
