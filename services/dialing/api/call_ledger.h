#pragma once
// Every step of a call written once (R17, R20, R26, R31): the call's row and the CallEvent on
// tm.calls.v1 that announces the step commit in the caller's transaction (outbox). Events of a
// call are numbered from 1 (`sequence`) and carry the call's identity and an HLC stamp, so
// reporting and integrators see each call's complete, ordered life.
#include <pqxx/pqxx>

#include <functional>
#include <string>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "services/dialing/store/call_store.h"
#include "telemarketing/events/v1/call_events.pb.h"

namespace tmk::dialing {

class CallLedger {
 public:
  CallLedger(std::string region, const Clock& clock, HybridLogicalClock& hlc)
      : region_(std::move(region)), clock_(clock), hlc_(hlc) {}

  using StepFill = std::function<void(telemarketing::events::v1::CallEvent&)>;

  // A new call: its row (as `row.call` says, region set here) and CallCreated.
  void Create(pqxx::work& tx, CallRow& row,
              const telemarketing::events::v1::CallCreated& created) const;
  // The call after a step: `row` as the caller changed it is stored, and `fill` sets the event's
  // step (and anything else it adds).
  void Step(pqxx::work& tx, CallRow& row, const StepFill& fill) const;

  const std::string& region() const { return region_; }

 private:
  telemarketing::events::v1::CallEvent Envelope(CallRow& row) const;
  void Append(pqxx::work& tx, const telemarketing::events::v1::CallEvent& event) const;

  std::string region_;
  const Clock& clock_;
  HybridLogicalClock& hlc_;
  CallStore calls_;
};

}  // namespace tmk::dialing
