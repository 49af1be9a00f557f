#pragma once
// Who is calling in (R18 cross-sell, R5 one customer view): the inbound router asks as a call
// arrives and serves the call meanwhile, so a slow or absent answer never holds the dialer's
// thread or the caller. A port: contacts answers in production (ContactsCallerDirectory); a
// test answers in virtual time.
#include <functional>
#include <optional>
#include <string>

#include "absl/status/statusor.h"
#include "services/dialing/domain/caller_match.h"

namespace tmk::dialing {

class CallerDirectory {
 public:
  // The caller, nullopt when no customer has the number, or why nobody could tell in time.
  using Answer = std::function<void(const absl::StatusOr<std::optional<KnownCaller>>&)>;

  virtual ~CallerDirectory() = default;
  // Starts finding the caller of inbound call `call_id` from `caller_number` and returns at once;
  // `answer` runs later, exactly once, in the dialer's scheduler context.
  virtual void Identify(const std::string& call_id, const std::string& caller_number,
                        Answer answer) = 0;
};

}  // namespace tmk::dialing
