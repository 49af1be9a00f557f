#pragma once
// telemarketing.dialing.v1.Lead <-> the stored lead (R11, R12). Enum values are equal by
// construction (lead_vocabulary.h, sales_vocabulary.h) and copied as numbers.
#include "services/common/core/status_details.h"
#include "services/dialing/domain/lead_change.h"
#include "services/dialing/store/lead_store.h"
#include "telemarketing/dialing/v1/lead.pb.h"

namespace google::protobuf {
class FieldMask;
}

namespace tmk::dialing {

telemarketing::dialing::v1::Lead ToProto(const LeadRow& row);

// The change UpdateLead asks for: the masked fields of `lead`, and stop/reopen. Unknown or
// read-only paths are field violations on "update_mask".
LeadChange ToLeadChange(const telemarketing::dialing::v1::Lead& lead,
                        const google::protobuf::FieldMask& mask, bool stop, bool reopen,
                        Violations& violations);

}  // namespace tmk::dialing
