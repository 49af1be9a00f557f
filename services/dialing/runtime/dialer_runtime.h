#pragma once
// The dialer (R17, R19, R20): for every dialing campaign, once a second and on every change of
// its floor, it asks the campaign's pacing policy how many calls to launch (ready agents from the
// sessions, its own measurements, the abandon budget), takes that many leads from the hopper
// (the attempt counted and the lead IN_PROGRESS in the same transaction) and originates them on
// the telephony port with a ring timeout of at least 15 s. Each step of each call is a calls row
// change and a CallEvent committed together (CallLedger). A call answered by a person gets a
// ready agent reserved and bridged, or — when none is free within the connect threshold (2 s) —
// is abandoned: hung up, logged with its reason, counted in the campaign's abandon ledger, and its
// customer blocked from unreserved calls for 72 h. Calls nobody wraps up go back to their lead's
// schedule through the system disposition (CallCloser).
//
// Runs entirely in its Scheduler's context (one thread): SimulatedTelephony delivers there, and
// RPC handlers post their work with Post. Start closes the calls a crashed predecessor left open
// (ended, outcome NETWORK_FAILURE, leads rescheduled with their attempts kept) before dialing.
#include <chrono>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <unordered_map>

#include "absl/status/status.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_ledger.h"
#include "services/dialing/api/desktop_feed.h"
#include "services/dialing/api/hopper_filler.h"
#include "services/dialing/domain/abandon_budget_limit.h"
#include "services/dialing/runtime/call_closer.h"
#include "services/dialing/runtime/call_connector.h"
#include "services/dialing/runtime/call_transfers.h"
#include "services/dialing/runtime/preview_dealer.h"
#include "services/dialing/runtime/campaign_floor.h"
#include "services/dialing/runtime/campaign_state_recorder.h"
#include "services/dialing/runtime/dial_gate.h"
#include "services/dialing/runtime/inbound_router.h"
#include "services/dialing/runtime/stored_call_change.h"
#include "services/dialing/store/abandon_minute_store.h"
#include "services/dialing/store/agent_session_store.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/campaign_runtime_store.h"
#include "services/dialing/store/customer_call_store.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/telephony/scheduler.h"
#include "services/dialing/telephony/telephony.h"

namespace tmk::dialing {

struct DialerSettings {
  // How long a call may ring unanswered (R20: at least 15 s).
  std::chrono::seconds ring_timeout{20};
  // An answered call without an agent after this is abandoned (R20: 2 s).
  std::chrono::milliseconds connect_threshold{2000};
  // After an abandon, no unreserved call to the customer within this (R20: 72 h).
  std::chrono::hours recall_block{72};
  std::chrono::milliseconds tick{1000};
  // How often a waiting call looks for a free agent within the threshold.
  std::chrono::milliseconds connect_retry{200};
  // The region whose ComplianceSettings (R20) tighten the three above and set the abandon
  // targets; read at every decision, so a change applies within a tick.
  std::string region;
  absl::Status Validate() const;
};

class DialerRuntime final : public CallEventListener {
 public:
  DialerRuntime(pg::PgPool& pool, Scheduler& scheduler, Telephony& telephony,
                AgentSessions& sessions, HopperFiller& hopper, const CallLedger& ledger,
                const CampaignProjectionStore& campaigns, DialerSettings settings,
                DesktopFeed* desktops = nullptr);

  // ---- In the scheduler's context. ----
  // Closes calls left open by a crash, resumes every RUNNING campaign, starts ticking.
  absl::Status Start();
  // No more ticks or launches; calls in flight finish.
  void Stop();
  // Dials the campaign with these settings from now on (a new mode, ratio or target applies to
  // the next decision). INVALID_ARGUMENT for settings no policy accepts.
  absl::Status Run(const telemarketing::dialing::v1::CampaignRuntime& runtime);
  // Places no more calls for the campaign.
  void Halt(const std::string& campaign_id);
  // An agent submitted the wrap-up of `call`: its handle time feeds pacing, and the agent may
  // take a waiting call.
  void WrappedUp(const telemarketing::dialing::v1::Call& call);
  void OnCallEvent(const CallEvent& event) override;

  // ---- Agents' own calls (R17 preview and manual, R18 transfer, R19), in the scheduler's
  // context. ----
  // Originates `call`, stored DIALING with its agent already reserved (a preview or manual dial),
  // and follows it like a paced one, except that a person answering is bridged to that agent at
  // once: no abandon clock runs for a call whose agent waits for it (R20). The DialGate was asked,
  // with the agent reserved, in the transaction that stored the call (PreviewCalls, ManualDials).
  absl::Status DialReserved(const telemarketing::dialing::v1::Call& call);
  // The agent ends the call: hung up at the port, ENDED by the agent, the agent in WRAP_UP.
  // NOT_FOUND when the call is not in flight here.
  absl::Status HangUp(const std::string& call_id);
  // Moves the bridged call to the agent of `to_session_id` (RESERVED on it by the caller); the
  // transfer is recorded when the port reports it (CallTransferred with its duration).
  absl::Status Transfer(const std::string& call_id, const std::string& to_session_id,
                        const std::string& to_agent_id,
                        telemarketing::dialing::v1::TransferKind kind);

  // Inbound calls (R18) go to `router`, which is served before outbound work on every tick and
  // wrap-up; the pacer counts only sessions on outbound work. Set before Start.
  void SetInbound(InboundRouter* router) { inbound_ = router; }
  // Why a running campaign is not dialing (COMPLIANCE_HOLD, OUTSIDE_WINDOW) is stored and
  // published through `events` (R20); set before Start.
  void PublishStates(const CampaignRuntimeEvents* events) { states_.SetEvents(events); }

  // From any thread: runs `task` in the scheduler's context as soon as possible.
  void Post(std::function<void()> task);

  // Calls in flight (launched and not yet ended) of the campaign, or of all with "".
  int CallsInFlight(const std::string& campaign_id) const;
  const CampaignFloor* Floor(const std::string& campaign_id) const;

 private:
  struct LiveCall {
    std::string call_id;
    std::string campaign_id;
    std::string lead_id;
    TimePoint launched;
    std::optional<TimePoint> answered;
    std::string session_id;  // the agent reserved for it
    std::string agent_id;
    bool bridged = false;
    bool machine = false;
    bool abandoned = false;
    std::optional<CallTransferStart> transfer;  // asked for, not yet reported by the port
  };

  void Tick();
  void Decide(const std::string& campaign_id);
  // One lead from the hopper dialed; false when none is ready.
  bool Launch(CampaignFloor& floor, double dial_level);
  void Outcome(LiveCall& call, bool live, const CallEvent& event);
  void Answered(CallId port_call);
  // Reserves a ready agent of the campaign for the call and bridges it; whether one was free.
  bool TryConnect(CallId port_call);
  void WaitForAgent(CallId port_call, TimePoint deadline);
  void RecordAbandon(LiveCall& call, telemarketing::dialing::v1::AbandonReason reason);
  // Hangs up a call whose customer waited past the threshold.
  void Abandon(CallId port_call, telemarketing::dialing::v1::AbandonReason reason);
  void Bridged(CallId port_call, const CallEvent& event);
  void Transferred(CallId port_call, const CallEvent& event);
  // The live call `call_id` while bridged and not being transferred, with its port id.
  LiveCall* Connected(const std::string& call_id, CallId& port_call);
  void Ended(CallId port_call, const CallEvent& event);
  void Unattended(CallId port_call, campaigns::CallOutcome outcome);
  // Serves waiting calls of the campaign, then decides again.
  void FloorChanged(const std::string& campaign_id);
  absl::Status Change(const std::string& call_id, const StoredCallChange& change);
  void RecordLiveAnswer(const std::string& campaign_id, bool abandoned);
  void Tell(DesktopNotice::Kind kind, const LiveCall& call);
  absl::Status RecoverLostCalls();
  CampaignFloor* FloorOf(const std::string& campaign_id);
  std::chrono::seconds RingTimeout() const;
  std::chrono::milliseconds RecallBlock() const;

  pg::PgPool& pool_;
  Scheduler& scheduler_;
  Telephony& telephony_;
  AgentSessions& sessions_;
  HopperFiller& hopper_;
  const CallLedger& ledger_;
  const CampaignProjectionStore& campaigns_;
  DialerSettings settings_;
  DesktopFeed* desktops_;  // agents' desktops told of offers, connects and ends; may be null
  CallCloser closer_;
  CallConnector connector_;
  InboundRouter* inbound_ = nullptr;
  PreviewCalls preview_calls_;
  PreviewDealer previews_;
  CallTransfers transfers_;
  CallStore calls_;
  HopperStore hopper_store_;
  AgentSessionStore session_store_;
  AbandonMinuteStore abandon_minutes_;
  CustomerCallStore customer_calls_;
  CampaignRuntimeStore runtimes_;
  DialGate gate_;  // the last compliance check before a phone rings (R20)
  AbandonGuard abandon_guard_;
  ComplianceRules rules_;  // the region's, as of the last decision
  CampaignStateRecorder states_;

  bool running_ = false;
  std::map<std::string, std::unique_ptr<CampaignFloor>> floors_;
  std::unordered_map<CallId, LiveCall> live_;
};

}  // namespace tmk::dialing
