#pragma once
// A call moved from one agent to another (R18, R19, R26 ATT): when the port reports the transfer,
// one transaction records it — the transferring agent's part ends (ON_CALL -> WRAP_UP -> READY:
// they asked for the transfer, and the wrap-up belongs to whoever holds the call last), the
// receiving agent, RESERVED when the transfer was asked for, goes ON_CALL, the call is CONNECTED
// to them with its transfer count and time, and CallTransferred carries the transfer time that
// reporting reads.
#include <pqxx/pqxx>

#include <string>

#include "absl/status/status.h"
#include "services/common/core/clock.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_ledger.h"
#include "telemarketing/dialing/v1/call.pb.h"

namespace tmk::dialing {

struct CallTransferStart {
  std::string from_session_id;
  std::string from_agent_id;
  std::string to_session_id;
  std::string to_agent_id;
  telemarketing::dialing::v1::TransferKind kind = telemarketing::dialing::v1::TRANSFER_KIND_BLIND;
  TimePoint started;
};

class CallTransfers {
 public:
  CallTransfers(AgentSessions& sessions, const CallLedger& ledger)
      : sessions_(sessions), ledger_(ledger) {}

  // The port moved `row`'s call at `now` as `transfer` asked.
  absl::Status Complete(pqxx::work& tx, CallRow& row, const CallTransferStart& transfer,
                        TimePoint now) const;

 private:
  AgentSessions& sessions_;
  const CallLedger& ledger_;
};

}  // namespace tmk::dialing
