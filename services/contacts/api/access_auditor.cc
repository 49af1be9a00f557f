#include "services/contacts/api/access_auditor.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

namespace {

bool IsPhone(const v1::ContactPoint& point) {
  return point.type() == v1::CONTACT_POINT_TYPE_MOBILE ||
         point.type() == v1::CONTACT_POINT_TYPE_FIXED_LINE;
}

}  // namespace

v1::AccessAuditEntry AccessAuditor::Entry(const AuditedCall& call) const {
  v1::AccessAuditEntry entry;
  entry.set_entry_id(NewId(clock_));
  *entry.mutable_actor() = grpcx::ActorOf(call.who, region_);
  entry.set_method(absl::StrCat("/", v1::ContactsService::service_full_name(), "/",
                                absl::string_view(call.rpc.data(), call.rpc.size())));
  entry.set_call_id(call.context.call_id());
  entry.set_campaign_id(call.context.campaign_id());
  entry.set_reason(call.context.reason());
  *entry.mutable_access_time() = grpcx::ToProtoTime(clock_.Now());
  entry.set_region_id(region_);
  entry.set_peer(call.peer);
  return entry;
}

void AccessAuditor::Append(pqxx::work& tx, const AuditedCall& call,
                           const std::vector<v1::AccessAuditEntry>& entries) const {
  std::vector<std::string> roles;
  for (auth::Role role : auth::kAllRoles) {
    if (call.who.HasRole(role)) roles.emplace_back(auth::RoleName(role));
  }
  store_.Append(tx, entries, roles);
}

void AccessAuditor::RecordCustomers(pqxx::work& tx, const AuditedCall& call, v1::AccessKind kind,
                                    absl::Span<const v1::Customer> answered) const {
  if (answered.empty()) return;
  std::vector<v1::AccessAuditEntry> entries;
  for (const v1::Customer& customer : answered) {
    v1::AccessAuditEntry& entry = entries.emplace_back(Entry(call));
    entry.set_customer_id(customer.customer_id());
    bool full_phone = false, any_point = false;
    for (const v1::ContactPoint& point : customer.contact_points()) {
      if (point.masked() || point.value().empty()) continue;
      any_point = true;
      full_phone = full_phone || IsPhone(point);
    }
    if (!customer.display_name().empty()) entry.add_revealed_fields("display_name");
    if (!customer.residence().street_address().empty()) {
      entry.add_revealed_fields("residence.street_address");
    }
    if (any_point) entry.add_revealed_fields("contact_points");
    entry.set_kind(kind == v1::ACCESS_KIND_READ && full_phone ? v1::ACCESS_KIND_READ_UNMASKED
                                                              : kind);
  }
  Append(tx, call, entries);
}

void AccessAuditor::RecordHistory(pqxx::work& tx, const AuditedCall& call,
                                  const std::string& customer_id,
                                  absl::Span<const v1::ProfileChange> answered) const {
  if (answered.empty()) return;
  v1::AccessAuditEntry entry = Entry(call);
  entry.set_customer_id(customer_id);
  entry.set_kind(v1::ACCESS_KIND_HISTORY_READ);
  std::set<std::string> paths;
  for (const v1::ProfileChange& change : answered) paths.insert(change.field_path());
  for (const std::string& path : paths) entry.add_revealed_fields(path);
  Append(tx, call, {entry});
}

void AccessAuditor::RecordErasure(pqxx::work& tx, const AuditedCall& call,
                                  const std::string& customer_id) const {
  v1::AccessAuditEntry entry = Entry(call);
  entry.set_customer_id(customer_id);
  entry.set_kind(v1::ACCESS_KIND_ERASE);
  Append(tx, call, {entry});
}

}  // namespace tmk::contacts
