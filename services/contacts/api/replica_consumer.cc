#include "services/contacts/api/replica_consumer.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/events/inbox.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/log/logger.h"
#include "telemarketing/events/v1/contacts_events.pb.h"

namespace tmk::contacts {
namespace ev1 = telemarketing::events::v1;

absl::Status ReplicaConsumer::Handle(const events::ConsumedEvent& event) {
  if (event.type != ev1::CustomerSnapshot::descriptor()->full_name()) return absl::OkStatus();
  // The header names the producing region: skip without parsing what is not replicated here.
  if (!event.region.empty() && !Replicates(event.region)) return absl::OkStatus();
  ev1::CustomerSnapshot snapshot;
  if (!snapshot.ParseFromString(event.payload)) {
    return absl::InvalidArgumentError(
        absl::StrCat("CustomerSnapshot payload does not parse (ce_id ", event.id, ")"));
  }
  const std::string& customer_id = snapshot.customer().customer_id();
  if (!Uuid::Parse(customer_id) || snapshot.region_id().empty() || !snapshot.has_hlc() ||
      snapshot.customer().region_id() != snapshot.region_id()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "CustomerSnapshot without a customer id, an owning region or an hlc (ce_id ", event.id,
        ")"));
  }
  if (!Replicates(snapshot.region_id())) return absl::OkStatus();
  const HlcTimestamp stamp = grpcx::FromProtoHlc(snapshot.hlc());
  hlc_.Observe(stamp);  // later local changes order after what this region has seen (R32)

  return pool_.Transact([&](pqxx::work& tx) {
    if (!events::ClaimInInbox(tx, kConsumerGroup, event)) return absl::OkStatus();
    std::optional<ReplicaStore::Held> held = replicas_.Find(tx, customer_id);
    if (held && !held->replica) {
      log::Warn("contacts: a snapshot claims a customer this region owns; ignored",
                {{"customer_id", customer_id}, {"claimed_by", snapshot.region_id()},
                 {"ce_id", event.id}});
      return absl::OkStatus();
    }
    if (held && !(held->snapshot_hlc < stamp)) return absl::OkStatus();  // not newer
    if (snapshot.deleted()) {
      if (held) replicas_.Erase(tx, customer_id);
      return absl::OkStatus();
    }
    telemarketing::contacts::v1::Customer replica = snapshot.customer();
    replica.set_replica(true);
    replica.set_source("region:" + snapshot.region_id());
    FieldClocks field_hlc;
    for (const auto& [path, hlc] : snapshot.field_hlc()) {
      field_hlc.emplace(path, grpcx::FromProtoHlc(hlc));
    }
    replicas_.Upsert(tx, replica, stamp, field_hlc,
                     {snapshot.phone_lookup_keys().begin(), snapshot.phone_lookup_keys().end()},
                     clock_.Now());
    return absl::OkStatus();
  });
}

}  // namespace tmk::contacts
