#include "services/dialing/api/wrap_up_events.h"

#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "telemarketing/events/v1/feedback_events.pb.h"
#include "telemarketing/events/v1/order_events.pb.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;

void WrapUpEvents::OrderCaptured(pqxx::work& tx, const v1::Order& order) const {
  ev::OrderCaptured event;
  *event.mutable_order() = order;
  event.set_region_id(region_);
  *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
  events::AppendToOutbox(tx, events::MakeEvent("tm.orders.v1", order.order_id(),
                                               "orders/" + order.order_id(), event, clock_));
}

void WrapUpEvents::FeedbackRecorded(pqxx::work& tx, const v1::Call& call, int campaign_type,
                                    int intention_class,
                                    const v1::ProductFeedback& feedback) const {
  ev::ProductFeedbackRecorded event;
  event.set_call_id(call.call_id());
  event.set_lead_id(call.lead_id());
  event.set_campaign_id(call.campaign_id());
  event.set_customer_id(call.customer_id());
  event.set_agent_id(call.agent_id());
  event.set_campaign_type(static_cast<telemarketing::common::v1::CampaignType>(campaign_type));
  event.set_intention_class(
      static_cast<telemarketing::common::v1::IntentionClass>(intention_class));
  *event.mutable_feedback() = feedback;
  *event.mutable_occur_time() = grpcx::ToProtoTime(clock_.Now());
  event.set_region_id(region_);
  *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
  events::AppendToOutbox(tx, events::MakeEvent("tm.feedback.v1", call.customer_id(),
                                               "customers/" + call.customer_id(), event, clock_));
}

}  // namespace tmk::dialing
