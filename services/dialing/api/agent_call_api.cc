#include "services/dialing/api/agent_call_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/held_call.h"
#include "services/dialing/api/lead_mapping.h"
#include "services/dialing/api/own_session.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

namespace {

constexpr size_t kMaxNote = 1000;

absl::Status AuthorizeAgent(const auth::Principal& who, const std::string& region) {
  return auth::Authorize(who, {auth::Role::kAgent}, region, "dial from an agent desktop");
}

}  // namespace

absl::StatusOr<std::optional<v1::Call>> AgentCallApi::Replayed(
    const std::string& verb, const std::string& request_id, const std::string& fingerprint) const {
  std::optional<v1::Call> out;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<RequestRecords::Record> earlier = requests_.Find(tx, verb, request_id);
    if (!earlier) return absl::OkStatus();
    if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
    if (std::optional<CallRow> row = calls_.Find(tx, earlier->resource_id)) out = row->call;
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  return out;
}

void AgentCallApi::Remember(const std::string& verb, const std::string& request_id,
                            const std::string& fingerprint, const std::string& call_id) const {
  (void)runtime_.pool().Transact([&](pqxx::work& tx) {
    requests_.Save(tx, verb, request_id, {call_id, fingerprint});
    return absl::OkStatus();
  });
}

absl::StatusOr<v1::Call> AgentCallApi::Read(const std::string& call_id) const {
  v1::Call call;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::optional<CallRow> row = calls_.Find(tx, call_id);
    if (!row) return absl::NotFoundError(absl::StrCat("call ", call_id, " not found"));
    call = row->call;
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  return call;
}

// R17 preview: the previewed lead dialed, the agent already reserved for it.
absl::Status AgentCallApi::PreviewDial(const auth::Principal& who,
                                       const v1::PreviewDialRequest& request,
                                       v1::PreviewDialResponse& response) {
  if (absl::Status a = AuthorizeAgent(who, runtime_.context().region); !a.ok()) return a;
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  grpcx::CheckResourceId(request.lead_id(), "lead_id", "lead", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid preview dial");
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  if (!request.request_id().empty()) {
    absl::StatusOr<std::optional<v1::Call>> earlier =
        Replayed("PreviewDial", request.request_id(), fingerprint);
    if (!earlier.ok()) return earlier.status();
    if (*earlier) {
      *response.mutable_call() = **earlier;
      return absl::OkStatus();
    }
  }
  PreviewDialing dialing;
  absl::Status placed = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<SessionRow> own = OwnSession(tx, who, request.session_id());
    if (!own.ok()) return own.status();
    std::optional<PreviewRow> held = PreviewStore().FindBySession(tx, request.session_id());
    if (held && !request.contact_point_id().empty() &&
        request.contact_point_id() != held->contact_point_id) {
      // Another number needs the whole compliance judgement of a manual dial; not offered yet.
      return InvalidField("contact_point_id",
                          "only the previewed number can be dialed for now; leave it empty");
    }
    std::optional<v1::CampaignRuntime> r =
        held ? runtimes_.Find(tx, held->campaign_id) : std::nullopt;
    absl::StatusOr<PreviewDialing> dialed = previews_.Dial(
        tx, request.session_id(), request.lead_id(), r ? r->caller_id_number() : "");
    if (!dialed.ok()) return dialed.status();
    dialing = *std::move(dialed);
    if (dialing.call && !request.request_id().empty()) {
      requests_.Save(tx, "PreviewDial", request.request_id(),
                     {dialing.call->call.call_id(), fingerprint});
    }
    return absl::OkStatus();
  });
  if (!placed.ok()) return placed;
  // R10, R20: refused by the gate, the lead held and the agent READY again (committed).
  if (dialing.refused) return DialGate::Refusal(*dialing.refused);
  // Committed before the phone rings: a crash now leaves a DIALING row the restart closes.
  if (absl::Status dialed = dialer_.dial(dialing.call->call); !dialed.ok()) return dialed;
  *response.mutable_call() = dialing.call->call;
  return absl::OkStatus();
}

// R17 preview: the lead back on its schedule (or stopped, or its number screened); no attempt.
absl::Status AgentCallApi::SkipPreview(const auth::Principal& who,
                                       const v1::SkipPreviewRequest& request,
                                       v1::SkipPreviewResponse& response) {
  if (absl::Status a = AuthorizeAgent(who, runtime_.context().region); !a.ok()) return a;
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  grpcx::CheckResourceId(request.lead_id(), "lead_id", "lead", v);
  if (!EffectOfSkip(static_cast<SkipReason>(request.reason())).ok()) {
    v.Add("reason", "required: LATER, DO_NOT_CALL_NOW or BAD_DATA");
  }
  if (request.note().size() > kMaxNote) v.Add("note", absl::StrCat("at most ", kMaxNote, " bytes"));
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid skip");
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (absl::Status own = OwnSession(tx, who, request.session_id()).status(); !own.ok()) {
      return own;
    }
    if (!request.request_id().empty()) {
      if (std::optional<RequestRecords::Record> earlier =
              requests_.Find(tx, "SkipPreview", request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        std::optional<LeadRow> lead = LeadStore().Find(tx, earlier->resource_id);
        if (!lead) return absl::NotFoundError(absl::StrCat("lead ", earlier->resource_id));
        *response.mutable_lead() = ToProto(*lead);
        return absl::OkStatus();
      }
    }
    absl::StatusOr<LeadRow> lead =
        previews_.Skip(tx, request.session_id(), request.lead_id(),
                       static_cast<SkipReason>(request.reason()), request.note());
    if (!lead.ok()) return lead.status();
    *response.mutable_lead() = ToProto(*lead);
    if (!request.request_id().empty()) {
      requests_.Save(tx, "SkipPreview", request.request_id(), {request.lead_id(), fingerprint});
    }
    return absl::OkStatus();
  });
}

// R19: the agent ends their call; the end is recorded by the dialer (ENDED by the agent, the
// session in WRAP_UP) before the answer.
absl::Status AgentCallApi::HangUpCall(const auth::Principal& who,
                                      const v1::HangUpCallRequest& request,
                                      v1::HangUpCallResponse& response) {
  if (absl::Status a = AuthorizeAgent(who, runtime_.context().region); !a.ok()) return a;
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  grpcx::CheckResourceId(request.call_id(), "call_id", "call", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid hang-up");
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  if (!request.request_id().empty()) {
    absl::StatusOr<std::optional<v1::Call>> earlier =
        Replayed("HangUpCall", request.request_id(), fingerprint);
    if (!earlier.ok()) return earlier.status();
    if (*earlier) {
      *response.mutable_call() = **earlier;
      return absl::OkStatus();
    }
  }
  absl::Status held = runtime_.pool().Transact([&](pqxx::work& tx) {
    return HeldConnectedCall(tx, who, request.session_id(), request.call_id()).status();
  });
  if (!held.ok()) return held;
  if (absl::Status hung = dialer_.hang_up(request.call_id()); !hung.ok()) {
    return absl::IsNotFound(hung)
               ? WithReason(absl::FailedPreconditionError(absl::StrCat(
                                "call ", request.call_id(), " has already ended")),
                            "CALL_NOT_CONNECTED")
               : hung;
  }
  absl::StatusOr<v1::Call> call = Read(request.call_id());
  if (!call.ok()) return call.status();
  if (!request.request_id().empty()) {
    Remember("HangUpCall", request.request_id(), fingerprint, call->call_id());
  }
  *response.mutable_call() = *std::move(call);
  return absl::OkStatus();
}

// R18, R19, R26: the call moved to another agent, who is reserved for it here; the dialer
// records the transfer (CallTransferred with its time) when the port reports it.
absl::Status AgentCallApi::TransferCall(const auth::Principal& who,
                                        const v1::TransferCallRequest& request,
                                        v1::TransferCallResponse& response) {
  if (absl::Status a = AuthorizeAgent(who, runtime_.context().region); !a.ok()) return a;
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  grpcx::CheckResourceId(request.call_id(), "call_id", "call", v);
  if (request.kind() != v1::TRANSFER_KIND_BLIND && request.kind() != v1::TRANSFER_KIND_WARM) {
    v.Add("kind", "required: BLIND or WARM");
  }
  switch (request.target_case()) {
    case v1::TransferCallRequest::kAgentId:
      grpcx::CheckResourceId(request.agent_id(), "agent_id", "agent", v);
      break;
    case v1::TransferCallRequest::kQueueId:
      v.Add("queue_id", "transfers to inbound queues are not supported yet; name an agent");
      break;
    case v1::TransferCallRequest::kExternalNumber:
      v.Add("external_number", "transfers to external numbers are not supported yet");
      break;
    case v1::TransferCallRequest::TARGET_NOT_SET:
      v.Add("agent_id", "required: the agent who takes the call");
      break;
  }
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid transfer");
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  if (!request.request_id().empty()) {
    absl::StatusOr<std::optional<v1::Call>> earlier =
        Replayed("TransferCall", request.request_id(), fingerprint);
    if (!earlier.ok()) return earlier.status();
    if (*earlier) {
      *response.mutable_call() = **earlier;
      return absl::OkStatus();
    }
  }
  std::string to_session_id;
  absl::Status reserved = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<CallRow> call =
        HeldConnectedCall(tx, who, request.session_id(), request.call_id());
    if (!call.ok()) return call.status();
    if (request.agent_id() == call->call.agent_id()) {
      return InvalidField("agent_id", "the call is already with this agent");
    }
    std::optional<SessionRow> to = session_store_.FindOpenForAgent(tx, request.agent_id());
    if (!to || to->session.state() != v1::AGENT_STATE_READY) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "agent ", request.agent_id(), " is not READY to take a call")),
                        "TARGET_AGENT_UNAVAILABLE");
    }
    to_session_id = to->session.session_id();
    return sessions_.Reserve(tx, to_session_id, request.call_id(), call->call.campaign_id())
        .status();
  });
  if (!reserved.ok()) return reserved;
  if (absl::Status moved =
          dialer_.transfer(request.call_id(), to_session_id, request.agent_id(), request.kind());
      !moved.ok()) {
    (void)runtime_.pool().Transact([&](pqxx::work& tx) {
      return sessions_.Release(tx, to_session_id, request.call_id()).status();
    });
    return absl::IsNotFound(moved)
               ? WithReason(absl::FailedPreconditionError(absl::StrCat(
                                "call ", request.call_id(), " has already ended")),
                            "CALL_NOT_CONNECTED")
               : moved;
  }
  absl::StatusOr<v1::Call> call = Read(request.call_id());
  if (!call.ok()) return call.status();
  if (!request.request_id().empty()) {
    Remember("TransferCall", request.request_id(), fingerprint, call->call_id());
  }
  *response.mutable_call() = *std::move(call);
  return absl::OkStatus();
}

}  // namespace tmk::dialing
