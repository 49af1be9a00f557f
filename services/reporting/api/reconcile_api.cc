// ReconcileEvents (admin): what reporting consumed per source, type and topic against what each
// producer's relay published (its outbox_published counts, see EventConsumptionStore), so lost or
// duplicated events show as missing or duplicates_dropped.
#include <map>
#include <set>
#include <tuple>

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/events/cloud_events.h"
#include "services/reporting/api/report_api.h"

namespace tmk::reporting {

absl::Status ReportApi::ReconcileEvents(const auth::Principal& who,
                                        const rv1::ReconcileEventsRequest& request,
                                        rv1::ReconcileEventsResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, {auth::Role::kAdmin}, region, "reconcile events");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  // The relays count per type for all time; a window could only compare unlike numbers.
  if (request.has_start_time()) {
    violations.Add("start_time", "not supported: producers' outbox counts cover all time");
  }
  if (request.has_end_time()) {
    violations.Add("end_time", "not supported: producers' outbox counts cover all time");
  }
  if (!violations.empty()) return violations.ToStatus();
  const std::set<std::string> wanted(request.sources().begin(), request.sources().end());

  std::vector<ConsumptionRow> consumed;
  std::map<std::string, std::optional<std::map<std::string, int64_t>>> produced;  // by source
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) {
    consumed = consumption_.List(tx);
    produced.clear();
    for (const std::string& service : producer_schemas_) {
      produced[events::ce::Source(region, service)] = consumption_.Produced(tx, service);
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return read;

  std::set<std::string> unreachable;
  std::set<std::pair<std::string, std::string>> seen;
  auto produced_of = [&](const std::string& source, const std::string& type) -> int64_t {
    auto p = produced.find(source);
    if (p == produced.end() || !p->second) {
      unreachable.insert(source);
      return -1;
    }
    auto n = p->second->find(type);
    return n == p->second->end() ? 0 : n->second;
  };
  bool balanced = true;
  for (const ConsumptionRow& c : consumed) {
    if (!wanted.empty() && !wanted.count(c.source)) continue;
    seen.insert({c.source, c.event_type});
    rv1::ReconciliationRow& row = *response.add_rows();
    row.set_source(c.source);
    row.set_event_type(c.event_type);
    row.set_topic(c.topic);
    row.set_produced(produced_of(c.source, c.event_type));
    row.set_consumed(c.consumed);
    row.set_duplicates_dropped(c.duplicates);
    row.set_missing(row.produced() < 0 ? 0 : row.produced() - row.consumed());
    if (row.missing() != 0) balanced = false;
  }
  // Types a producer published that never arrived at all.
  for (const auto& [source, types] : produced) {
    if (!types || (!wanted.empty() && !wanted.count(source))) continue;
    for (const auto& [type, count] : *types) {
      if (seen.count({source, type}) || count == 0) continue;
      rv1::ReconciliationRow& row = *response.add_rows();
      row.set_source(source);
      row.set_event_type(type);
      row.set_produced(count);
      row.set_missing(count);
      balanced = false;
    }
  }
  for (const std::string& source : unreachable) response.add_unreachable_sources(source);
  response.set_balanced(balanced && unreachable.empty());
  return absl::OkStatus();
}

}  // namespace tmk::reporting
