#include "services/dialing/api/contacts_projection_consumer.h"

#include "absl/strings/str_cat.h"
#include "services/common/events/inbox.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/log/logger.h"
#include "services/dialing/api/projected_event.h"
#include "telemarketing/events/v1/contacts_events.pb.h"

namespace tmk::dialing {
namespace ev1 = telemarketing::events::v1;
namespace cv1 = telemarketing::contacts::v1;

namespace {

std::optional<TimePoint> OptionalTime(bool present, const google::protobuf::Timestamp& t) {
  return present ? std::optional<TimePoint>(grpcx::FromProtoTime(t)) : std::nullopt;
}

bool IsPhone(const cv1::ContactPoint& p) {
  return p.type() == cv1::CONTACT_POINT_TYPE_MOBILE ||
         p.type() == cv1::CONTACT_POINT_TYPE_FIXED_LINE;
}

// The snapshot as the hopper needs it (R2, R10, R19): phones in contacts' rank (the primary
// first, then as listed), with the E.164 number only when the owning region shared it.
CustomerProjectionRow ToRow(const ev1::CustomerSnapshot& snapshot) {
  const cv1::Customer& c = snapshot.customer();
  CustomerProjectionRow row;
  row.customer_id = c.customer_id();
  row.region = snapshot.region_id();
  row.kind = static_cast<int>(c.kind());
  row.vip_tier = static_cast<int>(c.vip_tier());
  row.time_zone = c.preferred_call_window().time_zone();
  row.hlc = HlcOf(snapshot.hlc());
  for (bool primary : {true, false}) {
    for (const cv1::ContactPoint& p : c.contact_points()) {
      if (!IsPhone(p) || p.primary() != primary) continue;
      row.phones.push_back({p.contact_point_id(), static_cast<ContactPointStatus>(p.status()),
                            p.masked() ? std::string() : p.normalized_value()});
    }
  }
  return row;
}

ConsentProjectionRow ToRow(const ev1::ConsentChanged& event) {
  const cv1::Consent& c = event.consent();
  return ConsentProjectionRow{c.customer_id(),
                              static_cast<int>(c.channel()),
                              static_cast<int>(c.purpose()),
                              static_cast<int>(c.state()),
                              grpcx::FromProtoTime(c.effective_time()),
                              OptionalTime(c.has_expire_time(), c.expire_time()),
                              HlcOf(event.hlc())};
}

DncProjectionRow ToRow(const ev1::DoNotCallChanged& event) {
  const cv1::DncEntry& d = event.dnc_entry();
  return DncProjectionRow{d.dnc_entry_id(),
                          static_cast<int>(d.scope()),
                          d.region_id(),
                          d.campaign_id(),
                          d.customer_id(),
                          d.phone_number(),
                          static_cast<int>(d.channel()),
                          OptionalTime(d.has_expire_time(), d.expire_time()),
                          event.removed(),
                          HlcOf(event.hlc())};
}

absl::Status Malformed(const events::ConsumedEvent& event, std::string_view what) {
  return absl::InvalidArgumentError(
      absl::StrCat(event.type, " without ", std::string(what), " (ce_id ", event.id, ")"));
}

}  // namespace

absl::Status ContactsProjectionConsumer::Apply(
    const events::ConsumedEvent& event,
    const std::function<std::vector<std::string>(pqxx::work&)>& write) {
  return pool_.Transact([&](pqxx::work& tx) {
    if (!events::ClaimInInbox(tx, kConsumerGroup, event)) return absl::OkStatus();
    for (const std::string& customer_id : write(tx)) {
      leads_.ReleaseHolds(tx, customer_id);
      hopper_.EvictCustomer(tx, customer_id);
    }
    return absl::OkStatus();
  });
}

absl::Status ContactsProjectionConsumer::Handle(const events::ConsumedEvent& event) {
  if (event.type == ev1::CustomerSnapshot::descriptor()->full_name()) {
    ev1::CustomerSnapshot snapshot;
    if (absl::Status parsed = ParseStamped(event, snapshot); !parsed.ok()) return parsed;
    if (snapshot.customer().customer_id().empty()) return Malformed(event, "a customer_id");
    const CustomerProjectionRow row = ToRow(snapshot);
    return Apply(event, [&](pqxx::work& tx) -> std::vector<std::string> {
      const bool written = snapshot.deleted()
                               ? customers_.DeleteCustomer(tx, row.customer_id, row.region, row.hlc)
                               : customers_.UpsertCustomer(tx, row);
      if (!written) return {};
      return {row.customer_id};
    });
  }
  if (event.type == ev1::ConsentChanged::descriptor()->full_name()) {
    ev1::ConsentChanged changed;
    if (absl::Status parsed = ParseStamped(event, changed); !parsed.ok()) return parsed;
    if (changed.consent().customer_id().empty()) return Malformed(event, "a customer_id");
    const ConsentProjectionRow row = ToRow(changed);
    return Apply(event, [&](pqxx::work& tx) -> std::vector<std::string> {
      if (!customers_.UpsertConsent(tx, row)) return {};
      return {row.customer_id};
    });
  }
  if (event.type == ev1::DoNotCallChanged::descriptor()->full_name()) {
    ev1::DoNotCallChanged changed;
    if (absl::Status parsed = ParseStamped(event, changed); !parsed.ok()) return parsed;
    if (changed.dnc_entry().dnc_entry_id().empty()) return Malformed(event, "a dnc_entry_id");
    const DncProjectionRow row = ToRow(changed);
    return Apply(event, [&](pqxx::work& tx) -> std::vector<std::string> {
      if (!customers_.UpsertDnc(tx, row)) return {};
      return customers_.CustomersOf(tx, row);
    });
  }
  log::Debug("contacts event ignored",
             {{"ce_type", event.type}, {"ce_id", event.id}, {"key", event.key}});
  return absl::OkStatus();
}

}  // namespace tmk::dialing
