#include "services/dialing/api/call_ledger.h"

#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"

namespace tmk::dialing {
namespace ev = telemarketing::events::v1;

namespace {

constexpr char kTopic[] = "tm.calls.v1";

}  // namespace

ev::CallEvent CallLedger::Envelope(CallRow& row) const {
  const auto& c = row.call;
  ev::CallEvent event;
  event.set_call_id(c.call_id());
  event.set_sequence(++row.sequence);
  *event.mutable_occur_time() = grpcx::ToProtoTime(clock_.Now());
  event.set_direction(c.direction());
  event.set_dial_mode(c.dial_mode());
  event.set_campaign_id(c.campaign_id());
  event.set_lead_id(c.lead_id());
  event.set_customer_id(c.customer_id());
  event.set_contact_point_id(c.contact_point_id());
  event.set_variant_id(c.variant_id());
  event.set_queue_id(c.queue_id());
  event.set_agent_id(c.agent_id());
  event.set_region_id(region_);
  *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
  return event;
}

void CallLedger::Append(pqxx::work& tx, const ev::CallEvent& event) const {
  events::AppendToOutbox(tx, events::MakeEvent(kTopic, event.call_id(),
                                               "calls/" + event.call_id(), event, clock_));
}

void CallLedger::Create(pqxx::work& tx, CallRow& row, const ev::CallCreated& created) const {
  row.call.set_region_id(region_);
  row.sequence = 0;
  ev::CallEvent event = Envelope(row);
  *event.mutable_created() = created;
  calls_.Insert(tx, row);
  Append(tx, event);
}

void CallLedger::Step(pqxx::work& tx, CallRow& row, const StepFill& fill) const {
  ev::CallEvent event = Envelope(row);
  fill(event);
  calls_.Update(tx, row);
  Append(tx, event);
}

}  // namespace tmk::dialing
