#include "services/dialing/runtime/call_transfers.h"

#include <google/protobuf/util/time_util.h>

#include "services/common/grpc/proto_conversions.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;

absl::Status CallTransfers::Complete(pqxx::work& tx, CallRow& row,
                                     const CallTransferStart& transfer, TimePoint now) const {
  const std::string& call_id = row.call.call_id();
  absl::StatusOr<v1::AgentSession> left = sessions_.EndCall(tx, transfer.from_session_id, call_id);
  if (!left.ok()) return left.status();
  absl::StatusOr<SessionRow> from = sessions_.Lock(tx, transfer.from_session_id);
  if (!from.ok()) return from.status();
  StateRequest ready;
  ready.target = AgentState::kReady;
  ready.cause = StateCause::kAgent;
  if (absl::StatusOr<v1::AgentSession> back = sessions_.Change(tx, *from, ready, "agent");
      !back.ok()) {
    return back.status();
  }
  absl::StatusOr<v1::AgentSession> taken = sessions_.Bridge(tx, transfer.to_session_id, call_id);
  if (!taken.ok()) return taken.status();

  const google::protobuf::Duration took =
      grpcx::ToProtoTime(now) - grpcx::ToProtoTime(transfer.started);
  v1::Call& c = row.call;
  c.set_state(v1::CALL_STATE_CONNECTED);
  c.set_agent_id(transfer.to_agent_id);
  c.set_session_id(transfer.to_session_id);
  c.set_transfer_count(c.transfer_count() + 1);
  *c.mutable_transfer_duration() = c.transfer_duration() + took;
  ledger_.Step(tx, row, [&](ev::CallEvent& e) {
    ev::CallTransferred* t = e.mutable_transferred();
    t->set_from_agent_id(transfer.from_agent_id);
    t->set_kind(transfer.kind);
    t->set_to_agent_id(transfer.to_agent_id);
    *t->mutable_transfer_duration() = took;
  });
  return absl::OkStatus();
}

}  // namespace tmk::dialing
