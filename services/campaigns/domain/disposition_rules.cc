#include "services/campaigns/domain/disposition_rules.h"

#include <map>

#include "absl/strings/str_cat.h"

namespace tmk::campaigns {
namespace {

constexpr size_t kMaxCode = 64;
constexpr size_t kMaxDisplayName = 200;
constexpr size_t kMaxDescription = 2000;
constexpr size_t kMaxDispositions = 200;

bool IsKnown(SchedulingEffect effect) {
  return static_cast<int>(effect) >= 1 && static_cast<int>(effect) <= 7;
}

bool ValidCode(const std::string& code) {
  if (code.empty() || code.size() > kMaxCode || code[0] < 'A' || code[0] > 'Z') return false;
  for (char c : code) {
    if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_')) return false;
  }
  return true;
}

// The consistency of one disposition's outcome, stage, class and effect (see the header).
void CheckMeaning(const Disposition& d, const std::string& at, Violations& v) {
  const bool conversation = IsConversation(d.outcome);
  const std::string outcome = Name(d.outcome);
  if (d.intention_class != IntentionClass::kUnspecified && !conversation) {
    v.Add(at + ".intention_class",
          absl::StrCat("only customers who were reached are classed (R11), not ", outcome));
  }
  if (d.stage != SaleStage::kUnspecified && !conversation) {
    v.Add(at + ".stage", absl::StrCat("a ", outcome, " attempt does not move the sale stage"));
  }
  if (d.requires_feedback && !conversation) {
    v.Add(at + ".requires_feedback",
          absl::StrCat("feedback comes from a customer who was reached, not ", outcome));
  }
  if (d.counts_as_conversion && d.outcome != CallOutcome::kReached) {
    v.Add(at + ".counts_as_conversion", "only a REACHED disposition can be a conversion (R27)");
  }
  if (d.intention_class == IntentionClass::kDefinitelyNot && !d.requires_feedback) {
    v.Add(at + ".requires_feedback",
          "DEFINITELY_NOT records the reasons and product feedback (R12, R22)");
  }

  const bool order = d.effect == SchedulingEffect::kOrder;
  if (order != (d.stage == SaleStage::kOrder)) {
    v.Add(at + ".stage", order ? "an ORDER effect puts the lead in stage ORDER (R11, R13)"
                               : "stage ORDER is entered only with the ORDER effect");
  }
  if (order) {
    if (d.outcome != CallOutcome::kReached) {
      v.Add(at + ".outcome", "an order is captured on a REACHED call");
    }
    if (!d.requires_order) {
      v.Add(at + ".requires_order", "an ORDER effect needs the order in the wrap-up (R13)");
    }
    if (d.intention_class != IntentionClass::kUnspecified &&
        d.intention_class != IntentionClass::kBuyNow) {
      v.Add(at + ".intention_class", "a customer who orders is BUY_NOW (or leave it unset)");
    }
  } else if (d.requires_order) {
    v.Add(at + ".requires_order", "only the ORDER effect captures an order");
  }

  if ((d.effect == SchedulingEffect::kCallback) != (d.outcome == CallOutcome::kCallbackRequested)) {
    v.Add(at + ".effect", d.effect == SchedulingEffect::kCallback
                              ? "CALLBACK is the effect of outcome CALLBACK_REQUESTED"
                              : "a requested callback is placed at the customer's time: use "
                                "effect CALLBACK (R10, R17)");
  }
  if ((d.effect == SchedulingEffect::kDoNotCall) !=
      (d.outcome == CallOutcome::kDoNotCallRequested)) {
    v.Add(at + ".effect", d.effect == SchedulingEffect::kDoNotCall
                              ? "DO_NOT_CALL is the effect of outcome DO_NOT_CALL_REQUESTED"
                              : "a do-not-call request must reach contacts: use effect "
                                "DO_NOT_CALL (R6)");
  }
  switch (d.effect) {
    case SchedulingEffect::kNextContactPoint:
      if (!IsScreeningFailure(d.outcome)) {
        v.Add(at + ".effect", "NEXT_CONTACT_POINT is only for INVALID_NUMBER or WRONG_PARTY");
      }
      break;
    case SchedulingEffect::kRetry:
      if (!IsRetryable(d.outcome)) {
        v.Add(at + ".effect",
              IsScreeningFailure(d.outcome)
                  ? absl::StrCat(outcome, " is never retried: list screening marks it (R2)")
                  : absl::StrCat("RETRY is for attempts that missed the customer, not ", outcome));
      }
      break;
    case SchedulingEffect::kCadence:
      if (d.outcome != CallOutcome::kReached) {
        v.Add(at + ".effect", "CADENCE follows up REACHED customers by intention class (R12)");
      } else if (d.intention_class == IntentionClass::kBuyNow) {
        v.Add(at + ".effect", "BUY_NOW has no cadence: use effect ORDER");
      }
      break;
    default:
      break;
  }
}

void CheckDisposition(const Disposition& d, const std::string& at, Violations& v) {
  if (!ValidCode(d.code)) {
    v.Add(at + ".code", absl::StrCat("1-", kMaxCode,
                                     " characters of A-Z, 0-9 and _, starting with a letter"));
  }
  if (d.display_name.empty()) {
    v.Add(at + ".display_name", "required");
  } else if (d.display_name.size() > kMaxDisplayName) {
    v.Add(at + ".display_name", absl::StrCat("at most ", kMaxDisplayName, " bytes"));
  }
  bool known = true;
  if (!IsKnown(d.outcome)) {
    v.Add(at + ".outcome", "required: a known call outcome");
    known = false;
  }
  if (!IsKnown(d.effect)) {
    v.Add(at + ".effect", "required: a known scheduling effect");
    known = false;
  }
  if (d.stage != SaleStage::kUnspecified && !IsKnown(d.stage)) {
    v.Add(at + ".stage", "unknown sale stage");
    known = false;
  }
  if (d.intention_class != IntentionClass::kUnspecified && !IsKnown(d.intention_class)) {
    v.Add(at + ".intention_class", "unknown intention class");
    known = false;
  }
  // Consistency only means something once every value is known.
  if (known) CheckMeaning(d, at, v);
}

bool SameMeaning(const Disposition& a, const Disposition& b) {
  return a.outcome == b.outcome && a.stage == b.stage && a.intention_class == b.intention_class &&
         a.effect == b.effect && a.requires_order == b.requires_order &&
         a.requires_feedback == b.requires_feedback &&
         a.counts_as_conversion == b.counts_as_conversion;
}

}  // namespace

void CheckDispositionSet(const DispositionSet& set, std::string_view field, Violations& v) {
  const std::string base(field);
  if (set.display_name.empty()) {
    v.Add(base + ".display_name", "required");
  } else if (set.display_name.size() > kMaxDisplayName) {
    v.Add(base + ".display_name", absl::StrCat("at most ", kMaxDisplayName, " bytes"));
  }
  if (set.description.size() > kMaxDescription) {
    v.Add(base + ".description", absl::StrCat("at most ", kMaxDescription, " bytes"));
  }
  if (set.dispositions.size() > kMaxDispositions) {
    v.Add(base + ".dispositions", absl::StrCat("at most ", kMaxDispositions, " dispositions"));
    return;
  }
  std::map<std::string, size_t> codes;
  bool can_record_conversation = false;
  for (size_t i = 0; i < set.dispositions.size(); ++i) {
    const Disposition& d = set.dispositions[i];
    const std::string at = absl::StrCat(base, ".dispositions[", i, "]");
    CheckDisposition(d, at, v);
    if (!d.code.empty()) {
      if (auto [it, added] = codes.emplace(d.code, i); !added) {
        v.Add(at + ".code", absl::StrCat("'", d.code.substr(0, kMaxCode), "' is already used by ",
                                         base, ".dispositions[", it->second, "]"));
      }
    }
    can_record_conversation =
        can_record_conversation || (!d.retired && d.outcome == CallOutcome::kReached);
  }
  if (set.dispositions.empty()) {
    v.Add(base + ".dispositions", "at least one disposition");
  } else if (!can_record_conversation) {
    v.Add(base + ".dispositions",
          "at least one disposition that is not retired must have outcome REACHED");
  }
}

void CheckDispositionSetChange(const DispositionSet& before, const DispositionSet& after,
                               std::string_view field, Violations& v) {
  const std::string base(field);
  std::map<std::string, size_t> now;
  for (size_t i = 0; i < after.dispositions.size(); ++i) now.emplace(after.dispositions[i].code, i);
  for (const Disposition& old : before.dispositions) {
    auto it = now.find(old.code);
    if (it == now.end()) {
      v.Add(base + ".dispositions",
            absl::StrCat("code '", old.code,
                         "' was removed; codes are kept for the wrap-ups that used them: set "
                         "retired instead"));
    } else if (!SameMeaning(old, after.dispositions[it->second])) {
      v.Add(absl::StrCat(base, ".dispositions[", it->second, "]"),
            absl::StrCat("code '", old.code,
                         "' cannot be redefined (outcome, stage, intention class, effect and "
                         "flags are fixed); retire it and add a new code"));
    }
  }
}

}  // namespace tmk::campaigns
