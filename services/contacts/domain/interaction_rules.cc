#include "services/contacts/domain/interaction_rules.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"

namespace tmk::contacts {
namespace {

bool IsKnownKind(int kind) { return kind >= 1 && kind <= InteractionLimits::kMaxKind; }

void CheckLength(const std::string& value, size_t max, const std::string& field, Violations& v) {
  if (value.size() > max) v.Add(field, absl::StrCat("at most ", max, " bytes"));
}

}  // namespace

absl::Status ValidateNewInteraction(const NewInteraction& i) {
  Violations v;
  if (i.customer_id.empty()) {
    v.Add("interaction.customer_id", "required");
  } else if (!Uuid::Parse(i.customer_id)) {
    v.Add("interaction.customer_id", "not a customer id (a UUID)");
  }
  if (i.kind == 0) {
    v.Add("interaction.kind", "required, e.g. INTERACTION_KIND_CALL");
  } else if (!IsKnownKind(i.kind)) {
    v.Add("interaction.kind", "not an InteractionKind");
  }
  if (i.reference_id.empty()) v.Add("interaction.reference_id", "required: the id in its service");
  CheckLength(i.reference_id, InteractionLimits::kMaxReferenceId, "interaction.reference_id", v);
  if (i.service.empty()) v.Add("interaction.service", "required, e.g. \"dialing\" or \"recording\"");
  CheckLength(i.service, InteractionLimits::kMaxService, "interaction.service", v);
  CheckLength(i.region_id, InteractionLimits::kMaxId, "interaction.region_id", v);
  CheckLength(i.call_id, InteractionLimits::kMaxId, "interaction.call_id", v);
  CheckLength(i.campaign_id, InteractionLimits::kMaxId, "interaction.campaign_id", v);
  CheckLength(i.contact_point_id, InteractionLimits::kMaxId, "interaction.contact_point_id", v);
  if (!i.has_occur_time) {
    v.Add("interaction.occur_time", "required: when it happened");
  } else if (!i.occur_time_valid) {
    v.Add("interaction.occur_time", "not a valid timestamp");
  }
  CheckLength(i.summary, InteractionLimits::kMaxSummary, "interaction.summary", v);
  return v.ToStatus("invalid interaction");
}

absl::Status ValidateInteractionKinds(const std::vector<int>& kinds) {
  Violations v;
  if (kinds.size() > InteractionLimits::kMaxKindsFilter) {
    v.Add("kinds", absl::StrCat("at most ", InteractionLimits::kMaxKindsFilter));
  }
  for (size_t k = 0; k < kinds.size(); ++k) {
    if (!IsKnownKind(kinds[k])) v.Add(absl::StrCat("kinds[", k, "]"), "not an InteractionKind");
  }
  return v.ToStatus();
}

}  // namespace tmk::contacts
