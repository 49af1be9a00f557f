#pragma once
// Inbound queues over gRPC (R18, R19, R26): create, read, list, update by field mask with the
// revision as etag, delete; and the live status of a queue. Admins and supervisors manage queues,
// every role reads them. A queue's skills, agent groups, overflow queue and cross-sell campaigns
// must exist (cross-sell campaigns in dialing's campaigns projection), and a dialed number reaches
// one queue only. Every committed change is told to the inbound router, which routes by it.
#include <functional>
#include <string>

#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/queue_status_source.h"
#include "services/dialing/store/agent_group_store.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/inbound_queue_store.h"
#include "services/dialing/store/request_records.h"
#include "services/dialing/store/skill_store.h"
#include "telemarketing/dialing/v1/dialing_service.pb.h"

namespace tmk::dialing {

class InboundQueueApi {
 public:
  // `changed` is told after each committed change (may be empty); `live` answers the waiting
  // side of GetQueueStatus.
  InboundQueueApi(server::ServiceRuntime& runtime, const CampaignProjectionStore& campaigns,
                  const QueueStatusSource& live, std::function<void()> changed)
      : runtime_(runtime), campaigns_(campaigns), live_(live), changed_(std::move(changed)) {}

  absl::Status CreateInboundQueue(
      const auth::Principal& who,
      const telemarketing::dialing::v1::CreateInboundQueueRequest& request,
      telemarketing::dialing::v1::CreateInboundQueueResponse& response);
  absl::Status GetInboundQueue(const auth::Principal& who,
                               const telemarketing::dialing::v1::GetInboundQueueRequest& request,
                               telemarketing::dialing::v1::GetInboundQueueResponse& response);
  absl::Status ListInboundQueues(
      const auth::Principal& who,
      const telemarketing::dialing::v1::ListInboundQueuesRequest& request,
      telemarketing::dialing::v1::ListInboundQueuesResponse& response);
  absl::Status UpdateInboundQueue(
      const auth::Principal& who,
      const telemarketing::dialing::v1::UpdateInboundQueueRequest& request,
      telemarketing::dialing::v1::UpdateInboundQueueResponse& response);
  absl::Status DeleteInboundQueue(
      const auth::Principal& who,
      const telemarketing::dialing::v1::DeleteInboundQueueRequest& request,
      telemarketing::dialing::v1::DeleteInboundQueueResponse& response);
  absl::Status GetQueueStatus(const auth::Principal& who,
                              const telemarketing::dialing::v1::GetQueueStatusRequest& request,
                              telemarketing::dialing::v1::GetQueueStatusResponse& response);

 private:
  absl::Status AuthorizeWrite(const auth::Principal& who, std::string_view action) const;
  absl::Status AuthorizeRead(const auth::Principal& who, std::string_view action) const;
  // The queue's fields, then what it names must exist and its numbers be free.
  absl::Status CheckFits(pqxx::work& tx,
                         const telemarketing::dialing::v1::InboundQueue& queue) const;
  absl::StatusOr<telemarketing::dialing::v1::InboundQueue> Load(pqxx::work& tx,
                                                               const std::string& queue_id,
                                                               bool for_update = false) const;
  using Change =
      std::function<absl::StatusOr<telemarketing::dialing::v1::InboundQueue>(pqxx::work&)>;
  // MutateOnce for queues, then tells the router.
  absl::Status Mutate(const std::string& verb, const std::string& request_id,
                      const google::protobuf::Message& request,
                      telemarketing::dialing::v1::InboundQueue& out, const Change& change,
                      bool deletes = false);

  server::ServiceRuntime& runtime_;
  const CampaignProjectionStore& campaigns_;
  const QueueStatusSource& live_;
  std::function<void()> changed_;
  InboundQueueStore queues_;
  SkillStore skills_;
  AgentGroupStore groups_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
