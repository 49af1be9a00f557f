#pragma once
// ManualDial over gRPC (R17 manual mode, R19, R20): the agent's own session dials a customer of a
// campaign it works (ManualDials: every compliance rule through the DialGate, the lead's attempt
// counted, the agent RESERVED, the call stored with CallCreated in one transaction), then the
// running dialer originates it: a person answering is bridged to that agent at once, with no
// abandon clock (an agent already waits), and the wrap-up is the usual SubmitDisposition. A retry
// with the same request_id answers the same call; a reuse with another request is ALREADY_EXISTS.
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/manual_dials.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/request_records.h"
#include "telemarketing/dialing/v1/agent_desktop_service.pb.h"

namespace tmk::dialing {

class ManualDialApi {
 public:
  // `dial` originates a stored call whose agent is reserved (DialerRuntime::DialReserved).
  using Dial = std::function<absl::Status(const telemarketing::dialing::v1::Call&)>;
  ManualDialApi(server::ServiceRuntime& runtime, const ManualDials& dials, Dial dial)
      : runtime_(runtime), dials_(dials), dial_(std::move(dial)) {}

  absl::Status ManualDial(const auth::Principal& who,
                          const telemarketing::dialing::v1::ManualDialRequest& request,
                          telemarketing::dialing::v1::ManualDialResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  const ManualDials& dials_;
  Dial dial_;
  CallStore calls_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
