#include "services/contacts/contacts_module.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/hlc.h"
#include "services/common/events/event_consumer.h"
#include "services/common/log/logger.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/api/contacts_service.h"
#include "services/contacts/api/replica_consumer.h"
#include "services/contacts/api/sharing_republisher.h"
#include "services/contacts/api/update_proposal_consumer.h"
#include "services/contacts/contacts_config.h"
#include "services/contacts/store/plaintext_row_sealer.h"

namespace tmk::contacts {

std::vector<pg::Migration> Migrations();  // generated from services/contacts/migrations

namespace {

class ContactsModule final : public server::ServiceModule {
 public:
  ContactsModule(const server::ModuleContext& context, const ContactsConfig& config)
      : runtime_(context, "contacts", Migrations()),
        cipher_(config.data_keys, config.index_key),
        hlc_(context.clock, context.region),
        republisher_(runtime_.pool(), cipher_, context.clock, context.region),
        service_(runtime_, cipher_, hlc_, [this] { republisher_.Wake(); }),
        keep_replicas_(config.keep_replicas),
        replicas_(runtime_.pool(), cipher_, hlc_, context.clock, context.region,
                  config.replica_regions),
        proposals_(runtime_.pool(), cipher_, hlc_, context.clock, context.region) {}

  std::vector<grpc::Service*> GrpcServices() override { return {&service_}; }
  std::vector<std::string> HealthNames() const override {
    return {telemarketing::contacts::v1::ContactsService::service_full_name()};
  }
  // Rows stored in clear before encryption at rest are sealed before the first call (R6).
  absl::Status Start() override {
    if (absl::Status started = runtime_.Start(); !started.ok()) return started;
    absl::StatusOr<long long> sealed = PlaintextRowSealer(cipher_).SealAll(runtime_.pool());
    if (!sealed.ok()) return sealed.status();
    if (*sealed > 0) {
      log::Info("contacts: rows stored in clear are now sealed", {{"rows", *sealed}});
    }
    republisher_.Start();
    return StartConsumers();
  }
  void Stop() override {
    if (replica_consumer_) replica_consumer_->Stop();
    if (proposal_consumer_) proposal_consumer_->Stop();
    republisher_.Stop();
    runtime_.Stop();
  }
  bool Healthy() override { return runtime_.Healthy(); }

 private:
  server::ServiceRuntime runtime_;
  IdentifierCipher cipher_;
  HybridLogicalClock hlc_;  // one per region's contacts: every stamp after every one observed
  SharingRepublisher republisher_;
  ContactsService service_;
  const bool keep_replicas_;
  ReplicaConsumer replicas_;
  UpdateProposalConsumer proposals_;
  std::unique_ptr<events::EventConsumer> replica_consumer_;
  std::unique_ptr<events::EventConsumer> proposal_consumer_;

  // The cross-region view (R5, R32): other regions' snapshots into replicas, proposals to and
  // decisions from other regions. One consumer group per region: installations sharing a Kafka
  // cluster each need every event, not a share of the partitions. A new group reads from the
  // beginning, so a new region learns every customer the compacted topic holds.
  absl::Status StartConsumers() {
    const std::string& region = runtime_.context().region;
    if (keep_replicas_) {
      auto replica = events::EventConsumer::Create(
          runtime_.context().kafka, absl::StrCat(ReplicaConsumer::kConsumerGroup, ".", region),
          {ReplicaConsumer::kTopic},
          [this](const events::ConsumedEvent& event) { return replicas_.Handle(event); });
      if (!replica.ok()) return replica.status();
      replica_consumer_ = *std::move(replica);
      replica_consumer_->Start();
    }
    auto proposal = events::EventConsumer::Create(
        runtime_.context().kafka,
        absl::StrCat(UpdateProposalConsumer::kConsumerGroup, ".", region),
        {UpdateProposalConsumer::kTopic},
        [this](const events::ConsumedEvent& event) { return proposals_.Handle(event); });
    if (!proposal.ok()) return proposal.status();
    proposal_consumer_ = *std::move(proposal);
    proposal_consumer_->Start();
    return absl::OkStatus();
  }
};

}  // namespace

void RegisterContacts(server::ModuleCatalog& catalog) {
  catalog.AddConfigurable("contacts", [](ConfigSource& settings, const server::ServerConfig&) {
    ContactsConfig config = ContactsConfig::Read(settings);
    return server::ModuleFactory([config](const server::ModuleContext& context) {
      return std::make_unique<ContactsModule>(context, config);
    });
  });
}

}  // namespace tmk::contacts
