#include "services/dialing/api/campaign_runtime_events.h"

#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "telemarketing/events/v1/call_events.pb.h"

namespace tmk::dialing {

void CampaignRuntimeEvents::Changed(
    pqxx::work& tx, const telemarketing::dialing::v1::CampaignRuntime& runtime) const {
  telemarketing::events::v1::CampaignRuntimeChanged event;
  *event.mutable_campaign_runtime() = runtime;
  *event.mutable_occur_time() = grpcx::ToProtoTime(clock_.Now());
  event.set_region_id(region_);
  *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
  events::AppendToOutbox(
      tx, events::MakeEvent("tm.calls.v1", runtime.campaign_id(),
                            "campaigns/" + runtime.campaign_id() + "/runtime", event, clock_));
}

}  // namespace tmk::dialing
