#include "services/dialing/runtime/inbound_router.h"

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/log/logger.h"
#include "services/dialing/domain/blend_policy.h"
#include "services/dialing/domain/inbound_routing.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;

namespace {

void LogIfFailed(const absl::Status& status, const char* what, const std::string& call_id) {
  if (!status.ok()) {
    log::Error(what, {{"call_id", call_id}, {"error", std::string(status.message())}});
  }
}

std::chrono::milliseconds Millis(const google::protobuf::Duration& d) {
  return std::chrono::milliseconds(TimeUtil::DurationToMilliseconds(d));
}

bool Staffed(const v1::AgentSession& s) {
  return s.state() != v1::AGENT_STATE_PAUSED && s.state() != v1::AGENT_STATE_LOGGED_OUT;
}

bool Blended(const StaffedSession& s) {
  return s.agent.blending_mode() == v1::BLENDING_MODE_BLENDED && Staffed(s.session);
}

// The strictest of the groups' policies: the largest floor, the earliest triggers, the longest
// quiet time before agents go back (R18).
BlendingPolicy Strictest(const std::vector<v1::AgentGroup>& groups) {
  BlendingPolicy out;
  auto earliest = [](auto current, auto candidate) {
    return candidate.count() > 0 && (current.count() == 0 || candidate < current) ? candidate
                                                                                   : current;
  };
  for (const v1::AgentGroup& g : groups) {
    const v1::BlendingPolicy& p = g.blending_policy();
    out.min_inbound_agents = std::max(out.min_inbound_agents, p.min_inbound_agents());
    if (p.move_to_inbound_waiting_calls() > 0 &&
        (out.move_to_inbound_waiting_calls == 0 ||
         p.move_to_inbound_waiting_calls() < out.move_to_inbound_waiting_calls)) {
      out.move_to_inbound_waiting_calls = p.move_to_inbound_waiting_calls();
    }
    out.move_to_inbound_wait = earliest(out.move_to_inbound_wait, Millis(p.move_to_inbound_wait()));
    out.return_to_outbound_after =
        std::max(out.return_to_outbound_after, Millis(p.return_to_outbound_after()));
  }
  return out;
}

}  // namespace

absl::Status InboundRouter::Reload() {
  std::vector<v1::InboundQueue> all;
  absl::Status read = pool_.Transact([&](pqxx::work& tx) {
    all = queues_store_.List(tx, "", 100000);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  queues_.clear();
  numbers_.clear();
  for (v1::InboundQueue& q : all) {
    for (const std::string& n : q.dialed_numbers()) numbers_[n] = q.queue_id();
    queues_[q.queue_id()] = std::move(q);
  }
  Serve();
  return absl::OkStatus();
}

const v1::InboundQueue* InboundRouter::QueueOf(const std::string& queue_id) const {
  auto it = queues_.find(queue_id);
  return it == queues_.end() ? nullptr : &it->second;
}

bool InboundRouter::Handles(const CallEvent& event) const {
  return event.type == CallEventType::kArrived || live_.count(event.call) > 0;
}

void InboundRouter::OnCallEvent(const CallEvent& event) {
  switch (event.type) {
    case CallEventType::kArrived:
      return Arrived(event);
    case CallEventType::kBridged:
      return Bridged(event.call, event);
    case CallEventType::kEnded:
      return Ended(event.call, event);
    default:
      return;  // inbound calls neither ring nor get answered on the port: they arrive answered
  }
}

absl::Status InboundRouter::Change(const std::string& call_id,
                                   const StoredCallChange& change) {
  return ChangeStoredCall(pool_, calls_, call_id, change);
}

void InboundRouter::Tell(DesktopNotice::Kind kind, const InboundCall& call) {
  if (desktops_ != nullptr) desktops_->Publish({kind, call.session_id, call.call_id});
}

absl::Status InboundRouter::Enqueue(pqxx::work& tx, CallRow& row,
                                    const std::string& queue_id) const {
  const v1::InboundQueue* queue = QueueOf(queue_id);
  if (queue == nullptr) return absl::NotFoundError(absl::StrCat("queue ", queue_id, " is gone"));
  int ahead = 0;
  for (const auto& [port_call, c] : live_) {
    if (c.queue_id == queue_id && c.session_id.empty() && !c.abandoned) ++ahead;
  }
  row.call.set_queue_id(queue_id);
  queues_store_.MarkCallQueue(tx, row.call.call_id(), queue_id);
  ledger_.Step(tx, row, [&](ev::CallEvent& e) {
    ev::CallQueued* q = e.mutable_queued();
    q->set_queue_id(queue_id);
    q->set_priority(queue->priority());
    q->set_position(ahead);
  });
  return absl::OkStatus();
}

void InboundRouter::Arrived(const CallEvent& event) {
  auto number = numbers_.find(event.dialed_number);
  if (number == numbers_.end()) {
    log::Warn("inbound call to a number no queue answers", {{"number", event.dialed_number}});
    telephony_.HangUp(event.call).IgnoreError();
    return;
  }
  const std::string& queue_id = number->second;
  const auto now = grpcx::ToProtoTime(event.at);
  CallRow row;
  absl::Status created = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    row = CallRow{};
    v1::Call& c = row.call;
    c.set_call_id(NewId(scheduler_));
    c.set_direction(common::CALL_DIRECTION_INBOUND);
    c.set_queue_id(queue_id);  // the number's queue from the start: CallCreated names it too
    c.set_state(v1::CALL_STATE_WAITING_FOR_AGENT);
    *c.mutable_create_time() = now;
    *c.mutable_answer_time() = now;  // an inbound call is answered by the system as it arrives
    ev::CallCreated created;
    created.set_origin(ev::CALL_ORIGIN_INBOUND);
    created.set_presented_number(event.dialed_number);
    ledger_.Create(tx, row, created);
    return Enqueue(tx, row, queue_id);
  });
  if (!created.ok()) {
    LogIfFailed(created, "inbound call not recorded", row.call.call_id());
    telephony_.HangUp(event.call).IgnoreError();
    return;
  }
  InboundCall call;
  call.call_id = row.call.call_id();
  call.queue_id = queue_id;
  call.queued_at = event.at;
  live_.emplace(event.call, std::move(call));
  arrivals_.Record(event.at);
  if (!event.caller_number.empty()) {  // a withheld number: nobody to look up
    callers_.Identify(row.call.call_id(), event.caller_number,
                      [this, port_call = event.call, call_id = row.call.call_id()](
                          const absl::StatusOr<std::optional<KnownCaller>>& caller) {
                        Identified(port_call, call_id, caller);
                      });
  }
  ScheduleMaxWait(event.call);
  Serve();
}

void InboundRouter::Identified(CallId port_call, const std::string& call_id,
                               const absl::StatusOr<std::optional<KnownCaller>>& caller) {
  if (!caller.ok()) {
    log::Warn("inbound caller not identified, served as unknown",
              {{"call_id", call_id}, {"error", std::string(caller.status().message())}});
    return;
  }
  auto it = live_.find(port_call);
  // Nobody has the number, or the call ended first: its events are all out as they were.
  if (!caller->has_value() || it == live_.end() || it->second.call_id != call_id) return;
  const KnownCaller& known = **caller;
  absl::Status recorded = Change(call_id, [&](pqxx::work& tx, CallRow& row) {
    row.call.set_customer_id(known.customer_id);
    row.call.set_contact_point_id(known.contact_point_id);
    calls_.Update(tx, row);
    return absl::OkStatus();
  });
  LogIfFailed(recorded, "inbound caller not recorded", call_id);
  // An agent offered the call already sees it again, now with the customer (R18 cross-sell).
  if (recorded.ok() && !it->second.session_id.empty()) {
    Tell(DesktopNotice::Kind::kOffered, it->second);
  }
}

void InboundRouter::ScheduleMaxWait(CallId port_call) {
  const InboundCall& call = live_.at(port_call);
  const v1::InboundQueue* queue = QueueOf(call.queue_id);
  if (queue == nullptr) return;
  const uint64_t generation = call.generation;
  scheduler_.After(Millis(queue->max_wait()), [this, port_call, generation] {
    MaxWaitReached(port_call, generation);
  });
}

// Past the queue's max wait: on to its overflow queue, or abandoned with a message (R18).
void InboundRouter::MaxWaitReached(CallId port_call, uint64_t generation) {
  auto it = live_.find(port_call);
  if (it == live_.end()) return;
  InboundCall& call = it->second;
  if (call.generation != generation || !call.session_id.empty() || call.abandoned) return;
  const v1::InboundQueue* queue = QueueOf(call.queue_id);
  const std::string overflow = queue == nullptr ? "" : queue->overflow_queue_id();
  if (!overflow.empty() && QueueOf(overflow) != nullptr) {
    absl::Status moved = Change(call.call_id, [&](pqxx::work& tx, CallRow& row) {
      return Enqueue(tx, row, overflow);
    });
    if (moved.ok()) {
      call.queue_id = overflow;
      call.queued_at = scheduler_.Now();
      ++call.generation;
      ScheduleMaxWait(port_call);
      Serve();
      return;
    }
    LogIfFailed(moved, "overflow not recorded", call.call_id);
  }
  Abandon(port_call, v1::ABANDON_REASON_QUEUE_TIMEOUT);
  // The end is recorded when the port reports the hang-up.
  telephony_.HangUp(port_call).IgnoreError();
}

void InboundRouter::Abandon(CallId port_call, v1::AbandonReason reason) {
  InboundCall& call = live_.at(port_call);
  if (call.abandoned) return;
  call.abandoned = true;
  const auto now = grpcx::ToProtoTime(scheduler_.Now());
  LogIfFailed(Change(call.call_id,
                     [&](pqxx::work& tx, CallRow& row) {
                       row.call.set_abandon_reason(reason);
                       *row.call.mutable_wait_duration() = now - row.call.answer_time();
                       ledger_.Step(tx, row, [&](ev::CallEvent& e) {
                         ev::CallAbandoned* a = e.mutable_abandoned();
                         a->set_reason(reason);
                         *a->mutable_wait_duration() = row.call.wait_duration();
                         // Inbound abandons are the caller's choice or the queue's limit, not
                         // the dialer's overdial: they never count against R20's limit.
                         a->set_counts_against_limit(false);
                         a->set_message_played(reason == v1::ABANDON_REASON_QUEUE_TIMEOUT);
                       });
                       return absl::OkStatus();
                     }),
              "inbound abandon not recorded", call.call_id);
}

void InboundRouter::Bridged(CallId port_call, const CallEvent& event) {
  InboundCall& call = live_.at(port_call);
  call.bridged = true;
  LogIfFailed(Change(call.call_id,
                     [&](pqxx::work& tx, CallRow& row) {
                       return connector_.Connect(tx, row, call.session_id, call.agent_id,
                                                 event.at);
                     }),
              "inbound connect not recorded", call.call_id);
  Tell(DesktopNotice::Kind::kConnected, call);
}

void InboundRouter::Ended(CallId port_call, const CallEvent& event) {
  InboundCall& call = live_.at(port_call);
  const ev::CallEndedBy by = event.side == HangupSide::kLocal
                                 ? (call.bridged ? ev::CALL_ENDED_BY_AGENT : ev::CALL_ENDED_BY_SYSTEM)
                                 : ev::CALL_ENDED_BY_CUSTOMER;
  if (!call.bridged) {
    if (!call.session_id.empty()) {
      // Gone between the reservation and the bridge: the agent goes back.
      LogIfFailed(pool_.Transact([&](pqxx::work& tx) {
                    return sessions_.Release(tx, call.session_id, call.call_id).status();
                  }),
                  "reservation not released", call.call_id);
    }
    Abandon(port_call, v1::ABANDON_REASON_CALLER_HUNG_UP_IN_QUEUE);
    LogIfFailed(Change(call.call_id,
                       [&](pqxx::work& tx, CallRow& row) {
                         closer_.End(tx, row, campaigns::CallOutcome::kAbandoned, by);
                         return absl::OkStatus();
                       }),
                "inbound abandon end not recorded", call.call_id);
  } else {
    // A conversation ended: the agent wraps up through SubmitDisposition.
    LogIfFailed(Change(call.call_id,
                       [&](pqxx::work& tx, CallRow& row) {
                         LogIfFailed(sessions_.EndCall(tx, call.session_id, call.call_id).status(),
                                     "agent not moved to wrap-up", call.call_id);
                         closer_.End(tx, row, campaigns::CallOutcome::kReached, by);
                         return absl::OkStatus();
                       }),
                "inbound end not recorded", call.call_id);
    Tell(DesktopNotice::Kind::kEnded, call);
  }
  live_.erase(port_call);
  Serve();
}

void InboundRouter::WrappedUp(const v1::Call& call) {
  if (call.direction() == common::CALL_DIRECTION_INBOUND && call.has_agent_connect_time() &&
      call.has_disposition_time()) {
    const double handle = std::chrono::duration<double>(
                              grpcx::FromProtoTime(call.disposition_time()) -
                              grpcx::FromProtoTime(call.agent_connect_time()))
                              .count();
    mean_handle_seconds_ = 0.9 * mean_handle_seconds_ + 0.1 * handle;
  }
  Serve();
}

std::vector<std::string> InboundRouter::QueuesOf(const StaffedSession& s) const {
  if (!s.session.queue_ids().empty()) {
    return {s.session.queue_ids().begin(), s.session.queue_ids().end()};
  }
  std::vector<std::string> ids;
  for (const auto& [id, q] : queues_) {
    for (const std::string& g : q.agent_group_ids()) {
      const auto& mine = s.agent.agent_group_ids();
      if (std::find(mine.begin(), mine.end(), g) != mine.end()) {
        ids.push_back(id);
        break;
      }
    }
  }
  return ids;
}

void InboundRouter::Serve() {
  if (serving_) return;
  serving_ = true;
  std::vector<StaffedSession> floor;
  absl::Status read = pool_.Transact([&](pqxx::work& tx) {
    floor = floor_store_.StaffedSessions(tx);
    return absl::OkStatus();
  });
  if (read.ok()) {
    Blend(floor);
    Route(floor);
    Publish(floor);
  } else {
    log::Error("inbound floor not read", {{"error", std::string(read.message())}});
  }
  serving_ = false;
}

void InboundRouter::Blend(std::vector<StaffedSession>& floor) {
  const TimePoint now = scheduler_.Now();
  QueueLoad load;
  load.arrivals_per_second = arrivals_.PerSecond(now);
  load.mean_handle_seconds = mean_handle_seconds_;
  bool any_queue = false;
  for (const auto& [id, q] : queues_) {
    const double threshold = TimeUtil::DurationToMilliseconds(q.service_level_threshold()) / 1e3;
    load.service_level_threshold_seconds =
        any_queue ? std::min(load.service_level_threshold_seconds, threshold) : threshold;
    load.service_level_target = any_queue ? std::max(load.service_level_target,
                                                     q.service_level_target())
                                          : q.service_level_target();
    any_queue = true;
  }
  if (!any_queue) return;
  for (const auto& [port_call, c] : live_) {
    if (!c.session_id.empty() || c.abandoned) continue;
    ++load.waiting_calls;
    load.oldest_wait = std::max(
        load.oldest_wait, std::chrono::duration_cast<std::chrono::milliseconds>(now - c.queued_at));
  }
  load.quiet_for = load.waiting_calls > 0
                       ? std::chrono::milliseconds(0)
                       : std::chrono::duration_cast<std::chrono::milliseconds>(now - last_waiting_);
  std::set<std::string> group_ids;
  std::vector<StaffedSession*> to_inbound, to_outbound;  // READY blended agents, by side
  for (StaffedSession& s : floor) {
    if (!Staffed(s.session)) continue;
    const bool inbound = s.session.work_mode() == v1::WORK_MODE_INBOUND;
    const bool ready = s.session.state() == v1::AGENT_STATE_READY;
    if (s.agent.blending_mode() == v1::BLENDING_MODE_INBOUND_ONLY) {
      ++load.inbound_only_agents;
      if (ready) ++load.inbound_only_ready;
    } else if (Blended(s) && !QueuesOf(s).empty()) {
      ++load.blended_agents;
      for (const std::string& g : s.agent.agent_group_ids()) group_ids.insert(g);
      if (inbound) {
        ++load.blended_on_inbound;
        if (ready) ++load.blended_on_inbound_ready;
        if (ready) to_outbound.push_back(&s);
      } else if (ready) {
        to_inbound.push_back(&s);
      }
    }
  }
  if (load.blended_agents == 0) return;
  std::vector<v1::AgentGroup> groups;
  absl::Status read = pool_.Transact([&](pqxx::work& tx) {
    groups.clear();
    for (const std::string& id : group_ids) {
      if (std::optional<v1::AgentGroup> g = groups_.Find(tx, id)) groups.push_back(*g);
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return;
  const int target = BlendedAgentsOnInbound(load, Strictest(groups));
  const bool towards_inbound = target > load.blended_on_inbound;
  std::vector<StaffedSession*>& movable = towards_inbound ? to_inbound : to_outbound;
  // The longest idle move first: they are the ones the other side would take next anyway.
  std::sort(movable.begin(), movable.end(), [](const auto* a, const auto* b) {
    return grpcx::FromProtoTime(a->session.state_start_time()) <
           grpcx::FromProtoTime(b->session.state_start_time());
  });
  int moves = std::abs(target - load.blended_on_inbound);
  for (StaffedSession* s : movable) {
    if (moves-- <= 0) break;
    AgentSessions::Assignment assignment;
    assignment.work_mode = towards_inbound ? WorkMode::kInbound : WorkMode::kOutbound;
    absl::Status moved = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
      absl::StatusOr<SessionRow> row = sessions_.Lock(tx, s->session.session_id());
      if (!row.ok()) return row.status();
      if (row->session.state() != v1::AGENT_STATE_READY) return absl::OkStatus();
      return sessions_.Assign(tx, *std::move(row), s->agent, assignment, "blending").status();
    });
    if (moved.ok()) {
      s->session.set_work_mode(
          towards_inbound ? v1::WORK_MODE_INBOUND : v1::WORK_MODE_OUTBOUND);
    } else {
      log::Warn("blended agent not moved", {{"session_id", s->session.session_id()},
                                            {"error", std::string(moved.message())}});
    }
  }
}

void InboundRouter::Route(const std::vector<StaffedSession>& floor) {
  std::vector<RoutableAgent> agents;
  std::vector<const StaffedSession*> owners;
  for (const StaffedSession& s : floor) {
    if (s.session.state() != v1::AGENT_STATE_READY ||
        s.session.work_mode() != v1::WORK_MODE_INBOUND) {
      continue;
    }
    RoutableAgent a;
    a.session_id = s.session.session_id();
    for (const v1::AgentSkill& skill : s.agent.skills()) a.skill_ids.insert(skill.skill_id());
    for (const std::string& q : QueuesOf(s)) a.queue_ids.insert(q);
    a.ready_since = grpcx::FromProtoTime(s.session.state_start_time());
    agents.push_back(std::move(a));
    owners.push_back(&s);
  }
  std::vector<WaitingCall> waiting;
  std::vector<CallId> ports;
  for (const auto& [port_call, c] : live_) {
    if (!c.session_id.empty() || c.abandoned) continue;
    const v1::InboundQueue* q = QueueOf(c.queue_id);
    waiting.push_back({c.call_id, q == nullptr ? 0 : q->priority(), c.queued_at});
    ports.push_back(port_call);
  }
  while (!agents.empty()) {
    std::optional<size_t> next = NextWaitingCall(waiting);
    if (!next) break;
    const CallId port_call = ports[*next];
    waiting.erase(waiting.begin() + *next);
    ports.erase(ports.begin() + *next);
    InboundCall& call = live_.at(port_call);
    const v1::InboundQueue* queue = QueueOf(call.queue_id);
    if (queue == nullptr) continue;
    std::optional<size_t> pick = PickAgent(
        call.queue_id, {queue->required_skill_ids().begin(), queue->required_skill_ids().end()},
        agents);
    if (!pick) continue;  // nobody for this queue now; a call of another queue may still go
    const StaffedSession& s = *owners[*pick];
    agents.erase(agents.begin() + *pick);
    owners.erase(owners.begin() + *pick);
    absl::Status reserved = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
      absl::StatusOr<v1::AgentSession> held =
          sessions_.Reserve(tx, s.session.session_id(), call.call_id, "");
      if (!held.ok()) return held.status();
      std::optional<CallRow> row = calls_.Find(tx, call.call_id, true);
      if (!row) return absl::NotFoundError("call gone");
      row->call.set_session_id(s.session.session_id());
      row->call.set_agent_id(s.agent.agent_id());
      calls_.Update(tx, *row);
      return absl::OkStatus();
    });
    if (!reserved.ok()) {
      // Taken meanwhile (a logout, a pause): the call waits for the next agent.
      waiting.push_back({call.call_id, queue->priority(), call.queued_at});
      ports.push_back(port_call);
      continue;
    }
    call.session_id = s.session.session_id();
    call.agent_id = s.agent.agent_id();
    Tell(DesktopNotice::Kind::kOffered, call);
    if (!telephony_.Bridge(port_call, call.agent_id).ok()) {
      // The caller hung up meanwhile: Ended releases the agent and records the abandon.
      continue;
    }
  }
}

void InboundRouter::Publish(const std::vector<StaffedSession>& floor) {
  const TimePoint now = scheduler_.Now();
  std::map<std::string, LiveQueueFigures> figures;
  for (const auto& [id, q] : queues_) figures[id];
  for (const auto& [port_call, c] : live_) {
    LiveQueueFigures& f = figures[c.queue_id];
    if (c.bridged) {
      ++f.agents_on_call;
    } else if (c.session_id.empty() && !c.abandoned) {
      ++f.calls_waiting;
      f.longest_wait = std::max(
          f.longest_wait, std::chrono::duration_cast<std::chrono::milliseconds>(now - c.queued_at));
      last_waiting_ = now;
    }
  }
  for (const StaffedSession& s : floor) {
    if (s.session.work_mode() != v1::WORK_MODE_INBOUND || !Staffed(s.session)) continue;
    for (const std::string& q : QueuesOf(s)) {
      LiveQueueFigures& f = figures[q];
      if (s.session.state() == v1::AGENT_STATE_READY) ++f.agents_ready;
      if (Blended(s)) ++f.blended_agents;
    }
  }
  std::lock_guard<std::mutex> lock(figures_mu_);
  figures_ = std::move(figures);
}

LiveQueueFigures InboundRouter::Live(const std::string& queue_id) const {
  std::lock_guard<std::mutex> lock(figures_mu_);
  auto it = figures_.find(queue_id);
  return it == figures_.end() ? LiveQueueFigures{} : it->second;
}

}  // namespace tmk::dialing
