#pragma once
// The telephony port of the dialer (R17): the few things dialing asks of a phone network and the
// call-progress events it gets back. The simulator implements it now; a SIP adapter later.
//
// Every call ends with exactly one terminal event: kBusy, kNoAnswer, kInvalidNumber (never
// answered) or kEnded (after an answer, or when the dialer hung up first). Events are delivered
// to the listener from the implementation's own context, never from inside a call to this
// interface.
#include <chrono>
#include <cstdint>
#include <string>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "services/common/core/clock.h"

namespace tmk::dialing {

using CallId = uint64_t;

enum class CallEventType {
  kRinging,            // the network took the call; the far end is alerting
  kAnsweredByPerson,   // answered, and answering-machine detection says a person
  kAnsweredByMachine,  // answered, and answering-machine detection says a machine
  kBusy,
  kNoAnswer,       // nobody answered within the ring timeout
  kInvalidNumber,  // the network says the number does not exist (list screening, R2)
  kBridged,        // connected to an agent
  kTransferred,    // moved to another destination
  kEnded,
  // An inbound call reached one of the center's numbers (R18) and was accepted: it can be bridged
  // to an agent or hung up like an answered call; kEnded follows when the caller gives up.
  kArrived,
};

// Which side ended an answered call (kEnded).
enum class HangupSide { kUnspecified, kRemote, kLocal };

struct CallEvent {
  CallId call = 0;
  CallEventType type = CallEventType::kRinging;
  TimePoint at;
  std::string agent;  // kBridged, kTransferred (the new destination), kEnded when bridged
  HangupSide side = HangupSide::kUnspecified;  // kEnded
  std::string dialed_number;  // kArrived: the number the caller dialed (DNIS), E.164
  std::string caller_number;  // kArrived: the caller's number (ANI), E.164; empty if withheld
};

class CallEventListener {
 public:
  virtual ~CallEventListener() = default;
  virtual void OnCallEvent(const CallEvent& event) = 0;
};

struct OriginateRequest {
  std::string number;  // E.164
  // How long the far end may ring before the dialer gives up (R20: at least 15 s).
  std::chrono::seconds ring_timeout{30};
};

class Telephony {
 public:
  virtual ~Telephony() = default;

  // Where call-progress events go; set once before the first call.
  virtual void SetListener(CallEventListener* listener) = 0;

  virtual absl::StatusOr<CallId> Originate(const OriginateRequest& request) = 0;
  // Ends a call in any state. NOT_FOUND if it is unknown or already over.
  virtual absl::Status HangUp(CallId call) = 0;
  // Connects an answered call to an agent's endpoint. FAILED_PRECONDITION unless answered and
  // not yet bridged.
  virtual absl::Status Bridge(CallId call, const std::string& agent) = 0;
  // Moves a bridged call to another agent or number. FAILED_PRECONDITION unless bridged.
  virtual absl::Status Transfer(CallId call, const std::string& destination) = 0;
};

}  // namespace tmk::dialing
