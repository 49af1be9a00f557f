#pragma once
// Inbound calls (R18, R19, R26): an arrival on the telephony port for a queue's dialed number
// becomes a calls row with CallCreated (origin INBOUND) and CallQueued; waiting calls are served
// higher-priority queue first, then longest waiting, each by the longest-idle READY agent on
// inbound work whose session takes the queue and who has every skill it requires
// (domain/inbound_routing.h); the bridge is AgentConnected with the wait. A caller who hangs up
// first is CallAbandoned (CALLER_HUNG_UP_IN_QUEUE), one past the queue's max wait overflows to its
// overflow queue or is abandoned (QUEUE_TIMEOUT). The end is CallEnded; the agent then wraps up
// through SubmitDisposition. Every step is a row change and its event in one transaction.
//
// Callers (R18, R5): an arriving call is served at once as an unknown caller while the
// CallerDirectory finds who is calling; its answer puts the customer and contact point on the
// call's row (and every event from then on: AgentConnected or CallEnded always follows, so the
// customer reaches tm.calls.v1 and reporting's timeline, R4), and an agent already offered the
// call is offered it again with the customer's card and cross-sell offers. A lookup that fails
// or answers after the call ended leaves the caller unknown; it never fails the call.
//
// Blending: on every change of the floor the blending rule (domain/blend_policy.h) says how many
// blended agents belong on inbound; READY ones are moved (SessionAssigned, cause "blending") so
// the outbound pacer, which counts only sessions on outbound work, sees fewer agents while the
// queues are loaded and more once they have been quiet.
//
// Runs in the dialer's Scheduler context, like DialerRuntime, which hands it the port's events
// for its calls. Live() is the exception: any thread may read the published figures.
#include <chrono>
#include <map>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

#include "absl/status/status.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_ledger.h"
#include "services/dialing/api/desktop_feed.h"
#include "services/dialing/api/queue_status_source.h"
#include "services/dialing/domain/arrival_rate.h"
#include "services/dialing/runtime/call_closer.h"
#include "services/dialing/runtime/call_connector.h"
#include "services/dialing/runtime/caller_directory.h"
#include "services/dialing/runtime/stored_call_change.h"
#include "services/dialing/store/agent_group_store.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/inbound_floor_store.h"
#include "services/dialing/store/inbound_queue_store.h"
#include "services/dialing/telephony/scheduler.h"
#include "services/dialing/telephony/telephony.h"
#include "telemarketing/dialing/v1/inbound_queue.pb.h"

namespace tmk::dialing {

class InboundRouter final : public QueueStatusSource {
 public:
  InboundRouter(pg::PgPool& pool, Scheduler& scheduler, Telephony& telephony,
                AgentSessions& sessions, const CallLedger& ledger,
                const CampaignProjectionStore& campaigns, CallerDirectory& callers,
                DesktopFeed* desktops = nullptr)
      : pool_(pool), scheduler_(scheduler), telephony_(telephony), sessions_(sessions),
        ledger_(ledger), closer_(scheduler, ledger, campaigns), connector_(sessions, ledger),
        callers_(callers), desktops_(desktops) {}

  // ---- In the scheduler's context. ----
  // Reads the queues; again after every change of them.
  absl::Status Reload();
  // Whether the event is the router's: an arrival, or a step of one of its calls.
  bool Handles(const CallEvent& event) const;
  void OnCallEvent(const CallEvent& event);
  // Moves blended agents as the load asks and serves waiting calls (on every tick and whenever an
  // agent may have become free).
  void Serve();
  // An agent wrapped `call` up and is free again: an inbound call's handle time (talk and wrap-up,
  // what an inbound call takes from an agent) feeds the blending rule; then Serve.
  void WrappedUp(const telemarketing::dialing::v1::Call& call);

  // The handle time blending assumes now (seconds): the smoothed talk plus wrap-up of the inbound
  // calls wrapped up so far, 180 before the first.
  double mean_handle_seconds() const { return mean_handle_seconds_; }

  // Any thread.
  LiveQueueFigures Live(const std::string& queue_id) const override;

 private:
  struct InboundCall {
    std::string call_id;
    std::string queue_id;
    TimePoint queued_at;
    uint64_t generation = 0;  // bumped on overflow, so an old queue's timer does nothing
    std::string session_id;   // the agent reserved for it
    std::string agent_id;
    bool bridged = false;
    bool abandoned = false;
  };

  void Arrived(const CallEvent& event);
  // The directory's answer for the caller of `call_id`, still live on `port_call` or not.
  void Identified(CallId port_call, const std::string& call_id,
                  const absl::StatusOr<std::optional<KnownCaller>>& caller);
  void ScheduleMaxWait(CallId port_call);
  void MaxWaitReached(CallId port_call, uint64_t generation);
  // CallQueued for the call in `queue_id` (its first queue or its overflow).
  absl::Status Enqueue(pqxx::work& tx, CallRow& row, const std::string& queue_id) const;
  void Abandon(CallId port_call, telemarketing::dialing::v1::AbandonReason reason);
  void Bridged(CallId port_call, const CallEvent& event);
  void Ended(CallId port_call, const CallEvent& event);
  // Moves READY blended agents between inbound and outbound; `floor` follows the moves.
  void Blend(std::vector<StaffedSession>& floor);
  // Reserves and bridges agents for waiting calls; whether any was placed.
  void Route(const std::vector<StaffedSession>& floor);
  // The queues a session takes: its own list, or its agent's groups' queues.
  std::vector<std::string> QueuesOf(const StaffedSession& s) const;
  void Publish(const std::vector<StaffedSession>& floor);
  const telemarketing::dialing::v1::InboundQueue* QueueOf(const std::string& queue_id) const;
  absl::Status Change(const std::string& call_id, const StoredCallChange& change);
  void Tell(DesktopNotice::Kind kind, const InboundCall& call);

  pg::PgPool& pool_;
  Scheduler& scheduler_;
  Telephony& telephony_;
  AgentSessions& sessions_;
  const CallLedger& ledger_;
  CallCloser closer_;
  CallConnector connector_;
  CallerDirectory& callers_;
  DesktopFeed* desktops_;
  InboundQueueStore queues_store_;
  InboundFloorStore floor_store_;
  AgentGroupStore groups_;
  CallStore calls_;

  std::map<std::string, telemarketing::dialing::v1::InboundQueue> queues_;  // by id
  std::map<std::string, std::string> numbers_;                              // dialed -> queue
  std::unordered_map<CallId, InboundCall> live_;
  ArrivalRate arrivals_;
  double mean_handle_seconds_ = 180;  // measured talk plus wrap-up of inbound calls, smoothed
  TimePoint last_waiting_;            // the last moment a call waited
  bool serving_ = false;              // Serve is not re-entered from its own steps

  mutable std::mutex figures_mu_;
  std::map<std::string, LiveQueueFigures> figures_;
};

}  // namespace tmk::dialing
