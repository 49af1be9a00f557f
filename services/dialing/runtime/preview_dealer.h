#pragma once
// Preview mode on the dialer's floor (R17, R19): for a campaign dialing in PREVIEW mode, every
// READY agent of the campaign is offered the next lead from the hopper (PreviewCalls::Offer, one
// transaction) and told on the desktop feed. A preview the agent leaves untouched past its
// auto-dial time (the campaign's preview_timeout; 0 = never) is dialed as if the agent had
// pressed dial. Previews outlive a restart: Resume re-arms their auto-dial times; previews whose
// session ended are given back. Runs in the dialer's scheduler context.
#include <functional>
#include <string>

#include "services/common/pg/pg_pool.h"
#include "services/dialing/api/desktop_feed.h"
#include "services/dialing/api/preview_calls.h"
#include "services/dialing/store/agent_session_store.h"
#include "services/dialing/store/preview_store.h"
#include "services/dialing/telephony/scheduler.h"
#include "telemarketing/dialing/v1/campaign_runtime.pb.h"

namespace tmk::dialing {

class PreviewDealer {
 public:
  // `dial` places a stored call whose agent is already reserved (DialerRuntime::DialReserved).
  using Dial = std::function<absl::Status(const telemarketing::dialing::v1::Call&)>;
  PreviewDealer(pg::PgPool& pool, Scheduler& scheduler, const PreviewCalls& previews,
                DesktopFeed* desktops, Dial dial)
      : pool_(pool), scheduler_(scheduler), previews_(previews), desktops_(desktops),
        dial_(std::move(dial)) {}

  // Orphaned previews back, then a preview for each READY agent of the campaign.
  void Deal(const telemarketing::dialing::v1::CampaignRuntime& runtime);
  // After a restart: every held preview's auto-dial time armed again.
  void Resume();

 private:
  void Arm(const PreviewRow& preview, const std::string& presented_number);
  // Dials the preview `call_id` of the session if it is still held and due.
  void AutoDial(const std::string& session_id, const std::string& call_id,
                const std::string& presented_number);

  pg::PgPool& pool_;
  Scheduler& scheduler_;
  const PreviewCalls& previews_;
  DesktopFeed* desktops_;
  Dial dial_;
  AgentSessionStore sessions_;
  PreviewStore store_;
};

}  // namespace tmk::dialing
