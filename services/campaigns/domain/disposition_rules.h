#pragma once
// Disposition sets (R11, R12, R13, R17): the wrap-up codes agents choose and what each means for
// the lead — outcome, sale stage, intention class, scheduling effect. Mirrors
// telemarketing.campaigns.v1 disposition.proto.
#include <string>
#include <string_view>
#include <vector>

#include "services/campaigns/domain/sales_vocabulary.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {

// Numeric values equal telemarketing.campaigns.v1.SchedulingEffect.
enum class SchedulingEffect {
  kUnspecified = 0,
  kRetry = 1,
  kCadence = 2,
  kCallback = 3,
  kStop = 4,
  kOrder = 5,
  kDoNotCall = 6,
  kNextContactPoint = 7,
};

struct Disposition {
  std::string code;
  std::string display_name;
  CallOutcome outcome = CallOutcome::kUnspecified;
  SaleStage stage = SaleStage::kUnspecified;
  IntentionClass intention_class = IntentionClass::kUnspecified;
  SchedulingEffect effect = SchedulingEffect::kUnspecified;
  bool requires_order = false;
  bool requires_feedback = false;
  bool counts_as_conversion = false;
  bool retired = false;
};

struct DispositionSet {
  std::string display_name;
  std::string description;
  std::vector<Disposition> dispositions;
};

// Every problem of a set, under `field` (e.g. "disposition_set"). The rules:
//  set    display_name required (<= 200 bytes), description <= 2000 bytes; 1-200 dispositions,
//         at least one active (not retired) with outcome REACHED — agents must be able to record
//         a conversation.
//  code   1-64 characters of A-Z, 0-9 and _, starting with a letter; unique in the set.
//  each   display_name required (<= 200 bytes); a known outcome and effect; stage and intention
//         class known when set.
//  who    intention class, stage, requires_feedback only for conversations (REACHED,
//         CALLBACK_REQUESTED, DO_NOT_CALL_REQUESTED; R11 classes reached customers);
//         counts_as_conversion only for REACHED (conversion is orders / reached customers, R27).
//  effect ORDER    <=> stage ORDER; needs outcome REACHED, requires_order, intention BUY_NOW or
//                      unset (R13); requires_order only with ORDER.
//         CALLBACK <=> outcome CALLBACK_REQUESTED (the customer's time is honoured, R10, R17).
//         DO_NOT_CALL <=> outcome DO_NOT_CALL_REQUESTED (a refusal always reaches contacts, R6).
//         NEXT_CONTACT_POINT only for INVALID_NUMBER / WRONG_PARTY, which never RETRY or
//                      CADENCE (R2: screened numbers are not dialed again).
//         RETRY    only for outcomes that missed the customer (no answer, busy, machine,
//                      abandoned, network failure, hung up).
//         CADENCE  only for REACHED, and not with BUY_NOW (that class closes with an order).
//  class  DEFINITELY_NOT requires_feedback (R12, R22: reasons go to the product team).
void CheckDispositionSet(const DispositionSet& set, std::string_view field,
                         Violations& violations);

// An update may not remove or redefine a code: wrap-ups already recorded with it must keep their
// meaning for reporting (R27), and nothing here can know whether a code has been used, so every
// existing code counts as used. A code keeps its outcome, stage, intention class, effect and
// requires_*/counts_as_conversion flags; its display name may change and it may be retired
// (`retired`) or brought back. Violations under "<field>.dispositions[...]" of `after`, or
// "<field>.dispositions" for a removed code.
void CheckDispositionSetChange(const DispositionSet& before, const DispositionSet& after,
                               std::string_view field, Violations& violations);

}  // namespace tmk::campaigns
