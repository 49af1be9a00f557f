#include "services/dialing/domain/caller_match.h"

namespace tmk::dialing {

std::optional<KnownCaller> MatchCaller(const std::vector<CallerCandidate>& candidates,
                                       const std::string& number) {
  if (candidates.empty()) return std::nullopt;
  const CallerCandidate& owned_first = candidates.front();
  KnownCaller caller{owned_first.customer_id, ""};
  for (const CallerCandidate::Phone& phone : owned_first.phones) {
    if (!number.empty() && phone.number == number) {
      caller.contact_point_id = phone.contact_point_id;
      break;
    }
  }
  return caller;
}

}  // namespace tmk::dialing
