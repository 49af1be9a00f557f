#include "services/dialing/runtime/call_connector.h"

#include <google/protobuf/util/time_util.h>

#include "services/common/grpc/proto_conversions.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;

absl::Status CallConnector::Connect(pqxx::work& tx, CallRow& row, const std::string& session_id,
                                    const std::string& agent_id, TimePoint now) const {
  absl::StatusOr<v1::AgentSession> on_call =
      sessions_.Bridge(tx, session_id, row.call.call_id());
  if (!on_call.ok()) return on_call.status();
  const auto at = grpcx::ToProtoTime(now);
  row.call.set_state(v1::CALL_STATE_CONNECTED);
  *row.call.mutable_agent_connect_time() = at;
  *row.call.mutable_wait_duration() = at - row.call.answer_time();
  ledger_.Step(tx, row, [&](ev::CallEvent& e) {
    ev::AgentConnected* c = e.mutable_agent_connected();
    c->set_agent_id(agent_id);
    c->set_session_id(session_id);
    *c->mutable_wait_duration() = row.call.wait_duration();
  });
  return absl::OkStatus();
}

}  // namespace tmk::dialing
