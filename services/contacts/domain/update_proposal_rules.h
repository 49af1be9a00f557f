#pragma once
// How an owning region decides an update proposal (R5, R32): each proposed field independently,
// by last-writer-wins on the hybrid logical clock. A field changes only when the proposal learned
// its value later than the owner's current value was written; contact points merge by normalised
// value and are never removed. Plain C++: the gRPC layer applies what this decides.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "services/common/core/hlc.h"

namespace tmk::contacts {

// The HLC of each field's latest recorded change, by field path as the change history records it
// ("display_name", "residence", "residence.city_code", "contact_points",
// "contact_points.<contact_point_id>", "custom_attributes.plan").
using FieldClocks = std::map<std::string, HlcTimestamp, std::less<>>;

// The HLC of the current value at `path`: the latest of `base` (when the customer was created)
// and every recorded change to the path itself, to a field it lies under ("residence" for
// "residence.city_code") or to a field under it.
HlcTimestamp FieldHlc(const FieldClocks& clocks, const HlcTimestamp& base, std::string_view path);

enum class FieldResult { kApplied, kStale, kInvalid, kCustomerDeleted };

struct ProposedField {
  std::string path;  // an update_mask path
  HlcTimestamp hlc;  // when the proposing region learned the value
};

struct FieldDecision {
  std::string path;
  FieldResult result = FieldResult::kApplied;
  std::string message;
};

// Every field but "contact_points" (decided by MergeProposedPoints): CUSTOMER_DELETED when the
// customer is gone; INVALID with its message when `invalid` names the path (the value failed the
// owner's validation); STALE when the current value is not older than the proposal's; APPLIED
// otherwise. Decisions come in the order of `fields`.
std::vector<FieldDecision> DecideFields(const std::vector<ProposedField>& fields,
                                        bool customer_exists, const FieldClocks& clocks,
                                        const HlcTimestamp& base,
                                        const std::map<std::string, std::string>& invalid);

// The merge of proposed contact points into a customer's (R2, R3): for each proposed point the
// index of the existing point with its normalised value (-1 when new) and whether it is applied:
// new points always are (a merge only adds); a known one takes the proposal's label and status
// only when the proposal is later than that point's HLC ("contact_points.<id>").
struct PointMerge {
  int existing = -1;
  bool apply = false;
};
std::vector<PointMerge> MergeProposedPoints(const std::vector<std::string>& existing_normalized,
                                            const std::vector<std::string>& existing_ids,
                                            const std::vector<std::string>& proposed_normalized,
                                            const HlcTimestamp& proposal, const FieldClocks& clocks,
                                            const HlcTimestamp& base);

enum class ProposalVerdict { kApplied, kPartiallyApplied, kRejected };
// APPLIED when every field was, REJECTED when none was, PARTIALLY_APPLIED otherwise.
ProposalVerdict Summarize(const std::vector<FieldDecision>& decisions);

}  // namespace tmk::contacts
