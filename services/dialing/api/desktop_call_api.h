#pragma once
// The agent's calls over gRPC (R11-R13, R17, R19): SubmitDisposition. Only the session's own
// agent acts on it (PERMISSION_DENIED otherwise); a retry with the same request_id answers what
// the first did, a reuse with another request is ALREADY_EXISTS (REQUEST_ID_REUSED). After the
// commit the dialer learns the agent is free (handle time for pacing, waiting calls).
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/call_wrap_up.h"
#include "services/dialing/store/agent_store.h"
#include "services/dialing/store/request_records.h"
#include "telemarketing/dialing/v1/agent_desktop_service.pb.h"

namespace tmk::dialing {

class DesktopCallApi {
 public:
  // `wrapped_up` is told of every committed wrap-up (the dialer runtime); may be empty.
  using WrappedUp = std::function<void(const telemarketing::dialing::v1::Call&)>;
  DesktopCallApi(server::ServiceRuntime& runtime, const CallWrapUp& wrap_up,
                 WrappedUp wrapped_up)
      : runtime_(runtime), wrap_up_(wrap_up), wrapped_up_(std::move(wrapped_up)) {}

  absl::Status SubmitDisposition(
      const auth::Principal& who, const telemarketing::dialing::v1::SubmitDispositionRequest& request,
      telemarketing::dialing::v1::SubmitDispositionResponse& response);

 private:
  // The answer of a wrap-up already committed, as it stands now.
  absl::StatusOr<telemarketing::dialing::v1::SubmitDispositionResponse> Replay(
      pqxx::work& tx, const std::string& call_id, const std::string& session_id) const;

  server::ServiceRuntime& runtime_;
  const CallWrapUp& wrap_up_;
  WrappedUp wrapped_up_;
  AgentSessionStore sessions_;
  CallStore calls_;
  OrderStore orders_;
  LeadStore leads_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
