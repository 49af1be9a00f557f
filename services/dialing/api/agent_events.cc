#include "services/dialing/api/agent_events.h"

#include <google/protobuf/util/time_util.h>

#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
using google::protobuf::util::TimeUtil;

namespace {

constexpr char kTopic[] = "tm.agents.v1";

}  // namespace

ev::AgentEvent AgentEvents::Envelope(const std::string& agent_id, const std::string& session_id) {
  ev::AgentEvent event;
  event.set_agent_id(agent_id);
  event.set_session_id(session_id);
  *event.mutable_occur_time() = grpcx::ToProtoTime(clock_.Now());
  event.set_region_id(region_);
  *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
  return event;
}

void AgentEvents::Append(pqxx::work& tx, const ev::AgentEvent& event) {
  events::AppendToOutbox(tx, events::MakeEvent(kTopic, event.agent_id(),
                                               "agents/" + event.agent_id(), event, clock_));
}

void AgentEvents::AgentUpdated(pqxx::work& tx, const v1::Agent& agent) {
  ev::AgentEvent event = Envelope(agent.agent_id(), "");
  *event.mutable_agent_updated()->mutable_agent() = agent;
  Append(tx, event);
}

void AgentEvents::SessionStarted(pqxx::work& tx, const v1::AgentSession& session) {
  ev::AgentEvent event = Envelope(session.agent_id(), session.session_id());
  ev::SessionStarted* started = event.mutable_session_started();
  started->set_station_id(session.station_id());
  started->set_work_mode(session.work_mode());
  *started->mutable_campaign_ids() = session.campaign_ids();
  *started->mutable_queue_ids() = session.queue_ids();
  Append(tx, event);
}

void AgentEvents::StateChanged(pqxx::work& tx, const v1::AgentSession& session,
                               ev::StateChanged change) {
  ev::AgentEvent event = Envelope(session.agent_id(), session.session_id());
  *event.mutable_state_changed() = std::move(change);
  Append(tx, event);
}

void AgentEvents::SessionAssigned(pqxx::work& tx, const v1::AgentSession& session,
                                  const std::string& cause) {
  ev::AgentEvent event = Envelope(session.agent_id(), session.session_id());
  ev::SessionAssigned* assigned = event.mutable_session_assigned();
  assigned->set_work_mode(session.work_mode());
  *assigned->mutable_campaign_ids() = session.campaign_ids();
  *assigned->mutable_queue_ids() = session.queue_ids();
  assigned->set_cause(cause);
  Append(tx, event);
}

void AgentEvents::SessionEnded(pqxx::work& tx, const v1::AgentSession& session,
                               const std::string& cause) {
  ev::AgentEvent event = Envelope(session.agent_id(), session.session_id());
  ev::SessionEnded* ended = event.mutable_session_ended();
  ended->set_cause(cause);
  *ended->mutable_session_duration() = session.logout_time() - session.login_time();
  Append(tx, event);
}

}  // namespace tmk::dialing
