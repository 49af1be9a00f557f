#include "services/reporting/api/call_step_mapping.h"

#include "services/common/grpc/proto_conversions.h"

namespace tmk::reporting {
namespace ev1 = telemarketing::events::v1;

static_assert(static_cast<int>(Direction::kInbound) == telemarketing::common::v1::CALL_DIRECTION_INBOUND &&
                  static_cast<int>(Direction::kOutbound) ==
                      telemarketing::common::v1::CALL_DIRECTION_OUTBOUND,
              "Direction keeps the contract's numbers");
static_assert(kAbandonAgentConnectTimeout ==
                  telemarketing::dialing::v1::ABANDON_REASON_AGENT_CONNECT_TIMEOUT,
              "abandon reasons keep the contract's numbers");

namespace {

Millis ToMillis(const google::protobuf::Duration& d) {
  return Millis(d.seconds() * 1000 + d.nanos() / 1'000'000);
}

}  // namespace

absl::StatusOr<CallStep> ToCallStep(const ev1::CallEvent& e) {
  if (e.call_id().empty() || e.sequence() <= 0 || e.step_case() == ev1::CallEvent::STEP_NOT_SET ||
      !e.has_occur_time()) {
    return absl::InvalidArgumentError("CallEvent needs call_id, sequence >= 1, occur_time and a step");
  }
  CallStep s;
  s.sequence = e.sequence();
  s.time = grpcx::FromProtoTime(e.occur_time());
  s.campaign_id = e.campaign_id();
  s.lead_id = e.lead_id();
  s.customer_id = e.customer_id();
  s.variant_id = e.variant_id();
  s.queue_id = e.queue_id();
  s.agent_id = e.agent_id();
  s.region_id = e.region_id();
  s.direction = static_cast<Direction>(e.direction());
  switch (e.step_case()) {
    case ev1::CallEvent::kCreated:
      s.kind = StepKind::kCreated;
      break;
    case ev1::CallEvent::kRinging:
      s.kind = StepKind::kRinging;
      break;
    case ev1::CallEvent::kAnswered:
      s.kind = StepKind::kAnswered;
      break;
    case ev1::CallEvent::kMachineDetected:
      s.kind = StepKind::kMachineDetected;
      break;
    case ev1::CallEvent::kQueued:
      s.kind = StepKind::kQueued;
      if (s.queue_id.empty()) s.queue_id = e.queued().queue_id();
      break;
    case ev1::CallEvent::kAbandoned:
      s.kind = StepKind::kAbandoned;
      s.abandon_reason = e.abandoned().reason();
      s.counts_against_limit = e.abandoned().counts_against_limit();
      s.wait = ToMillis(e.abandoned().wait_duration());
      break;
    case ev1::CallEvent::kAgentConnected:
      s.kind = StepKind::kAgentConnected;
      s.wait = ToMillis(e.agent_connected().wait_duration());
      if (!e.agent_connected().agent_id().empty()) s.agent_id = e.agent_connected().agent_id();
      break;
    case ev1::CallEvent::kTransferred:
      s.kind = StepKind::kTransferred;
      s.transfer_duration = ToMillis(e.transferred().transfer_duration());
      break;
    case ev1::CallEvent::kEnded:
      s.kind = StepKind::kEnded;
      s.outcome = e.ended().outcome();
      s.talk = ToMillis(e.ended().talk_duration());
      s.hold = ToMillis(e.ended().hold_duration());
      s.line = ToMillis(e.ended().line_duration());
      break;
    case ev1::CallEvent::kDispositioned: {
      const ev1::CallDispositioned& d = e.dispositioned();
      s.kind = StepKind::kDispositioned;
      s.disposition_code = d.disposition_code();
      s.outcome = d.outcome();
      s.previous_stage = d.previous_stage();
      s.stage = d.stage();
      s.previous_intention = d.previous_intention_class();
      s.intention = d.intention_class();
      s.order_id = d.order_id();
      s.counts_as_conversion = d.counts_as_conversion();
      s.wrap_up = ToMillis(d.wrap_up_duration());
      s.lead_attempts = d.lead_attempts();
      s.lead_contacts = d.lead_contacts();
      break;
    }
    case ev1::CallEvent::STEP_NOT_SET:
      break;
  }
  return s;
}

}  // namespace tmk::reporting
