#pragma once
// Which customer an inbound caller is (R18, R5): contacts finds every customer with a phone of the
// caller's number by its blind index and lists the customers its region owns first; dialing takes
// the first, and that customer's phone of the caller's number as the call's contact point. Contacts
// shows dialing's own principal numbers masked (R6), so the caller's number is compared in the
// form contacts answered it in (masked the same way); a customer whose phones the owner withholds
// is still the caller, with no contact point. Pure.
#include <optional>
#include <string>
#include <vector>

namespace tmk::dialing {

struct KnownCaller {
  std::string customer_id;
  std::string contact_point_id;  // empty when no phone of the number is visible
};

struct CallerCandidate {
  struct Phone {
    std::string contact_point_id;
    std::string number;  // normalised, as contacts showed it (masked or not)
  };
  std::string customer_id;
  std::vector<Phone> phones;  // in contacts' order
};

// `number`: the caller's normalised number as contacts showed it alongside the candidates. Two
// phones of one customer can only look alike when masking hides the digits that differ; the first
// in contacts' order is taken then. nullopt when there is no candidate.
std::optional<KnownCaller> MatchCaller(const std::vector<CallerCandidate>& candidates,
                                       const std::string& number);

}  // namespace tmk::dialing
