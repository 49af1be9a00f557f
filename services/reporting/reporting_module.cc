#include "services/reporting/reporting_module.h"

#include "absl/strings/str_cat.h"
#include "services/common/events/event_consumer.h"
#include "services/common/server/service_runtime.h"
#include "services/reporting/api/live_floor.h"
#include "services/reporting/api/live_floor_hub.h"
#include "services/reporting/api/projection_consumer.h"
#include "services/reporting/api/report_api.h"
#include "services/reporting/api/reporting_service.h"
#include "services/reporting/reporting_config.h"
#include "services/reporting/store/agent_projection_store.h"
#include "services/reporting/store/campaign_projection_store.h"
#include "services/reporting/store/live_figures_store.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::reporting {

std::vector<pg::Migration> Migrations();  // generated from services/reporting/migrations

namespace {

// Reporting (R4, R26-R29): projections fed by one consumer of the suite's topics, the reports
// over them, and the live floor pushed to supervisors.
class ReportingModule final : public server::ServiceModule {
 public:
  ReportingModule(const server::ModuleContext& context, ReportingConfig config)
      : config_(std::move(config)),
        runtime_(context, "reporting", Migrations()),
        consumer_pool_(context.pg, "reporting"),
        projection_(consumer_pool_, live_),
        api_(runtime_, config_.producer_schemas),
        hub_(live_, runtime_.pool(), context.clock),
        service_(runtime_, api_, hub_) {}

  std::vector<grpc::Service*> GrpcServices() override { return {&service_}; }
  std::vector<std::string> HealthNames() const override {
    return {rv1::ReportingService::service_full_name()};
  }
  absl::Status Start() override {
    if (absl::Status started = runtime_.Start(); !started.ok()) return started;
    if (absl::Status loaded = LoadLiveFloor(); !loaded.ok()) return loaded;
    hub_.Start();
    const std::string group = config_.consumer_group.empty()
                                  ? absl::StrCat(ProjectionConsumer::kConsumerGroup, ".",
                                                 runtime_.context().region)
                                  : config_.consumer_group;
    auto consumer = events::EventConsumer::Create(
        runtime_.context().kafka, group, ProjectionConsumer::Topics(),
        [this](const events::ConsumedEvent& event) { return projection_.Handle(event); },
        // Catching up, a batch of what has arrived shares one transaction (R26-R29 throughput).
        events::EventConsumer::Batching{
            [this](const std::vector<events::ConsumedEvent>& batch) {
              return projection_.HandleBatch(batch);
            },
            ProjectionConsumer::kBatchEvents});
    if (!consumer.ok()) return consumer.status();
    consumer_ = *std::move(consumer);
    consumer_->Start();
    return absl::OkStatus();
  }
  void Stop() override {
    if (consumer_) consumer_->Stop();
    hub_.Stop();
    runtime_.Stop();
  }
  bool Healthy() override { return runtime_.Healthy(); }

 private:
  // The live floor after a restart: agents' states, open calls and campaign names as projected.
  absl::Status LoadLiveFloor() {
    return runtime_.pool().Transact([&](pqxx::work& tx) {
      live_.Load(AgentProjectionStore().LoadCurrent(tx), LiveFiguresStore().OpenCalls(tx));
      for (const auto& [id, payload] : CampaignProjectionStore().Snapshots(tx)) {
        telemarketing::events::v1::CampaignSnapshot snapshot;
        if (snapshot.ParseFromString(payload)) {
          live_.ApplyCampaignName(id, snapshot.campaign().display_name());
        }
      }
      for (const auto& [id, payload] : CampaignProjectionStore().Runtimes(tx)) {
        telemarketing::dialing::v1::CampaignRuntime runtime;
        if (runtime.ParseFromString(payload)) live_.ApplyRuntime(runtime, TimePoint());
      }
      return absl::OkStatus();
    });
  }

  const ReportingConfig config_;
  server::ServiceRuntime runtime_;
  // The consumer's own connection: a burst of events never starves the report handlers.
  pg::PgPool consumer_pool_;
  LiveFloor live_;
  ProjectionConsumer projection_;
  ReportApi api_;
  LiveFloorHub hub_;
  ReportingService service_;
  std::unique_ptr<events::EventConsumer> consumer_;
};

}  // namespace

void RegisterReporting(server::ModuleCatalog& catalog) {
  catalog.AddConfigurable("reporting", [](ConfigSource& settings, const server::ServerConfig&) {
    ReportingConfig config = ReportingConfig::Read(settings);
    return server::ModuleFactory([config](const server::ModuleContext& context) {
      return std::make_unique<ReportingModule>(context, config);
    });
  });
}

}  // namespace tmk::reporting
