#include "services/dialing/runtime/call_closer.h"

#include <google/protobuf/util/time_util.h>

#include "services/common/grpc/proto_conversions.h"
#include "services/dialing/domain/system_disposition.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
using google::protobuf::util::TimeUtil;

namespace {

// The span between two of the call's instants; zero when the first never happened.
google::protobuf::Duration Between(const google::protobuf::Timestamp& from,
                                   const google::protobuf::Timestamp& to) {
  if (from.seconds() == 0 && from.nanos() == 0) return google::protobuf::Duration();
  return to - from;
}

}  // namespace

void CallCloser::End(pqxx::work& tx, CallRow& row, campaigns::CallOutcome outcome,
                     ev::CallEndedBy ended_by) const {
  v1::Call& c = row.call;
  const google::protobuf::Timestamp now = grpcx::ToProtoTime(clock_.Now());
  c.set_state(v1::CALL_STATE_ENDED);
  c.set_outcome(static_cast<telemarketing::common::v1::CallOutcome>(outcome));
  *c.mutable_end_time() = now;
  if (!c.has_ring_duration()) {
    *c.mutable_ring_duration() = Between(c.ring_start_time(), now);
  }
  *c.mutable_talk_duration() = Between(c.agent_connect_time(), now);
  ledger_.Step(tx, row, [&](ev::CallEvent& e) {
    ev::CallEnded* ended = e.mutable_ended();
    ended->set_outcome(c.outcome());
    ended->set_ended_by(ended_by);
    *ended->mutable_ring_duration() = c.ring_duration();
    *ended->mutable_talk_duration() = c.talk_duration();
    *ended->mutable_line_duration() = Between(c.answer_time(), now);
  });
}

absl::Status CallCloser::CloseUnattended(pqxx::work& tx, CallRow& row,
                                         campaigns::CallOutcome outcome,
                                         ev::CallEndedBy ended_by) const {
  End(tx, row, outcome, ended_by);
  absl::StatusOr<CampaignWrapUpRules> rules =
      LoadWrapUpRules(tx, campaigns_, row.call.campaign_id());
  if (!rules.ok()) return rules.status();
  const campaigns::Disposition disposition = SystemDisposition(outcome, rules->dispositions);
  WrapUp wrap_up;
  absl::StatusOr<LeadWrapUpResult> result =
      leads_.Apply(tx, row.call, *rules, disposition, wrap_up, "dialer");
  if (!result.ok()) return result.status();
  v1::Call& c = row.call;
  c.set_state(v1::CALL_STATE_DISPOSITIONED);
  c.set_disposition_code(disposition.code);
  *c.mutable_disposition_time() = c.end_time();
  ledger_.Step(tx, row, [&](ev::CallEvent& e) {
    *e.mutable_dispositioned() = DescribeWrapUp(*result, disposition);
  });
  return absl::OkStatus();
}

}  // namespace tmk::dialing
