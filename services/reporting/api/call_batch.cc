#include "services/reporting/api/call_batch.h"

#include <algorithm>
#include <optional>

#include "services/reporting/api/call_step_mapping.h"
#include "services/reporting/domain/call_contribution.h"

namespace tmk::reporting {
namespace ev1 = telemarketing::events::v1;

void CallBatch::Add(StoredStep stored, CallStep step) {
  steps_.emplace(CallProjectionStore::StepId{stored.call_id, stored.sequence}, std::move(step));
  stored_.push_back(std::move(stored));
}

absl::Status CallBatch::Apply(pqxx::work& tx, const CallProjectionStore& calls,
                              const LeadProjectionStore& leads, Applied& applied) const {
  // A step the store already had (re-published under another id) changes nothing.
  const std::set<CallProjectionStore::StepId> added = calls.AddSteps(tx, stored_);
  if (added.empty()) return absl::OkStatus();
  std::vector<std::string> call_ids;
  for (const auto& [call_id, sequence] : added) {
    if (call_ids.empty() || call_ids.back() != call_id) call_ids.push_back(call_id);
  }
  std::vector<CallContribution> changes;
  std::vector<LeadDisposition> dispositions;
  for (const auto& [call_id, stored] : calls.Steps(tx, call_ids)) {
    std::vector<CallStep> earlier, now;
    for (const StoredStep& s : stored) {
      if (added.count({call_id, s.sequence}) > 0) {
        now.push_back(steps_.at({call_id, s.sequence}));
        applied.latest = std::max(applied.latest, now.back().time);
        continue;
      }
      ev1::CallEvent event;
      if (!event.ParseFromString(s.payload)) {
        return absl::DataLossError("stored call step unreadable");
      }
      absl::StatusOr<CallStep> step = ToCallStep(event);
      if (!step.ok()) return absl::DataLossError("stored call step invalid");
      earlier.push_back(*std::move(step));
    }
    std::optional<CallFacts> before;
    if (!earlier.empty()) before = FoldCall(call_id, earlier);
    std::vector<CallStep> all = earlier;
    all.insert(all.end(), now.begin(), now.end());
    CallFacts facts = FoldCall(call_id, std::move(all));
    for (CallContribution& change : ContributionChange(before ? &*before : nullptr, facts)) {
      changes.push_back(std::move(change));
    }
    for (const CallStep& step : now) {
      if (step.kind != StepKind::kDispositioned || facts.lead_id.empty()) continue;
      dispositions.push_back({facts.lead_id, facts.campaign_id, facts.variant_id, facts.call_id,
                              step.time, step.previous_stage, step.stage, step.previous_intention,
                              step.intention, !step.order_id.empty(), step.lead_attempts,
                              step.lead_contacts});
    }
    applied.calls.push_back(std::move(facts));
  }
  calls.ApplyContributions(tx, changes);
  calls.TrackOpen(tx, applied.calls);
  calls.UpsertTimeline(tx, applied.calls);
  return leads.ApplyDispositions(tx, dispositions);
}

}  // namespace tmk::reporting
