#include "services/dialing/domain/service_dispositions.h"

namespace tmk::dialing {

namespace {

campaigns::Disposition Outcome(const char* code, const char* display_name,
                               campaigns::CallOutcome outcome) {
  campaigns::Disposition d;
  d.code = code;
  d.display_name = display_name;
  d.outcome = outcome;
  // The lead-free effect: nothing to schedule on a call that belongs to no campaign.
  d.effect = campaigns::SchedulingEffect::kStop;
  return d;
}

}  // namespace

const std::vector<campaigns::Disposition>& ServiceDispositions() {
  static const std::vector<campaigns::Disposition> kSet = {
      Outcome("SERVICE_RESOLVED", "Resolved", campaigns::CallOutcome::kReached),
      Outcome("SERVICE_FOLLOW_UP", "Needs follow-up", campaigns::CallOutcome::kReached),
      Outcome("SERVICE_COMPLAINT", "Complaint recorded", campaigns::CallOutcome::kReached),
      Outcome("SERVICE_WRONG_PARTY", "Wrong party", campaigns::CallOutcome::kWrongParty),
      Outcome("SERVICE_NO_CONVERSATION", "No conversation", campaigns::CallOutcome::kHungUp),
  };
  return kSet;
}

const campaigns::Disposition* FindServiceDisposition(const std::string& code) {
  for (const campaigns::Disposition& d : ServiceDispositions()) {
    if (d.code == code) return &d;
  }
  return nullptr;
}

}  // namespace tmk::dialing
