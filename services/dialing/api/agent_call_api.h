#pragma once
// The agent's own dialing over gRPC (R17-R19): PreviewDial and SkipPreview of the lead the
// session previews, HangUpCall and TransferCall of the call the session holds. Only the session's
// agent acts (PERMISSION_DENIED otherwise); a call the session does not hold is PERMISSION_DENIED
// (CALL_NOT_HELD), one not connected FAILED_PRECONDITION (CALL_NOT_CONNECTED). The database
// changes commit here; the telephony steps are the running dialer's (DialerPort), which records
// what the port reports.
#include <functional>
#include <string>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/preview_calls.h"
#include "services/dialing/store/agent_session_store.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/campaign_runtime_store.h"
#include "services/dialing/store/request_records.h"
#include "telemarketing/dialing/v1/agent_desktop_service.pb.h"

namespace tmk::dialing {

// What the handlers ask of the running dialer, from their own threads (the module runs each in
// the dialer's scheduler context and waits for its answer).
struct DialerPort {
  // Originates a stored DIALING call whose agent is reserved (DialerRuntime::DialReserved).
  std::function<absl::Status(const telemarketing::dialing::v1::Call&)> dial;
  std::function<absl::Status(const std::string& call_id)> hang_up;
  std::function<absl::Status(const std::string& call_id, const std::string& to_session_id,
                             const std::string& to_agent_id,
                             telemarketing::dialing::v1::TransferKind kind)>
      transfer;
};

class AgentCallApi {
 public:
  AgentCallApi(server::ServiceRuntime& runtime, AgentSessions& sessions,
               const PreviewCalls& previews, DialerPort dialer)
      : runtime_(runtime), sessions_(sessions), previews_(previews), dialer_(std::move(dialer)) {}

  absl::Status PreviewDial(const auth::Principal& who,
                           const telemarketing::dialing::v1::PreviewDialRequest& request,
                           telemarketing::dialing::v1::PreviewDialResponse& response);
  absl::Status SkipPreview(const auth::Principal& who,
                           const telemarketing::dialing::v1::SkipPreviewRequest& request,
                           telemarketing::dialing::v1::SkipPreviewResponse& response);
  absl::Status HangUpCall(const auth::Principal& who,
                          const telemarketing::dialing::v1::HangUpCallRequest& request,
                          telemarketing::dialing::v1::HangUpCallResponse& response);
  absl::Status TransferCall(const auth::Principal& who,
                            const telemarketing::dialing::v1::TransferCallRequest& request,
                            telemarketing::dialing::v1::TransferCallResponse& response);

 private:
  absl::StatusOr<telemarketing::dialing::v1::Call> Read(const std::string& call_id) const;
  // The call an earlier request with this id produced; nothing for a new request id.
  absl::StatusOr<std::optional<telemarketing::dialing::v1::Call>> Replayed(
      const std::string& verb, const std::string& request_id,
      const std::string& fingerprint) const;
  void Remember(const std::string& verb, const std::string& request_id,
                const std::string& fingerprint, const std::string& call_id) const;

  server::ServiceRuntime& runtime_;
  AgentSessions& sessions_;
  const PreviewCalls& previews_;
  DialerPort dialer_;
  AgentSessionStore session_store_;
  CallStore calls_;
  CampaignRuntimeStore runtimes_;
  RequestRecords requests_;
};

}  // namespace tmk::dialing
