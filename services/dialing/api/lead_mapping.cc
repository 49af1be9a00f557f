#include "services/dialing/api/lead_mapping.h"

#include <google/protobuf/field_mask.pb.h>

#include "absl/strings/str_cat.h"
#include "services/common/grpc/proto_conversions.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;

v1::Lead ToProto(const LeadRow& row) {
  const LeadFacts& f = row.facts;
  v1::Lead out;
  out.set_lead_id(f.lead_id);
  out.set_campaign_id(f.campaign_id);
  out.set_customer_id(f.customer_id);
  out.set_contact_point_id(f.contact_point_id);
  out.set_state(static_cast<v1::LeadState>(f.state));
  out.set_stop_reason(static_cast<v1::LeadStopReason>(f.stop_reason));
  out.set_stage(static_cast<common::SaleStage>(f.stage));
  out.set_intention_class(static_cast<common::IntentionClass>(f.intention_class));
  out.set_attempts(f.attempts);
  out.set_contacts(f.contacts);
  out.set_contacts_in_class(f.contacts_in_class);
  out.set_last_outcome(static_cast<common::CallOutcome>(f.last_outcome));
  if (f.last_attempt_time) *out.mutable_last_attempt_time() = grpcx::ToProtoTime(*f.last_attempt_time);
  if (f.next_attempt_time) *out.mutable_next_attempt_time() = grpcx::ToProtoTime(*f.next_attempt_time);
  out.set_callback_owner_agent_id(f.callback_owner_agent_id);
  out.set_priority(f.priority);
  *out.mutable_create_time() = grpcx::ToProtoTime(row.create_time);
  *out.mutable_update_time() = grpcx::ToProtoTime(row.update_time);
  out.set_revision(row.revision);
  return out;
}

LeadChange ToLeadChange(const v1::Lead& lead, const google::protobuf::FieldMask& mask, bool stop,
                        bool reopen, Violations& v) {
  LeadChange change;
  change.stop = stop;
  change.reopen = reopen;
  for (int i = 0; i < mask.paths_size(); ++i) {
    const std::string& path = mask.paths(i);
    if (path == "priority") {
      change.priority = lead.priority();
    } else if (path == "next_attempt_time") {
      if (!lead.has_next_attempt_time()) {
        v.Add("lead.next_attempt_time", "required when in the mask");
      } else {
        change.next_attempt_time = grpcx::FromProtoTime(lead.next_attempt_time());
      }
    } else if (path == "callback_owner_agent_id") {
      change.callback_owner_agent_id = lead.callback_owner_agent_id();
    } else if (path == "stage") {
      change.stage = static_cast<campaigns::SaleStage>(lead.stage());
    } else if (path == "intention_class") {
      change.intention_class = static_cast<campaigns::IntentionClass>(lead.intention_class());
    } else if (path == "contact_point_id") {
      change.contact_point_id = lead.contact_point_id();
    } else {
      v.Add(absl::StrCat("update_mask.paths[", i, "]"),
            absl::StrCat("'", path,
                         "' cannot be updated: only priority, next_attempt_time,"
                         " callback_owner_agent_id, stage, intention_class and contact_point_id"));
    }
  }
  if (mask.paths_size() == 0 && !stop && !reopen) {
    v.Add("update_mask", "required: name the fields to change, or stop or reopen the lead");
  }
  return change;
}

}  // namespace tmk::dialing
