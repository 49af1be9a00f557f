#include "services/contacts/api/customer_snapshot_event.h"

#include <string>

#include "absl/strings/escaping.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/contacts/api/customer_sharing.h"
#include "services/contacts/store/sharing_policy_store.h"
#include "services/contacts/store/snapshot_source_store.h"
#include "telemarketing/events/v1/contacts_events.pb.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

namespace {

// The paths whose HLC a snapshot reports: every shared (or masked) top-level field, each contact
// point and each custom attribute on its own.
std::vector<std::string> ReportedPaths(const v1::Customer& shared) {
  std::set<std::string> withheld(shared.withheld_fields().begin(), shared.withheld_fields().end());
  std::vector<std::string> paths;
  const auto* descriptor = shared.GetDescriptor();
  for (int i = 0; i < descriptor->field_count(); ++i) {
    const std::string& name = descriptor->field(i)->name();
    if (IsAlwaysShared(name) || withheld.count(name) || name == "contact_points" ||
        name == "custom_attributes" || name == "create_time") {
      continue;
    }
    paths.push_back(name);
  }
  for (const v1::ContactPoint& p : shared.contact_points()) {
    paths.push_back("contact_points." + p.contact_point_id());
  }
  for (const auto& [key, value] : shared.custom_attributes()) {
    paths.push_back("custom_attributes." + key);
  }
  return paths;
}

}  // namespace

SnapshotSharing SnapshotSharing::Load(pqxx::transaction_base& tx) {
  SharingPolicyStore store;
  SnapshotSharing sharing;
  if (std::optional<StoredSharingPolicy> stored = store.Load(tx)) {
    sharing.policy = std::move(stored->policy);
    sharing.policy_hlc = stored->hlc;
  } else {
    sharing.policy = DefaultSharingPolicy();
  }
  sharing.personal_attributes = store.PersonalAttributeKeys(tx);
  return sharing;
}

events::OutboundEvent CustomerSnapshotEvent(const v1::Customer& customer,
                                            const SnapshotSharing& sharing,
                                            const FieldClocks& changes,
                                            const std::map<std::string, std::string>& lookup_keys,
                                            std::string_view region, const Clock& clock) {
  telemarketing::events::v1::CustomerSnapshot snapshot;
  v1::Customer& shared = *snapshot.mutable_customer() =
      ShareCustomer(customer, sharing.policy, sharing.personal_attributes);
  shared.set_replica(false);
  snapshot.set_region_id(std::string(region));
  // A policy change alters what is shared without changing the customer: its HLC orders the
  // republished snapshot after the one replicas hold.
  HlcTimestamp stamp = grpcx::FromProtoHlc(customer.hlc());
  if (stamp < sharing.policy_hlc) stamp = sharing.policy_hlc;
  *snapshot.mutable_hlc() = grpcx::ToProtoHlc(stamp);

  // Fields never changed since creation: the creation time as an HLC reading, never later than
  // the creation's own stamp (taken after it), so a proposal learned after it wins.
  const HlcTimestamp created{
      UnixMillis(grpcx::FromProtoTime(customer.create_time())), 0, customer.region_id()};
  for (const std::string& path : ReportedPaths(shared)) {
    (*snapshot.mutable_field_hlc())[path] = grpcx::ToProtoHlc(FieldHlc(changes, created, path));
  }
  if (sharing.policy.ModeFor("contact_points") != SharingMode::kWithhold) {
    for (const v1::ContactPoint& p : customer.contact_points()) {
      auto key = lookup_keys.find(p.contact_point_id());
      if (key != lookup_keys.end()) (*snapshot.mutable_phone_lookup_keys())[key->first] = key->second;
    }
  }
  return events::MakeEvent(kCustomerSnapshotTopic, customer.customer_id(),
                           "customers/" + customer.customer_id(), snapshot, clock);
}

events::OutboundEvent NewCustomerSnapshotEvent(const v1::Customer& customer,
                                               const SnapshotSharing& sharing,
                                               const IdentifierCipher& cipher,
                                               std::string_view region, const Clock& clock) {
  std::map<std::string, std::string> keys;
  for (const v1::ContactPoint& p : customer.contact_points()) {
    if (p.type() == v1::CONTACT_POINT_TYPE_EMAIL) continue;
    keys.emplace(p.contact_point_id(),
                 absl::BytesToHexString(cipher.ContactIndex(p.normalized_value())));
  }
  return CustomerSnapshotEvent(customer, sharing, {}, keys, region, clock);
}

events::OutboundEvent CustomerSnapshotEvent(pqxx::work& tx, const v1::Customer& customer,
                                            std::string_view region, const Clock& clock) {
  SnapshotSourceStore source;
  return CustomerSnapshotEvent(customer, SnapshotSharing::Load(tx),
                               source.FieldChanges(tx, customer.customer_id()),
                               source.LookupKeys(tx, customer.customer_id()), region, clock);
}

events::OutboundEvent CustomerErasedEvent(const std::string& customer_id, std::string_view region,
                                          HlcTimestamp erased_at, const Clock& clock) {
  telemarketing::events::v1::CustomerSnapshot snapshot;
  snapshot.mutable_customer()->set_customer_id(customer_id);
  snapshot.mutable_customer()->set_region_id(std::string(region));
  snapshot.set_region_id(std::string(region));
  *snapshot.mutable_hlc() = grpcx::ToProtoHlc(erased_at);
  snapshot.set_deleted(true);
  return events::MakeEvent(kCustomerSnapshotTopic, customer_id, "customers/" + customer_id,
                           snapshot, clock);
}

}  // namespace tmk::contacts
