#include "services/dialing/runtime/dialer_runtime.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/log/logger.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
namespace common = telemarketing::common::v1;
using campaigns::CallOutcome;

namespace {

double Seconds(TimePoint::duration d) { return std::chrono::duration<double>(d).count(); }

void LogIfFailed(const absl::Status& status, const char* what, const std::string& call_id) {
  if (!status.ok()) {
    log::Error(what, {{"call_id", call_id}, {"error", std::string(status.message())}});
  }
}

}  // namespace

absl::Status DialerSettings::Validate() const {
  if (ring_timeout < std::chrono::seconds(15)) {
    return absl::InvalidArgumentError("the ring timeout must be at least 15 s (R20)");
  }
  if (connect_threshold <= std::chrono::milliseconds(0) ||
      connect_threshold > std::chrono::seconds(2)) {
    return absl::InvalidArgumentError("the connect threshold must be in (0, 2 s] (R20)");
  }
  if (recall_block < std::chrono::hours(72)) {
    return absl::InvalidArgumentError("the abandon recall block must be at least 72 h (R20)");
  }
  if (tick <= std::chrono::milliseconds(0) || connect_retry <= std::chrono::milliseconds(0)) {
    return absl::InvalidArgumentError("the tick and connect retry must be positive");
  }
  return absl::OkStatus();
}

DialerRuntime::DialerRuntime(pg::PgPool& pool, Scheduler& scheduler, Telephony& telephony,
                             AgentSessions& sessions, HopperFiller& hopper,
                             const CallLedger& ledger, const CampaignProjectionStore& campaigns,
                             DialerSettings settings, DesktopFeed* desktops)
    : pool_(pool),
      scheduler_(scheduler),
      telephony_(telephony),
      sessions_(sessions),
      hopper_(hopper),
      ledger_(ledger),
      campaigns_(campaigns),
      settings_(settings),
      desktops_(desktops),
      closer_(scheduler, ledger, campaigns),
      connector_(sessions, ledger),
      preview_calls_(scheduler, sessions, ledger, campaigns, settings.region),
      previews_(pool, scheduler, preview_calls_, desktops,
                [this](const v1::Call& call) { return DialReserved(call); }),
      transfers_(sessions, ledger),
      gate_(campaigns, settings.region),
      abandon_guard_(*AbandonGuard::Create(1e-4)),
      states_(pool, scheduler) {
  telephony_.SetListener(this);
}

void DialerRuntime::Post(std::function<void()> task) {
  scheduler_.At(scheduler_.Now(), std::move(task));
}

// R20: the region's settings only ever tighten the dialer's own.
std::chrono::seconds DialerRuntime::RingTimeout() const {
  return std::max(settings_.ring_timeout,
                  std::chrono::ceil<std::chrono::seconds>(rules_.min_ring_duration));
}

std::chrono::milliseconds DialerRuntime::RecallBlock() const {
  return std::max<std::chrono::milliseconds>(settings_.recall_block, rules_.abandon_recall_block);
}

CampaignFloor* DialerRuntime::FloorOf(const std::string& campaign_id) {
  auto it = floors_.find(campaign_id);
  return it == floors_.end() ? nullptr : it->second.get();
}

const CampaignFloor* DialerRuntime::Floor(const std::string& campaign_id) const {
  auto it = floors_.find(campaign_id);
  return it == floors_.end() ? nullptr : it->second.get();
}

int DialerRuntime::CallsInFlight(const std::string& campaign_id) const {
  return static_cast<int>(std::count_if(live_.begin(), live_.end(), [&](const auto& entry) {
    return campaign_id.empty() || entry.second.campaign_id == campaign_id;
  }));
}

// ---- Lifecycle ----

absl::Status DialerRuntime::Start() {
  if (absl::Status recovered = RecoverLostCalls(); !recovered.ok()) return recovered;
  if (inbound_ != nullptr) {
    if (absl::Status queues = inbound_->Reload(); !queues.ok()) return queues;
  }
  previews_.Resume();
  std::vector<v1::CampaignRuntime> running;
  absl::Status loaded = pool_.Transact([&](pqxx::work& tx) {
    running = runtimes_.List(tx,
                             {v1::DIALING_STATE_RUNNING, v1::DIALING_STATE_OUTSIDE_WINDOW,
                              v1::DIALING_STATE_COMPLIANCE_HOLD},
                             10000, "");
    return absl::OkStatus();
  });
  if (!loaded.ok()) return loaded;
  for (const v1::CampaignRuntime& r : running) {
    if (absl::Status run = Run(r); !run.ok()) {
      log::Error("campaign runtime not resumed",
                 {{"campaign_id", r.campaign_id()}, {"error", std::string(run.message())}});
    }
  }
  running_ = true;
  Tick();
  return absl::OkStatus();
}

void DialerRuntime::Stop() { running_ = false; }

// A crashed dialer's calls are gone with its telephony: each is closed as a network failure and
// its lead rescheduled; the attempt HopperStore::Take counted stays counted, and an agent left
// holding it is released (R17, R20).
absl::Status DialerRuntime::RecoverLostCalls() {
  return pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    for (CallRow& row : calls_.ListUnfinished(tx)) {
      const v1::Call& c = row.call;
      if (!c.session_id().empty()) {
        absl::StatusOr<v1::AgentSession> freed =
            c.state() == v1::CALL_STATE_CONNECTED || c.state() == v1::CALL_STATE_TRANSFERRING
                ? sessions_.EndCall(tx, c.session_id(), c.call_id())
                : sessions_.Release(tx, c.session_id(), c.call_id());
        LogIfFailed(freed.status(), "lost call's agent not freed", c.call_id());
      }
      if (c.campaign_id().empty()) {
        // An inbound call no cross-sell attached to a campaign: no lead to reschedule (R18).
        closer_.End(tx, row, CallOutcome::kNetworkFailure, ev::CALL_ENDED_BY_SYSTEM);
        continue;
      }
      if (absl::Status closed = closer_.CloseUnattended(tx, row, CallOutcome::kNetworkFailure,
                                                        ev::CALL_ENDED_BY_SYSTEM);
          !closed.ok()) {
        return closed;
      }
      log::Info("closed a call lost in a restart", {{"call_id", row.call.call_id()}});
    }
    return absl::OkStatus();
  });
}

absl::Status DialerRuntime::Run(const v1::CampaignRuntime& runtime) {
  absl::StatusOr<AbandonLedger> ledger = absl::UnknownError("not read");
  absl::Status read = pool_.Transact([&](pqxx::work& tx) {
    rules_ = gate_.Rules(tx);
    ledger = abandon_minutes_.Ledger(tx, runtime.campaign_id(), scheduler_.Now(),
                                     EffectiveAbandonTarget(rules_, runtime.abandon_target()));
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  if (!ledger.ok()) return ledger.status();
  // R20: no campaign dials above the region's highest dial level.
  v1::CampaignRuntime bounded = runtime;
  bounded.set_max_dial_level(std::min(runtime.max_dial_level(), rules_.max_dial_level));
  bounded.set_power_ratio(std::min(runtime.power_ratio(), rules_.max_dial_level));
  absl::StatusOr<std::unique_ptr<CampaignFloor>> floor =
      CampaignFloor::Create(bounded, *std::move(ledger));
  if (!floor.ok()) return floor.status();
  // Calls in flight keep being counted under the new settings, also after a Halt.
  for (const auto& [port_call, call] : live_) {
    if (call.campaign_id != runtime.campaign_id() || call.abandoned || call.machine) continue;
    if (!call.answered) ++(*floor)->dialing;
    else if (call.session_id.empty()) ++(*floor)->waiting;
    else ++(*floor)->connected;
  }
  if (CampaignFloor* old = FloorOf(runtime.campaign_id())) {
    (*floor)->statistics = old->statistics;
  }
  floors_[runtime.campaign_id()] = *std::move(floor);
  states_.Forget(runtime.campaign_id());
  return absl::OkStatus();
}

void DialerRuntime::Halt(const std::string& campaign_id) {
  hopper_.SetDemand(campaign_id, 0);
  floors_.erase(campaign_id);
}

// ---- Pacing ----

void DialerRuntime::Tick() {
  if (!running_) return;
  if (inbound_ != nullptr) inbound_->Serve();  // inbound first (R18)
  std::vector<std::string> ids;
  for (const auto& entry : floors_) ids.push_back(entry.first);
  for (const std::string& id : ids) Decide(id);
  scheduler_.After(settings_.tick, [this] { Tick(); });
}

void DialerRuntime::Decide(const std::string& campaign_id) {
  CampaignFloor* floor = FloorOf(campaign_id);
  if (!running_ || floor == nullptr) return;
  if (!floor->policy) {
    // Agents dial: in preview mode each ready agent is offered a lead (R17).
    if (floor->mode == DialMode::kPreview) {
      hopper_.SetDemand(campaign_id, 1);  // the hopper's floor covers a preview per agent
      previews_.Deal(floor->settings);
    }
    return;
  }
  const TimePoint now = scheduler_.Now();
  floor->ledger.AdvanceTo(now);
  PacingSnapshot snapshot;
  snapshot.now = now;
  absl::Status counted = pool_.Transact([&](pqxx::work& tx) {
    AgentSessionStore::Filter working;
    working.campaign_id = campaign_id;
    working.states = {2, 3, 4, 5};  // READY, RESERVED, ON_CALL, WRAP_UP: not paused
    rules_ = gate_.Rules(tx);
    snapshot.agents = 0;
    snapshot.ready_agents = 0;
    for (const v1::AgentSession& s : session_store_.List(tx, working, "", 10000)) {
      if (s.work_mode() == v1::WORK_MODE_INBOUND) continue;  // moved to the queues (R18)
      ++snapshot.agents;
      if (s.state() == v1::AGENT_STATE_READY) ++snapshot.ready_agents;
    }
    return absl::OkStatus();
  });
  if (!counted.ok()) return;
  snapshot.calls_dialing = floor->dialing;
  snapshot.calls_waiting = floor->waiting;
  snapshot.calls_connected = floor->connected;
  snapshot.answer_probability = floor->statistics.answer_probability();
  snapshot.mean_time_to_outcome = floor->statistics.mean_time_to_outcome();
  snapshot.mean_handle_time = floor->statistics.mean_handle_time();
  snapshot.abandon_target = floor->ledger.target();
  snapshot.live_answers_24h = floor->ledger.Last24Hours().live_answers;
  snapshot.abandons_24h = floor->ledger.Last24Hours().abandons;
  snapshot.affordable_abandons = floor->ledger.AffordableAbandons();
  snapshot.abandons_30d = floor->ledger.Last30Days().abandons;

  // R20 over every automatic mode: the policy's wish within the abandon budget.
  const LaunchLimit limit =
      LimitToAbandonBudget(snapshot, floor->policy->CallsToLaunch(snapshot), abandon_guard_);
  if (limit.compliance_hold != floor->compliance_hold) {
    floor->compliance_hold = limit.compliance_hold;
    log::Info(limit.compliance_hold ? "abandon budget spent: one call per free agent"
                                    : "abandon budget back: pacing resumes",
              {{"campaign_id", campaign_id}, {"abandons_24h", snapshot.abandons_24h},
               {"abandons_30d", snapshot.abandons_30d}});
  }
  const int launches = limit.launches;
  const double dial_level =
      snapshot.ready_agents > 0 ? double(launches + floor->dialing) / snapshot.ready_agents : 0;
  // The hopper keeps a few dial decisions' worth of leads ready.
  hopper_.SetDemand(campaign_id, std::max(2 * launches, 2 * snapshot.agents));
  bool filled = false;
  bool dry = false;
  for (int i = 0; i < launches; ++i) {
    if (Launch(*floor, dial_level)) continue;
    // The hopper ran dry: fill it now rather than wait for its loop, once per decision.
    dry = filled || !hopper_.Fill(campaign_id).ok() || !Launch(*floor, dial_level);
    if (dry) break;
    filled = true;
  }
  states_.Observe(campaign_id, limit.compliance_hold, launches > 0, dry);
}

bool DialerRuntime::Launch(CampaignFloor& floor, double dial_level) {
  const std::string& campaign_id = floor.settings.campaign_id();
  const TimePoint now = scheduler_.Now();
  CallRow row;
  bool taken = false;
  std::optional<std::pair<std::string, Blocked>> refused;
  absl::Status placed = pool_.Transact([&](pqxx::work& tx) {
    refused.reset();
    std::optional<TakenLead> lead = hopper_store_.Take(tx, campaign_id, "", now);
    taken = lead.has_value();
    if (!taken) return absl::OkStatus();
    absl::StatusOr<DialVerdict> verdict =
        gate_.Check(tx, {campaign_id, lead->customer_id, lead->lead_id, now, false}, rules_);
    if (!verdict.ok()) return verdict.status();
    if (!verdict->allowed()) {
      refused.emplace(lead->lead_id, verdict->blocked.front());
      return absl::AbortedError("refused by the dial gate");  // the Take rolls back
    }
    row = CallRow{};
    v1::Call& c = row.call;
    c.set_call_id(NewId(scheduler_));
    c.set_direction(common::CALL_DIRECTION_OUTBOUND);
    c.set_dial_mode(static_cast<common::DialMode>(floor.mode));
    c.set_campaign_id(campaign_id);
    c.set_lead_id(lead->lead_id);
    c.set_customer_id(lead->customer_id);
    c.set_contact_point_id(lead->contact_point_id);
    c.set_state(v1::CALL_STATE_DIALING);
    *c.mutable_create_time() = grpcx::ToProtoTime(now);
    ev::CallCreated created;
    created.set_origin(lead->callback_due ? ev::CALL_ORIGIN_CALLBACK : ev::CALL_ORIGIN_PACING);
    created.set_attempt_number(lead->attempts);
    created.set_presented_number(floor.settings.caller_id_number());
    created.set_dial_level(dial_level);
    ledger_.Create(tx, row, created);
    return absl::OkStatus();
  });
  if (refused) {
    // Nobody was rung: the lead waits out its reason outside the hopper (R10, R20).
    LogIfFailed(pool_.Transact([&](pqxx::work& tx) {
                  gate_.Refuse(tx, refused->first, refused->second, now);
                  return absl::OkStatus();
                }),
                "refused lead not held", refused->first);
    log::Info("dial refused by compliance",
              {{"campaign_id", campaign_id}, {"lead_id", refused->first},
               {"reason", std::string(DescribeBlock(refused->second.reason))}});
    return true;
  }
  if (!placed.ok()) {
    log::Error("launch failed", {{"campaign_id", campaign_id},
                                 {"error", std::string(placed.message())}});
    return false;
  }
  if (!taken) return false;
  // The row is committed before the call rings: a crash from here on leaves an open row that
  // the next start closes, never a customer rung without a trace (R20).
  OriginateRequest request;
  request.number = row.call.contact_point_id();
  request.ring_timeout = RingTimeout();
  absl::StatusOr<CallId> port_call = telephony_.Originate(request);
  if (!port_call.ok()) {
    LogIfFailed(Change(row.call.call_id(),
                       [&](pqxx::work& tx, CallRow& stored) {
                         return closer_.CloseUnattended(tx, stored, CallOutcome::kNetworkFailure,
                                                        ev::CALL_ENDED_BY_SYSTEM);
                       }),
                "failed call not closed", row.call.call_id());
    return true;
  }
  LiveCall live;
  live.call_id = row.call.call_id();
  live.campaign_id = campaign_id;
  live.lead_id = row.call.lead_id();
  live.launched = now;
  live_.emplace(*port_call, std::move(live));
  ++floor.dialing;
  return true;
}

// ---- Call progress ----

absl::Status DialerRuntime::Change(const std::string& call_id, const StoredCallChange& change) {
  return ChangeStoredCall(pool_, calls_, call_id, change);
}

void DialerRuntime::OnCallEvent(const CallEvent& event) {
  if (inbound_ != nullptr && inbound_->Handles(event)) return inbound_->OnCallEvent(event);
  auto it = live_.find(event.call);
  if (it == live_.end()) return;
  LiveCall& call = it->second;
  const auto now = grpcx::ToProtoTime(event.at);
  switch (event.type) {
    case CallEventType::kRinging:
      LogIfFailed(Change(call.call_id,
                         [&](pqxx::work& tx, CallRow& row) {
                           row.call.set_state(v1::CALL_STATE_RINGING);
                           *row.call.mutable_ring_start_time() = now;
                           ledger_.Step(tx, row, [](ev::CallEvent& e) { e.mutable_ringing(); });
                           return absl::OkStatus();
                         }),
                  "ringing not recorded", call.call_id);
      return;
    case CallEventType::kAnsweredByPerson:
      Outcome(call, true, event);
      Answered(event.call);
      return;
    case CallEventType::kAnsweredByMachine:
      Outcome(call, false, event);
      call.machine = true;
      LogIfFailed(Change(call.call_id,
                         [&](pqxx::work& tx, CallRow& row) {
                           *row.call.mutable_answer_time() = now;
                           *row.call.mutable_ring_duration() = now - row.call.ring_start_time();
                           ledger_.Step(tx, row, [&](ev::CallEvent& e) {
                             *e.mutable_machine_detected()->mutable_ring_duration() =
                                 row.call.ring_duration();
                           });
                           return absl::OkStatus();
                         }),
                  "machine not recorded", call.call_id);
      // Detection drops machines without an agent; the end is recorded when the port says so.
      LogIfFailed(telephony_.HangUp(event.call), "machine not hung up", call.call_id);
      return;
    case CallEventType::kBusy:
      Outcome(call, false, event);
      Unattended(event.call, CallOutcome::kBusy);
      return;
    case CallEventType::kNoAnswer:
      Outcome(call, false, event);
      Unattended(event.call, CallOutcome::kNoAnswer);
      return;
    case CallEventType::kInvalidNumber:
      Outcome(call, false, event);
      Unattended(event.call, CallOutcome::kInvalidNumber);
      return;
    case CallEventType::kBridged:
      Bridged(event.call, event);
      return;
    case CallEventType::kTransferred:
      Transferred(event.call, event);
      return;
    case CallEventType::kEnded:
      Ended(event.call, event);
      return;
    case CallEventType::kArrived:
      return;  // inbound arrivals are the inbound router's, above; a dialed call never arrives
  }
}

void DialerRuntime::Outcome(LiveCall& call, bool live, const CallEvent& event) {
  CampaignFloor* floor = FloorOf(call.campaign_id);
  if (floor == nullptr) return;
  --floor->dialing;
  floor->statistics.RecordOutcome(live, Seconds(event.at - call.launched));
  if (live) ++floor->waiting;
}

void DialerRuntime::Answered(CallId port_call) {
  LiveCall& call = live_.at(port_call);
  call.answered = scheduler_.Now();
  const auto now = grpcx::ToProtoTime(scheduler_.Now());
  LogIfFailed(Change(call.call_id,
                     [&](pqxx::work& tx, CallRow& row) {
                       row.call.set_state(v1::CALL_STATE_WAITING_FOR_AGENT);
                       *row.call.mutable_answer_time() = now;
                       *row.call.mutable_ring_duration() = now - row.call.ring_start_time();
                       ledger_.Step(tx, row, [&](ev::CallEvent& e) {
                         *e.mutable_answered()->mutable_ring_duration() = row.call.ring_duration();
                       });
                       return absl::OkStatus();
                     }),
              "answer not recorded", call.call_id);
  if (!TryConnect(port_call)) {
    WaitForAgent(port_call,
                 scheduler_.Now() + std::min(settings_.connect_threshold,
                                             rules_.abandon_connect_threshold));
  }
}

bool DialerRuntime::TryConnect(CallId port_call) {
  LiveCall& call = live_.at(port_call);
  // An agent reserved before dialing (preview, manual) takes the call at once.
  std::string session_id = call.session_id;
  std::string agent_id = call.agent_id;
  absl::Status reserved = !session_id.empty() ? absl::OkStatus() : pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    session_id.clear();
    AgentSessionStore::Filter ready;
    ready.campaign_id = call.campaign_id;
    ready.states = {2};  // READY
    for (const v1::AgentSession& s : session_store_.List(tx, ready, "", 50)) {
      if (s.work_mode() == v1::WORK_MODE_INBOUND) continue;  // serving the queues (R18)
      absl::StatusOr<v1::AgentSession> held =
          sessions_.Reserve(tx, s.session_id(), call.call_id, call.campaign_id);
      if (!held.ok()) continue;  // taken meanwhile (a logout, a manual state change)
      session_id = s.session_id();
      agent_id = s.agent_id();
      std::optional<CallRow> row = calls_.Find(tx, call.call_id, true);
      row->call.set_session_id(session_id);
      row->call.set_agent_id(agent_id);
      calls_.Update(tx, *row);
      return absl::OkStatus();
    }
    return absl::OkStatus();
  });
  if (!reserved.ok() || session_id.empty()) return false;
  call.session_id = session_id;
  call.agent_id = agent_id;
  Tell(DesktopNotice::Kind::kOffered, call);
  if (absl::Status bridged = telephony_.Bridge(port_call, agent_id); !bridged.ok()) {
    // The customer hung up meanwhile: the agent goes back, the end is recorded by Ended.
    LogIfFailed(pool_.Transact([&](pqxx::work& tx) {
                  return sessions_.Release(tx, session_id, call.call_id).status();
                }),
                "reservation not released", call.call_id);
    call.session_id.clear();
    call.agent_id.clear();
    return true;
  }
  if (CampaignFloor* floor = FloorOf(call.campaign_id)) {
    --floor->waiting;
    ++floor->connected;
  }
  RecordLiveAnswer(call.campaign_id, /*abandoned=*/false);
  return true;
}

void DialerRuntime::WaitForAgent(CallId port_call, TimePoint deadline) {
  scheduler_.After(settings_.connect_retry, [this, port_call, deadline] {
    auto it = live_.find(port_call);
    if (it == live_.end() || !it->second.session_id.empty() || it->second.abandoned) return;
    if (TryConnect(port_call)) return;
    if (scheduler_.Now() >= deadline) {
      Abandon(port_call, v1::ABANDON_REASON_NO_AGENT_AVAILABLE);
    } else {
      WaitForAgent(port_call, deadline);
    }
  });
}

void DialerRuntime::RecordLiveAnswer(const std::string& campaign_id, bool abandoned) {
  const TimePoint now = scheduler_.Now();
  if (CampaignFloor* floor = FloorOf(campaign_id)) floor->ledger.RecordLiveAnswer(now, abandoned);
  LogIfFailed(pool_.Transact([&](pqxx::work& tx) {
                abandon_minutes_.Record(tx, campaign_id, now, abandoned);
                return absl::OkStatus();
              }),
              "abandon ledger not stored", campaign_id);
}

void DialerRuntime::Tell(DesktopNotice::Kind kind, const LiveCall& call) {
  if (desktops_ != nullptr) desktops_->Publish({kind, call.session_id, call.call_id});
}

// R20: every abandon is logged with its reason, counted against the campaign's limit, and keeps
// the customer from unreserved calls for the recall block.
void DialerRuntime::RecordAbandon(LiveCall& call, v1::AbandonReason reason) {
  call.abandoned = true;
  if (CampaignFloor* floor = FloorOf(call.campaign_id)) --floor->waiting;
  RecordLiveAnswer(call.campaign_id, /*abandoned=*/true);
  const TimePoint now = scheduler_.Now();
  LogIfFailed(Change(call.call_id,
                     [&](pqxx::work& tx, CallRow& row) {
                       customer_calls_.MarkAbandoned(tx, row.call.lead_id());
                       row.call.set_abandon_reason(reason);
                       *row.call.mutable_wait_duration() =
                           grpcx::ToProtoTime(now) - row.call.answer_time();
                       ledger_.Step(tx, row, [&](ev::CallEvent& e) {
                         ev::CallAbandoned* a = e.mutable_abandoned();
                         a->set_reason(reason);
                         *a->mutable_wait_duration() = row.call.wait_duration();
                         a->set_counts_against_limit(true);
                         *a->mutable_recall_blocked_until() =
                             grpcx::ToProtoTime(now + RecallBlock());
                       });
                       return absl::OkStatus();
                     }),
              "abandon not recorded", call.call_id);
  log::Info("call abandoned", {{"call_id", call.call_id},
                               {"campaign_id", call.campaign_id},
                               {"reason", v1::AbandonReason_Name(reason)}});
}

void DialerRuntime::Abandon(CallId port_call, v1::AbandonReason reason) {
  LiveCall& call = live_.at(port_call);
  if (call.abandoned) return;
  RecordAbandon(call, reason);
  // The end (ABANDONED) is recorded when the port reports the hang-up.
  if (!telephony_.HangUp(port_call).ok()) Unattended(port_call, CallOutcome::kAbandoned);
}

void DialerRuntime::Bridged(CallId port_call, const CallEvent& event) {
  LiveCall& call = live_.at(port_call);
  call.bridged = true;
  LogIfFailed(Change(call.call_id,
                     [&](pqxx::work& tx, CallRow& row) {
                       return connector_.Connect(tx, row, call.session_id, call.agent_id,
                                                 event.at);
                     }),
              "agent connect not recorded", call.call_id);
  Tell(DesktopNotice::Kind::kConnected, call);
}

void DialerRuntime::Ended(CallId port_call, const CallEvent& event) {
  LiveCall& call = live_.at(port_call);
  if (call.abandoned) return Unattended(port_call, CallOutcome::kAbandoned);
  if (call.machine) return Unattended(port_call, CallOutcome::kMachine);
  if (!call.bridged && !call.session_id.empty()) {
    // Bridged on the port, gone before the connect was recorded: the agent goes back.
    LogIfFailed(pool_.Transact([&](pqxx::work& tx) {
                  return sessions_.Release(tx, call.session_id, call.call_id).status();
                }),
                "reservation not released", call.call_id);
    call.session_id.clear();
    if (CampaignFloor* floor = FloorOf(call.campaign_id)) --floor->connected;
    return Unattended(port_call, CallOutcome::kHungUp);
  }
  if (!call.bridged) {
    // The customer gave up waiting in silence: an abandon (R20).
    RecordAbandon(call, v1::ABANDON_REASON_NO_AGENT_AVAILABLE);
    return Unattended(port_call, CallOutcome::kAbandoned);
  }
  // A conversation ended: the agent wraps up; the call waits for the disposition (R11-R13).
  const ev::CallEndedBy by = event.side == HangupSide::kLocal ? ev::CALL_ENDED_BY_AGENT
                                                              : ev::CALL_ENDED_BY_CUSTOMER;
  LogIfFailed(Change(call.call_id,
                     [&](pqxx::work& tx, CallRow& row) -> absl::Status {
                       absl::StatusOr<v1::AgentSession> wrap_up =
                           sessions_.EndCall(tx, call.session_id, call.call_id);
                       LogIfFailed(wrap_up.status(), "agent not moved to wrap-up", call.call_id);
                       closer_.End(tx, row, CallOutcome::kReached, by);
                       return absl::OkStatus();
                     }),
              "end not recorded", call.call_id);
  Tell(DesktopNotice::Kind::kEnded, call);
  const std::string campaign_id = call.campaign_id;
  if (CampaignFloor* floor = FloorOf(campaign_id)) --floor->connected;
  live_.erase(port_call);
  Decide(campaign_id);
}

void DialerRuntime::Unattended(CallId port_call, CallOutcome outcome) {
  auto it = live_.find(port_call);
  if (it == live_.end()) return;
  const std::string call_id = it->second.call_id;
  const std::string campaign_id = it->second.campaign_id;
  // An agent reserved before dialing and never bridged goes back to READY.
  const std::string reserved = it->second.bridged ? "" : it->second.session_id;
  live_.erase(it);
  LogIfFailed(Change(call_id,
                     [&](pqxx::work& tx, CallRow& row) {
                       if (!reserved.empty()) {
                         LogIfFailed(sessions_.Release(tx, reserved, call_id).status(),
                                     "reserved agent not released", call_id);
                       }
                       return closer_.CloseUnattended(tx, row, outcome, ev::CALL_ENDED_BY_SYSTEM);
                     }),
              "unattended end not recorded", call_id);
  Decide(campaign_id);
}

void DialerRuntime::WrappedUp(const v1::Call& call) {
  // A free agent serves waiting inbound calls before outbound work takes them (R18).
  if (inbound_ != nullptr) inbound_->WrappedUp(call);
  CampaignFloor* floor = FloorOf(call.campaign_id());
  if (floor != nullptr && call.has_agent_connect_time()) {
    floor->statistics.RecordHandleTime(
        Seconds(grpcx::FromProtoTime(call.disposition_time()) -
                grpcx::FromProtoTime(call.agent_connect_time())));
  }
  FloorChanged(call.campaign_id());
}

void DialerRuntime::FloorChanged(const std::string& campaign_id) {
  std::vector<CallId> waiting;
  for (const auto& [port_call, live] : live_) {
    if (live.campaign_id == campaign_id && live.answered && live.session_id.empty() &&
        !live.abandoned && !live.machine) {
      waiting.push_back(port_call);
    }
  }
  for (CallId port_call : waiting) {
    if (!TryConnect(port_call)) break;
  }
  Decide(campaign_id);
}

// ---- Agents' own calls ----

absl::Status DialerRuntime::DialReserved(const v1::Call& call) {
  OriginateRequest request;
  request.number = call.contact_point_id();
  request.ring_timeout = RingTimeout();
  absl::StatusOr<CallId> port_call = telephony_.Originate(request);
  if (!port_call.ok()) {
    LogIfFailed(Change(call.call_id(),
                       [&](pqxx::work& tx, CallRow& stored) {
                         LogIfFailed(sessions_.Release(tx, call.session_id(), call.call_id())
                                         .status(),
                                     "reserved agent not released", call.call_id());
                         return closer_.CloseUnattended(tx, stored, CallOutcome::kNetworkFailure,
                                                        ev::CALL_ENDED_BY_SYSTEM);
                       }),
                "failed call not closed", call.call_id());
    return port_call.status();
  }
  LiveCall live;
  live.call_id = call.call_id();
  live.campaign_id = call.campaign_id();
  live.lead_id = call.lead_id();
  live.launched = scheduler_.Now();
  live.session_id = call.session_id();
  live.agent_id = call.agent_id();
  live_.emplace(*port_call, std::move(live));
  if (CampaignFloor* floor = FloorOf(call.campaign_id())) ++floor->dialing;
  return absl::OkStatus();
}

DialerRuntime::LiveCall* DialerRuntime::Connected(const std::string& call_id, CallId& port_call) {
  for (auto& [port, call] : live_) {
    if (call.call_id != call_id || !call.bridged || call.transfer) continue;
    port_call = port;
    return &call;
  }
  return nullptr;
}

absl::Status DialerRuntime::HangUp(const std::string& call_id) {
  CallId port_call = 0;
  LiveCall* call = Connected(call_id, port_call);
  if (call == nullptr) {
    return absl::NotFoundError(absl::StrCat("call ", call_id, " is not connected here"));
  }
  if (absl::Status hung = telephony_.HangUp(port_call); !hung.ok()) return hung;
  // Recorded now, so the agent's answer shows the end; the port's own report finds no live call.
  CallEvent ended{port_call, CallEventType::kEnded, scheduler_.Now(), call->agent_id,
                  HangupSide::kLocal};
  Ended(port_call, ended);
  return absl::OkStatus();
}

absl::Status DialerRuntime::Transfer(const std::string& call_id, const std::string& to_session_id,
                                     const std::string& to_agent_id, v1::TransferKind kind) {
  CallId port_call = 0;
  LiveCall* call = Connected(call_id, port_call);
  if (call == nullptr) {
    return absl::NotFoundError(absl::StrCat("call ", call_id, " is not connected here"));
  }
  if (absl::Status moved = telephony_.Transfer(port_call, to_agent_id); !moved.ok()) return moved;
  call->transfer = CallTransferStart{call->session_id, call->agent_id, to_session_id, to_agent_id,
                                     kind, scheduler_.Now()};
  return absl::OkStatus();
}

void DialerRuntime::Transferred(CallId port_call, const CallEvent& event) {
  LiveCall& call = live_.at(port_call);
  if (!call.transfer) return;
  const CallTransferStart transfer = *call.transfer;
  call.transfer.reset();
  LogIfFailed(Change(call.call_id,
                     [&](pqxx::work& tx, CallRow& row) {
                       return transfers_.Complete(tx, row, transfer, event.at);
                     }),
              "transfer not recorded", call.call_id);
  call.session_id = transfer.to_session_id;
  call.agent_id = transfer.to_agent_id;
  Tell(DesktopNotice::Kind::kOffered, call);
  Tell(DesktopNotice::Kind::kConnected, call);
  if (desktops_ != nullptr) {
    desktops_->Publish({DesktopNotice::Kind::kEnded, transfer.from_session_id, call.call_id});
  }
}

}  // namespace tmk::dialing
