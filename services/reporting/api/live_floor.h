#pragma once
// The supervisor's live floor in memory (R29): agents' current states and open calls fed by the
// projection consumer as it commits, campaign runtimes from tm.calls.v1, and the day's figures
// refreshed from the rollups by one thread for every subscriber. Subscribers wait on a version
// number instead of polling the database.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "services/reporting/domain/call_facts.h"
#include "services/reporting/store/agent_projection_store.h"
#include "services/reporting/store/live_figures_store.h"
#include "telemarketing/dialing/v1/campaign_runtime.pb.h"
#include "telemarketing/reporting/v1/live_floor.pb.h"
#include "telemarketing/reporting/v1/report_query.pb.h"

namespace tmk::reporting {

class LiveFloor {
 public:
  void ApplyAgent(const AgentCurrent& agent);
  void ApplyAgentProfile(const std::string& agent_id, const std::string& display_name,
                         const std::string& group_id);
  void ApplyCall(const CallFacts& facts);
  void ApplyRuntime(const telemarketing::dialing::v1::CampaignRuntime& runtime, TimePoint time);
  void ApplyCampaignName(const std::string& campaign_id, const std::string& display_name);
  void ApplyFigures(LiveFigures figures);
  // Replaces the open calls and agents (at start, from the projection's tables).
  void Load(const std::vector<AgentCurrent>& agents, const std::vector<OpenCall>& calls);
  // The newest event time reflected.
  void Touch(TimePoint event_time);

  // Bumped by every change; a subscriber pushes when it moved.
  uint64_t version() const;
  // Waits until the version passes `seen` or the timeout; returns the version.
  uint64_t WaitForChange(uint64_t seen, std::chrono::milliseconds timeout) const;
  // Whether a change since the last figures refresh needs one.
  bool TakeFiguresDirty();

  telemarketing::reporting::v1::LiveFloor Build(
      const telemarketing::reporting::v1::ReportFilter& filter, bool include_agents,
      TimePoint now) const;

 private:
  void Changed();  // under mu_

  mutable std::mutex mu_;
  mutable std::condition_variable changed_;
  uint64_t version_ = 0;
  bool figures_dirty_ = true;
  TimePoint as_of_;
  std::map<std::string, AgentCurrent> agents_;
  std::map<std::string, std::pair<std::string, std::string>> profiles_;  // name, group
  std::map<std::string, OpenCall> calls_;
  std::map<std::string, telemarketing::dialing::v1::CampaignRuntime> runtimes_;
  std::map<std::string, std::string> campaign_names_;
  LiveFigures figures_;
};

}  // namespace tmk::reporting
