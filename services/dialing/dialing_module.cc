#include "services/dialing/dialing_module.h"

#include "absl/strings/str_cat.h"
#include "services/common/config/config_source.h"
#include "services/common/core/hlc.h"
#include "services/common/events/event_consumer.h"
#include "services/common/server/server_config.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/client/grpc_contacts_client.h"
#include "services/dialing/api/agent_api.h"
#include "services/dialing/api/agent_desktop_service.h"
#include "services/dialing/api/agent_events.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/callback_api.h"
#include "services/dialing/api/campaign_projection_consumer.h"
#include "services/dialing/api/contacts_projection_consumer.h"
#include "services/dialing/api/dialing_service.h"
#include "services/dialing/api/hopper_filler.h"
#include "services/dialing/api/lead_api.h"
#include "services/dialing/api/session_api.h"
#include "services/dialing/store/campaign_projection_store.h"

namespace tmk::dialing {

std::vector<pg::Migration> Migrations();  // generated from services/dialing/migrations

namespace {

struct DialingConfig {
  std::string contacts_address;  // ContactsService, for the members of target lists (LoadLeads)
};

// Dialing so far: the agent roster and sessions (R19); the rest of issue 5 lands on this module.
class DialingModule final : public server::ServiceModule {
 public:
  DialingModule(const server::ModuleContext& context, const DialingConfig& config)
      : runtime_(context, "dialing", Migrations()),
        hlc_(context.clock, context.region),
        events_(context.region, context.clock, hlc_),
        sessions_(context.clock, events_),
        roster_api_(runtime_, events_),
        session_api_(runtime_, sessions_),
        contacts_(config.contacts_address),
        hopper_(runtime_.pool(), context.clock, campaign_projection_store_),
        lead_api_(runtime_, hlc_, campaign_projection_store_, contacts_, hopper_),
        callback_api_(runtime_, campaign_projection_store_),
        dialing_(runtime_, roster_api_, session_api_, lead_api_, callback_api_),
        desktop_(runtime_, session_api_),
        campaign_projection_(runtime_.pool(), campaign_projection_store_),
        contacts_projection_(runtime_.pool()) {}

  std::vector<grpc::Service*> GrpcServices() override { return {&dialing_, &desktop_}; }
  std::vector<std::string> HealthNames() const override {
    return {telemarketing::dialing::v1::DialingService::service_full_name(),
            telemarketing::dialing::v1::AgentDesktopService::service_full_name()};
  }
  absl::Status Start() override {
    if (absl::Status started = runtime_.Start(); !started.ok()) return started;
    if (absl::Status started = StartCampaignConsumer(); !started.ok()) return started;
    if (absl::Status started = StartContactsConsumer(); !started.ok()) return started;
    hopper_.Start();
    return absl::OkStatus();
  }
  void Stop() override {
    hopper_.Stop();
    if (contacts_consumer_) contacts_consumer_->Stop();
    if (campaign_consumer_) campaign_consumer_->Stop();
    runtime_.Stop();
  }
  bool Healthy() override { return runtime_.Healthy(); }

 private:
  server::ServiceRuntime runtime_;
  HybridLogicalClock hlc_;
  AgentEvents events_;
  AgentSessions sessions_;
  AgentApi roster_api_;
  SessionApi session_api_;
  CampaignProjectionStore campaign_projection_store_;
  contacts_client::GrpcContactsClient contacts_;
  HopperFiller hopper_;
  LeadApi lead_api_;
  CallbackApi callback_api_;
  DialingService dialing_;
  AgentDesktopService desktop_;
  CampaignProjectionConsumer campaign_projection_;
  ContactsProjectionConsumer contacts_projection_;
  std::unique_ptr<events::EventConsumer> campaign_consumer_;
  std::unique_ptr<events::EventConsumer> contacts_consumer_;

  // The campaigns projection (tm.campaigns.v1); a new group reads the compacted topic from the
  // beginning, so a fresh install learns every campaign. One group per region: installations
  // sharing a Kafka cluster (R32) each need every event, not a share of the partitions.
  absl::Status StartCampaignConsumer() {
    auto consumer = events::EventConsumer::Create(
        runtime_.context().kafka,
        absl::StrCat(CampaignProjectionConsumer::kConsumerGroup, ".", runtime_.context().region),
        {CampaignProjectionConsumer::kTopic},
        [this](const events::ConsumedEvent& event) { return campaign_projection_.Handle(event); });
    if (!consumer.ok()) return consumer.status();
    campaign_consumer_ = *std::move(consumer);
    campaign_consumer_->Start();
    return absl::OkStatus();
  }

  // The contacts projection (tm.contacts.v1, tm.contact-consent.v1) the hopper judges leads on;
  // per region for the same reason as the campaigns group.
  absl::Status StartContactsConsumer() {
    auto consumer = events::EventConsumer::Create(
        runtime_.context().kafka,
        absl::StrCat(ContactsProjectionConsumer::kConsumerGroup, ".", runtime_.context().region),
        {ContactsProjectionConsumer::kCustomersTopic, ContactsProjectionConsumer::kConsentTopic},
        [this](const events::ConsumedEvent& event) { return contacts_projection_.Handle(event); });
    if (!consumer.ok()) return consumer.status();
    contacts_consumer_ = *std::move(consumer);
    contacts_consumer_->Start();
    return absl::OkStatus();
  }
};

}  // namespace

void RegisterDialing(server::ModuleCatalog& catalog) {
  catalog.AddConfigurable("dialing", [](ConfigSource& settings, const server::ServerConfig& server) {
    DialingConfig config{server::ReadPeerAddress(settings, server, "contacts")};
    return server::ModuleFactory([config](const server::ModuleContext& context) {
      return std::make_unique<DialingModule>(context, config);
    });
  });
}

}  // namespace tmk::dialing
