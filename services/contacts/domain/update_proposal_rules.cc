#include "services/contacts/domain/update_proposal_rules.h"

#include <algorithm>

#include "services/contacts/domain/customer_update.h"

namespace tmk::contacts {
namespace {

bool IsUnder(std::string_view parent, std::string_view child) {
  return child.size() > parent.size() && child.substr(0, parent.size()) == parent &&
         child[parent.size()] == '.';
}

}  // namespace

HlcTimestamp FieldHlc(const FieldClocks& clocks, const HlcTimestamp& base, std::string_view path) {
  HlcTimestamp latest = base;
  for (const auto& [recorded, hlc] : clocks) {
    if ((recorded == path || IsUnder(recorded, path) || IsUnder(path, recorded)) && latest < hlc) {
      latest = hlc;
    }
  }
  return latest;
}

std::vector<FieldDecision> DecideFields(const std::vector<ProposedField>& fields,
                                        bool customer_exists, const FieldClocks& clocks,
                                        const HlcTimestamp& base,
                                        const std::map<std::string, std::string>& invalid) {
  std::vector<FieldDecision> out;
  for (const ProposedField& field : fields) {
    FieldDecision d{field.path, FieldResult::kApplied, ""};
    if (!customer_exists) {
      d.result = FieldResult::kCustomerDeleted;
      d.message = "the customer was erased in its owning region";
    } else if (auto bad = invalid.find(field.path); bad != invalid.end()) {
      d.result = FieldResult::kInvalid;
      d.message = bad->second;
    } else if (!(FieldHlc(clocks, base, field.path) < field.hlc)) {
      d.result = FieldResult::kStale;
      d.message = "the owning region holds a later value (hybrid logical clock)";
    }
    out.push_back(std::move(d));
  }
  return out;
}

std::vector<PointMerge> MergeProposedPoints(const std::vector<std::string>& existing_normalized,
                                            const std::vector<std::string>& existing_ids,
                                            const std::vector<std::string>& proposed_normalized,
                                            const HlcTimestamp& proposal, const FieldClocks& clocks,
                                            const HlcTimestamp& base) {
  std::vector<int> match = MatchContactPoints(existing_normalized, proposed_normalized);
  std::vector<PointMerge> out;
  for (int m : match) {
    if (m < 0) {
      out.push_back({-1, true});
    } else {
      HlcTimestamp current = FieldHlc(clocks, base, "contact_points." + existing_ids[m]);
      out.push_back({m, current < proposal});
    }
  }
  return out;
}

ProposalVerdict Summarize(const std::vector<FieldDecision>& decisions) {
  long applied = std::count_if(decisions.begin(), decisions.end(), [](const FieldDecision& d) {
    return d.result == FieldResult::kApplied;
  });
  if (applied == static_cast<long>(decisions.size())) return ProposalVerdict::kApplied;
  return applied == 0 ? ProposalVerdict::kRejected : ProposalVerdict::kPartiallyApplied;
}

}  // namespace tmk::contacts
