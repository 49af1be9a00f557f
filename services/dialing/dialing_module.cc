#include "services/dialing/dialing_module.h"

#include <future>

#include "absl/strings/str_cat.h"
#include "services/common/config/config_source.h"
#include "services/common/core/hlc.h"
#include "services/common/events/event_consumer.h"
#include "services/common/log/logger.h"
#include "services/common/server/server_config.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/client/grpc_contacts_client.h"
#include "services/dialing/api/agent_api.h"
#include "services/dialing/api/agent_call_api.h"
#include "services/dialing/api/agent_desktop_service.h"
#include "services/dialing/api/agent_events.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_api.h"
#include "services/dialing/api/call_ledger.h"
#include "services/dialing/api/call_wrap_up.h"
#include "services/dialing/api/callback_api.h"
#include "services/dialing/api/campaign_runtime_api.h"
#include "services/dialing/api/contacts_forwarder.h"
#include "services/dialing/api/grpc_contacts_changes.h"
#include "services/dialing/api/campaign_runtime_events.h"
#include "services/dialing/api/campaign_projection_consumer.h"
#include "services/dialing/api/contacts_projection_consumer.h"
#include "services/dialing/api/call_offer_builder.h"
#include "services/dialing/api/desktop_call_api.h"
#include "services/dialing/api/desktop_feed.h"
#include "services/dialing/api/desktop_stream.h"
#include "services/dialing/api/grpc_script_renderer.h"
#include "services/dialing/api/dialing_service.h"
#include "services/dialing/api/hopper_filler.h"
#include "services/dialing/api/inbound_queue_api.h"
#include "services/dialing/api/lead_api.h"
#include "services/dialing/api/manual_dial_api.h"
#include "services/dialing/api/order_cancel_api.h"
#include "services/dialing/api/preview_calls.h"
#include "services/dialing/api/session_api.h"
#include "services/dialing/api/wrap_up_events.h"
#include "services/dialing/runtime/dialer_runtime.h"
#include "services/dialing/runtime/contacts_caller_directory.h"
#include "services/dialing/runtime/inbound_router.h"
#include "services/dialing/runtime/simulated_caller_pool.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/telephony/named_simulation_profile.h"
#include "services/dialing/telephony/real_time_scheduler.h"
#include "services/dialing/telephony/simulated_telephony.h"

namespace tmk::dialing {

std::vector<pg::Migration> Migrations();  // generated from services/dialing/migrations

namespace {

struct DialingConfig {
  std::string contacts_address;  // ContactsService, for the members of target lists (LoadLeads)
  std::string campaigns_address;  // CampaignsService, for scripts rendered on the desktop (R9)
  // The telephony simulator behind the port, in real time (R17); a SIP adapter replaces it.
  SimulationProfile simulation;
  // Dialing's own JWT (role system) for the changes it forwards to contacts (R2, R3); empty with
  // auth off, or until configured (the changes then wait, nothing is lost).
  std::string contacts_token;
  // Simulator only: a JWT whose role sees full numbers (integrator), for the simulated callers'
  // numbers read from contacts (SimulatedCallerPool); empty with auth off.
  std::string simulator_token;
};

constexpr char kSimulationProfile[] = "dialing-simulation-profile";
constexpr char kContactsToken[] = "dialing-contacts-token";
constexpr char kSimulatorToken[] = "dialing-simulator-token";

// The principal a JWT from the configuration stands for in calls to contacts; none with auth off.
auth::Principal Bearer(const std::string& token) {
  auth::Principal principal;
  if (!token.empty()) principal.credential = "Bearer " + token;
  return principal;
}

// The dialer enforces the region's compliance settings (R20) on top of its own defaults.
DialerSettings DialerSettingsFor(const std::string& region) {
  DialerSettings settings;
  settings.region = region;
  return settings;
}
constexpr char kInboundArrivals[] = "dialing-inbound-arrivals";

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
        caller_contacts_(config.contacts_address, std::chrono::seconds(2)),
        contacts_changes_(config.contacts_address, Bearer(config.contacts_token).credential),
        forwarder_(runtime_.pool(), context.clock, contacts_changes_),
        hopper_(runtime_.pool(), context.clock, campaign_projection_store_),
        lead_api_(runtime_, hlc_, campaign_projection_store_, contacts_, hopper_),
        callback_api_(runtime_, campaign_projection_store_),
        scheduler_(context.clock),
        telephony_(*SimulatedTelephony::Create(scheduler_, config.simulation)),
        call_ledger_(context.region, context.clock, hlc_),
        wrap_up_events_(context.region, context.clock, hlc_),
        wrap_up_(context.clock, sessions_, call_ledger_, wrap_up_events_,
                 campaign_projection_store_),
        runtime_events_(context.region, context.clock, hlc_),
        dialer_(runtime_.pool(), scheduler_, *telephony_, sessions_, hopper_, call_ledger_,
                campaign_projection_store_, DialerSettingsFor(context.region), &desktop_feed_),
        scripts_(config.campaigns_address),
        offers_(runtime_.pool(), campaign_projection_store_, contacts_, scripts_),
        desktop_streams_(desktop_feed_, offers_, runtime_.pool(), runtime_.executor(),
                         context.clock),
        desktop_calls_(runtime_, wrap_up_,
                       [this](const v1::Call& call) {
                         dialer_.Post([this, call] { dialer_.WrappedUp(call); });
                       }),
        campaign_runtime_api_(runtime_, campaign_projection_store_, runtime_events_,
                              [this](const v1::CampaignRuntime& r) {
                                dialer_.Post([this, r] { ApplyRuntime(r); });
                              }),
        call_api_(runtime_),
        order_cancel_api_(runtime_, hlc_),
        callers_(caller_contacts_, scheduler_, Bearer(config.contacts_token)),
        simulated_callers_(contacts_, Bearer(config.simulator_token), context.region),
        simulates_callers_(!config.simulation.inbound.empty()),
        inbound_(runtime_.pool(), scheduler_, *telephony_, sessions_, call_ledger_,
                 campaign_projection_store_, callers_, &desktop_feed_),
        queue_api_(runtime_, campaign_projection_store_, inbound_,
                   [this] { dialer_.Post([this] { inbound_.Reload().IgnoreError(); }); }),
        compliance_api_(runtime_),
        dialing_(runtime_, roster_api_, session_api_, lead_api_, callback_api_, call_api_,
                 campaign_runtime_api_, order_cancel_api_, queue_api_, compliance_api_),
        preview_calls_(context.clock, sessions_, call_ledger_, campaign_projection_store_,
                       context.region),
        agent_calls_(runtime_, sessions_, preview_calls_, DialerPortOf()),
        cross_sells_(runtime_, campaign_projection_store_, scripts_, &desktop_feed_),
        manual_dials_(context.clock, sessions_, call_ledger_, campaign_projection_store_,
                      context.region),
        manual_dial_api_(runtime_, manual_dials_, DialerPortOf().dial),
        desktop_(runtime_, session_api_, desktop_calls_, desktop_streams_, agent_calls_,
                 cross_sells_, manual_dial_api_),
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
    forwarder_.Start();
    desktop_streams_.Start();
    return StartDialer();
  }
  void Stop() override {
    StopDialer();
    desktop_streams_.Stop();
    hopper_.Stop();
    forwarder_.Stop();
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
  contacts_client::GrpcContactsClient caller_contacts_;  // a short deadline: a caller waits
  GrpcContactsChanges contacts_changes_;
  ContactsForwarder forwarder_;  // changes learnt on calls, to contacts (R2, R3)
  HopperFiller hopper_;
  LeadApi lead_api_;
  CallbackApi callback_api_;
  RealTimeScheduler scheduler_;
  std::unique_ptr<SimulatedTelephony> telephony_;
  CallLedger call_ledger_;
  WrapUpEvents wrap_up_events_;
  CallWrapUp wrap_up_;
  CampaignRuntimeEvents runtime_events_;
  DesktopFeed desktop_feed_;
  DialerRuntime dialer_;
  bool dialer_started_ = false;
  GrpcScriptRenderer scripts_;
  CallOfferBuilder offers_;
  DesktopStreams desktop_streams_;
  DesktopCallApi desktop_calls_;
  CampaignRuntimeApi campaign_runtime_api_;
  CallApi call_api_;
  OrderCancelApi order_cancel_api_;
  ContactsCallerDirectory callers_;       // who calls in (R18, R5)
  SimulatedCallerPool simulated_callers_;  // simulator only: the numbers callers dial in from
  bool simulates_callers_;
  bool simulated_callers_known_ = false;  // in the dialer's context
  InboundRouter inbound_;
  InboundQueueApi queue_api_;
  ComplianceSettingsApi compliance_api_;
  DialingService dialing_;
  PreviewCalls preview_calls_;
  AgentCallApi agent_calls_;
  CrossSellApi cross_sells_;  // offers of campaigns on inbound calls (R18)
  ManualDials manual_dials_;  // agents' own dials through the compliance gate (R17, R20)
  ManualDialApi manual_dial_api_;
  AgentDesktopService desktop_;
  CampaignProjectionConsumer campaign_projection_;
  ContactsProjectionConsumer contacts_projection_;
  std::unique_ptr<events::EventConsumer> campaign_consumer_;
  std::unique_ptr<events::EventConsumer> contacts_consumer_;

  // The dialer runs on the scheduler's thread: it recovers lost calls and resumes running
  // campaigns there before the module reports started.
  absl::Status StartDialer() {
    dialer_.SetInbound(&inbound_);
    dialer_.PublishStates(&runtime_events_);
    scheduler_.Start();
    dialer_started_ = true;
    dialer_.Post([this] {
      RefreshCallers();
      telephony_->StartArrivals();
    });
    std::promise<absl::Status> started;
    dialer_.Post([&] { started.set_value(dialer_.Start()); });
    return started.get_future().get();
  }
  void StopDialer() {
    if (!dialer_started_) return;
    std::promise<void> stopped;
    dialer_.Post([&] {
      dialer_.Stop();
      stopped.set_value();
    });
    stopped.get_future().wait();
    scheduler_.Stop();
  }
  // The simulator's inbound callers are mostly known customers (R18 cross-sell needs them),
  // their numbers read from contacts every 5 s until there are some, then every minute (contacts
  // audits every customer read, R6), so customers imported after start call in soon.
  void RefreshCallers() {
    if (!simulates_callers_) return;
    simulated_callers_.Refresh([this](std::vector<std::string> numbers) {
      dialer_.Post([this, numbers]() mutable {
        simulated_callers_known_ = !numbers.empty();
        telephony_->SetCallerPool(std::move(numbers));
      });
    });
    scheduler_.After(simulated_callers_known_ ? std::chrono::seconds(60) : std::chrono::seconds(5),
                     [this] { RefreshCallers(); });
  }
  // Runs `task` in the dialer's context and waits for its answer: agents' handlers run on the
  // executor, the telephony port only on the dialer's thread.
  absl::Status OnDialer(std::function<absl::Status()> task) {
    std::promise<absl::Status> done;
    dialer_.Post([&] { done.set_value(task()); });
    return done.get_future().get();
  }
  DialerPort DialerPortOf() {
    DialerPort port;
    port.dial = [this](const v1::Call& call) {
      return OnDialer([&] { return dialer_.DialReserved(call); });
    };
    port.hang_up = [this](const std::string& call_id) {
      return OnDialer([&] { return dialer_.HangUp(call_id); });
    };
    port.transfer = [this](const std::string& call_id, const std::string& to_session_id,
                           const std::string& to_agent_id, v1::TransferKind kind) {
      return OnDialer(
          [&] { return dialer_.Transfer(call_id, to_session_id, to_agent_id, kind); });
    };
    return port;
  }
  void ApplyRuntime(const v1::CampaignRuntime& r) {
    if (!IsDialing(r.dialing_state())) return dialer_.Halt(r.campaign_id());
    if (absl::Status run = dialer_.Run(r); !run.ok()) {
      log::Error("campaign runtime not applied",
                 {{"campaign_id", r.campaign_id()}, {"error", std::string(run.message())}});
    }
  }

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
    DialingConfig config{server::ReadPeerAddress(settings, server, "contacts"),
                         server::ReadPeerAddress(settings, server, "campaigns"), {},
                         settings.String(kContactsToken, ""),
                         settings.String(kSimulatorToken, "")};
    absl::StatusOr<SimulationProfile> profile =
        NamedSimulationProfile(settings.String(kSimulationProfile, "standard"));
    if (profile.ok()) {
      config.simulation = *profile;
      absl::StatusOr<std::vector<InboundStream>> inbound = ParseInboundStreams(
          settings.String(kInboundArrivals, ""), profile->inbound_patience);
      if (inbound.ok()) {
        config.simulation.inbound = *std::move(inbound);
      } else {
        settings.AddError(kInboundArrivals, std::string(inbound.status().message()));
      }
    } else {
      settings.AddError(kSimulationProfile, std::string(profile.status().message()));
    }
    return server::ModuleFactory([config](const server::ModuleContext& context) {
      return std::make_unique<DialingModule>(context, config);
    });
  });
}

}  // namespace tmk::dialing
