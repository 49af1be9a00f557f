#include "services/campaigns/api/disposition_mapping.h"

namespace tmk::campaigns {

DispositionSet ToDomain(const telemarketing::campaigns::v1::DispositionSet& set) {
  DispositionSet out;
  out.display_name = set.display_name();
  out.description = set.description();
  for (const telemarketing::campaigns::v1::Disposition& d : set.dispositions()) {
    Disposition disposition;
    disposition.code = d.code();
    disposition.display_name = d.display_name();
    disposition.outcome = static_cast<CallOutcome>(d.outcome());
    disposition.stage = static_cast<SaleStage>(d.stage());
    disposition.intention_class = static_cast<IntentionClass>(d.intention_class());
    disposition.effect = static_cast<SchedulingEffect>(d.effect());
    disposition.requires_order = d.requires_order();
    disposition.requires_feedback = d.requires_feedback();
    disposition.counts_as_conversion = d.counts_as_conversion();
    disposition.retired = d.retired();
    out.dispositions.push_back(std::move(disposition));
  }
  return out;
}

}  // namespace tmk::campaigns
