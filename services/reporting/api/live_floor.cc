#include "services/reporting/api/live_floor.h"

#include <algorithm>
#include <set>

#include "services/common/grpc/proto_conversions.h"
#include "services/reporting/domain/report_formulas.h"
#include "telemarketing/dialing/v1/agent_session.pb.h"

namespace tmk::reporting {
namespace rv1 = telemarketing::reporting::v1;
namespace dv1 = telemarketing::dialing::v1;

namespace {

bool Admits(const google::protobuf::RepeatedPtrField<std::string>& allowed,
            const std::string& value) {
  return allowed.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

}  // namespace

void LiveFloor::Changed() {
  ++version_;
  figures_dirty_ = true;
  changed_.notify_all();
}

void LiveFloor::ApplyAgent(const AgentCurrent& agent) {
  std::lock_guard<std::mutex> lock(mu_);
  auto [it, inserted] = agents_.emplace(agent.agent_id, agent);
  if (!inserted) {
    if (it->second.since > agent.since) return;  // an older state arriving late
    it->second = agent;
  }
  Changed();
}

void LiveFloor::ApplyAgentProfile(const std::string& agent_id, const std::string& display_name,
                                  const std::string& group_id) {
  std::lock_guard<std::mutex> lock(mu_);
  profiles_[agent_id] = {display_name, group_id};
  Changed();
}

void LiveFloor::ApplyCall(const CallFacts& f) {
  std::lock_guard<std::mutex> lock(mu_);
  if (f.ended || f.abandoned) {
    calls_.erase(f.call_id);
  } else {
    calls_[f.call_id] = {f.call_id, f.region_id, f.campaign_id, f.queue_id,
                         f.agent_id, f.connected, f.start};
  }
  Changed();
}

void LiveFloor::ApplyRuntime(const dv1::CampaignRuntime& runtime, TimePoint) {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = runtimes_.find(runtime.campaign_id());
  if (it != runtimes_.end() &&
      grpcx::FromProtoTime(it->second.update_time()) > grpcx::FromProtoTime(runtime.update_time())) {
    return;
  }
  runtimes_[runtime.campaign_id()] = runtime;
  Changed();
}

void LiveFloor::ApplyCampaignName(const std::string& campaign_id, const std::string& display_name) {
  std::lock_guard<std::mutex> lock(mu_);
  campaign_names_[campaign_id] = display_name;
}

void LiveFloor::ApplyFigures(LiveFigures figures) {
  std::lock_guard<std::mutex> lock(mu_);
  figures_ = std::move(figures);
  ++version_;
  changed_.notify_all();
}

void LiveFloor::Load(const std::vector<AgentCurrent>& agents, const std::vector<OpenCall>& calls) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const AgentCurrent& a : agents) agents_[a.agent_id] = a;
  for (const OpenCall& c : calls) calls_[c.call_id] = c;
  Changed();
}

void LiveFloor::Touch(TimePoint event_time) {
  std::lock_guard<std::mutex> lock(mu_);
  as_of_ = std::max(as_of_, event_time);
}

uint64_t LiveFloor::version() const {
  std::lock_guard<std::mutex> lock(mu_);
  return version_;
}

uint64_t LiveFloor::WaitForChange(uint64_t seen, std::chrono::milliseconds timeout) const {
  std::unique_lock<std::mutex> lock(mu_);
  changed_.wait_for(lock, timeout, [&] { return version_ != seen; });
  return version_;
}

bool LiveFloor::TakeFiguresDirty() {
  std::lock_guard<std::mutex> lock(mu_);
  bool dirty = figures_dirty_;
  figures_dirty_ = false;
  return dirty;
}

rv1::LiveFloor LiveFloor::Build(const rv1::ReportFilter& filter, bool include_agents,
                                TimePoint now) const {
  std::lock_guard<std::mutex> lock(mu_);
  rv1::LiveFloor floor;
  rv1::AgentStateCounts& counts = *floor.mutable_agent_states();
  for (const auto& [id, agent] : agents_) {
    auto profile = profiles_.find(id);
    const std::string group = profile == profiles_.end() ? "" : profile->second.second;
    if (!Admits(filter.agent_ids(), id) || !Admits(filter.agent_group_ids(), group) ||
        !Admits(filter.region_ids(), agent.region_id)) {
      continue;
    }
    if (agent.state == dv1::AGENT_STATE_LOGGED_OUT || agent.state == dv1::AGENT_STATE_UNSPECIFIED) {
      continue;
    }
    const std::string state = dv1::AgentState_Name(static_cast<dv1::AgentState>(agent.state));
    ++(*counts.mutable_by_state())[state];
    counts.set_logged_in(counts.logged_in() + 1);
    if (agent.state == dv1::AGENT_STATE_PAUSED) {
      ++(*counts.mutable_paused_by_reason())[dv1::PauseReason_Name(
          static_cast<dv1::PauseReason>(agent.pause_reason))];
    }
    if (include_agents) {
      rv1::LiveAgent& a = *floor.add_agents();
      a.set_agent_id(id);
      if (profile != profiles_.end()) a.set_agent_display_name(profile->second.first);
      a.set_agent_group_id(group);
      a.set_state(state);
      if (agent.state == dv1::AGENT_STATE_PAUSED) {
        a.set_pause_reason(dv1::PauseReason_Name(static_cast<dv1::PauseReason>(agent.pause_reason)));
      }
      *a.mutable_state_start_time() = grpcx::ToProtoTime(agent.since);
      a.set_call_id(agent.call_id);
      a.set_campaign_id(agent.campaign_id);
    }
  }
  std::map<std::string, int> open_by_campaign;
  std::map<std::string, std::pair<int, TimePoint>> waiting_by_queue;  // count, oldest
  for (const auto& [id, call] : calls_) {
    if (!Admits(filter.campaign_ids(), call.campaign_id) ||
        !Admits(filter.queue_ids(), call.queue_id) || !Admits(filter.region_ids(), call.region_id)) {
      continue;
    }
    floor.set_calls_in_progress(floor.calls_in_progress() + 1);
    ++open_by_campaign[call.campaign_id];
    if (!call.queue_id.empty() && !call.connected) {
      auto& [waiting, oldest] = waiting_by_queue.try_emplace(call.queue_id, 0, call.since).first->second;
      ++waiting;
      oldest = std::min(oldest, call.since);
    }
  }
  std::set<std::string> campaigns;
  for (const auto& [id, runtime] : runtimes_) campaigns.insert(id);
  for (const auto& [id, m] : figures_.campaign_today) campaigns.insert(id);
  for (const auto& [id, n] : open_by_campaign) campaigns.insert(id);
  for (const std::string& id : campaigns) {
    if (id.empty() || !Admits(filter.campaign_ids(), id)) continue;
    rv1::LiveCampaign& c = *floor.add_campaigns();
    c.set_campaign_id(id);
    if (auto name = campaign_names_.find(id); name != campaign_names_.end()) {
      c.set_campaign_display_name(name->second);
    }
    if (auto r = runtimes_.find(id); r != runtimes_.end()) {
      c.set_dial_mode(r->second.dial_mode());
      c.set_dialing_state(dv1::DialingState_Name(r->second.dialing_state()));
      c.set_dial_level(r->second.dial_level());
      c.set_agents_logged_in(r->second.agents_logged_in());
      c.set_agents_ready(r->second.agents_ready());
      c.set_abandon_target(r->second.abandon_target());
    }
    c.set_calls_in_progress(open_by_campaign[id]);
    if (auto t = figures_.campaign_today.find(id); t != figures_.campaign_today.end()) {
      c.set_calls_today(t->second.dial_attempts);
      c.set_contacts_today(t->second.contacts);
      c.set_orders_today(t->second.orders);
      c.set_abandon_rate_today(AbandonRate(t->second));
    }
    if (auto m = figures_.campaign_30d.find(id); m != figures_.campaign_30d.end()) {
      c.set_abandon_rate_30d(AbandonRate(m->second));
    }
  }
  std::set<std::string> queues;
  for (const auto& [id, w] : waiting_by_queue) queues.insert(id);
  for (const auto& [id, m] : figures_.queue_today) queues.insert(id);
  for (const std::string& id : queues) {
    if (!Admits(filter.queue_ids(), id)) continue;
    rv1::LiveQueue& q = *floor.add_queues();
    q.set_queue_id(id);
    if (auto w = waiting_by_queue.find(id); w != waiting_by_queue.end()) {
      q.set_calls_waiting(w->second.first);
      auto longest = std::chrono::duration_cast<std::chrono::seconds>(now - w->second.second);
      q.mutable_longest_wait()->set_seconds(std::max<int64_t>(0, longest.count()));
    }
    if (auto t = figures_.queue_today.find(id); t != figures_.queue_today.end()) {
      q.set_service_level_today(ServiceLevel(t->second, *ServiceLevelIndex(std::chrono::seconds(20))));
      q.set_abandon_rate_today(AbandonRate(t->second));
    }
  }
  *floor.mutable_as_of_time() = grpcx::ToProtoTime(as_of_);
  return floor;
}

}  // namespace tmk::reporting
