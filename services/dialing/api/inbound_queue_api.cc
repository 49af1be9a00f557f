#include "services/dialing/api/inbound_queue_api.h"

#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/dialing/api/idempotent_mutation.h"
#include "services/dialing/api/masked_update.h"
#include "services/dialing/domain/inbound_queue_rules.h"
#include "services/dialing/domain/queue_day_figures.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
using auth::Role;
using google::protobuf::util::TimeUtil;

namespace {

constexpr char kPrefix[] = "inbound_queue";

const std::set<std::string> kEditable = {
    "display_name",   "dialed_numbers",          "required_skill_ids",
    "agent_group_ids", "priority",               "service_level_threshold",
    "service_level_target", "max_wait",          "overflow_queue_id",
    "cross_sell_campaign_ids"};

std::vector<std::string> ToVector(const google::protobuf::RepeatedPtrField<std::string>& ids) {
  return {ids.begin(), ids.end()};
}

InboundQueueSpec ToSpec(const v1::InboundQueue& q) {
  InboundQueueSpec s;
  s.queue_id = q.queue_id();
  s.display_name = q.display_name();
  s.dialed_numbers = ToVector(q.dialed_numbers());
  s.required_skill_ids = ToVector(q.required_skill_ids());
  s.agent_group_ids = ToVector(q.agent_group_ids());
  s.priority = q.priority();
  s.service_level_threshold =
      std::chrono::milliseconds(TimeUtil::DurationToMilliseconds(q.service_level_threshold()));
  s.service_level_target = q.service_level_target();
  s.max_wait = std::chrono::milliseconds(TimeUtil::DurationToMilliseconds(q.max_wait()));
  s.overflow_queue_id = q.overflow_queue_id();
  s.cross_sell_campaign_ids = ToVector(q.cross_sell_campaign_ids());
  return s;
}

// The indexes of `ids` that `missing` names, as field violations.
void NameMissing(const std::vector<std::string>& ids, const std::vector<std::string>& missing,
                 const std::string& field, const char* what, Violations& v) {
  for (size_t i = 0; i < ids.size(); ++i) {
    if (std::find(missing.begin(), missing.end(), ids[i]) != missing.end()) {
      v.Add(absl::StrCat(field, "[", i, "]"), absl::StrCat("no such ", what));
    }
  }
}

}  // namespace

absl::Status InboundQueueApi::AuthorizeWrite(const auth::Principal& who,
                                             std::string_view action) const {
  return auth::Authorize(who, {Role::kAdmin, Role::kSupervisor}, runtime_.context().region,
                         action);
}

// Agents see the queues they take calls from; QA, reporting and integrators name them.
absl::Status InboundQueueApi::AuthorizeRead(const auth::Principal& who,
                                            std::string_view action) const {
  return auth::Authorize(who, auth::RoleSet::All(), runtime_.context().region, action);
}

absl::StatusOr<v1::InboundQueue> InboundQueueApi::Load(pqxx::work& tx, const std::string& id,
                                                      bool for_update) const {
  std::optional<v1::InboundQueue> found = queues_.Find(tx, id, for_update);
  if (!found) return absl::NotFoundError(absl::StrCat("inbound queue ", id, " not found"));
  return *std::move(found);
}

absl::Status InboundQueueApi::CheckFits(pqxx::work& tx, const v1::InboundQueue& q) const {
  Violations v;
  CheckInboundQueue(ToSpec(q), kPrefix, v);
  if (!v.empty()) return v.ToStatus("invalid inbound queue");
  const std::vector<std::string> skills = ToVector(q.required_skill_ids());
  NameMissing(skills, skills_.Missing(tx, skills), "inbound_queue.required_skill_ids", "skill",
              v);
  const std::vector<std::string> groups = ToVector(q.agent_group_ids());
  NameMissing(groups, groups_.Missing(tx, groups), "inbound_queue.agent_group_ids",
              "agent group", v);
  if (!q.overflow_queue_id().empty() && !queues_.Missing(tx, {q.overflow_queue_id()}).empty()) {
    v.Add("inbound_queue.overflow_queue_id", "no such inbound queue");
  }
  // Cross-sell opens campaigns dialing knows from tm.campaigns.v1; whether one is ACTIVE is
  // judged when an agent opens it, since campaigns come and go (R18).
  for (int i = 0; i < q.cross_sell_campaign_ids_size(); ++i) {
    if (!campaigns_.Find(tx, q.cross_sell_campaign_ids(i))) {
      v.Add(absl::StrCat("inbound_queue.cross_sell_campaign_ids[", i, "]"), "no such campaign");
    }
  }
  if (!v.empty()) return v.ToStatus("invalid inbound queue");
  const std::map<std::string, std::string> taken =
      queues_.NumbersTaken(tx, ToVector(q.dialed_numbers()), q.queue_id());
  if (!taken.empty()) {
    return WithReason(absl::AlreadyExistsError(absl::StrCat(
                          "dialed number ", taken.begin()->first, " already reaches queue ",
                          taken.begin()->second, ": a number reaches one queue")),
                      "DIALED_NUMBER_TAKEN");
  }
  return absl::OkStatus();
}

absl::Status InboundQueueApi::Mutate(
    const std::string& verb, const std::string& request_id,
    const google::protobuf::Message& request, v1::InboundQueue& out, const Change& change,
    bool deletes) {
  IdempotentMutation<v1::InboundQueue> m{
      verb, request_id, grpcx::RequestFingerprint(request),
      [this, deletes](pqxx::work& tx,
                      const std::string& id) -> absl::StatusOr<v1::InboundQueue> {
        // A retried delete answers as the first did: nothing is left to read back.
        if (deletes) return v1::InboundQueue();
        return Load(tx, id);
      },
      change, [](const v1::InboundQueue& q) { return q.queue_id(); }};
  absl::Status done = MutateOnce(runtime_.pool(), requests_, m, out);
  if (done.ok() && changed_) changed_();
  return done;
}

absl::Status InboundQueueApi::CreateInboundQueue(const auth::Principal& who,
                                                 const v1::CreateInboundQueueRequest& request,
                                                 v1::CreateInboundQueueResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "create inbound queues"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckInboundQueue(ToSpec(request.inbound_queue()), kPrefix, v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid inbound queue");
  const Clock& clock = runtime_.context().clock;
  v1::InboundQueue queue = request.inbound_queue();
  queue.set_queue_id(NewId(clock));
  *queue.mutable_create_time() = grpcx::ToProtoTime(clock.Now());
  *queue.mutable_update_time() = queue.create_time();
  queue.set_revision(1);
  return Mutate("CreateInboundQueue", request.request_id(), request,
                *response.mutable_inbound_queue(),
                [&](pqxx::work& tx) -> absl::StatusOr<v1::InboundQueue> {
                  if (absl::Status fits = CheckFits(tx, queue); !fits.ok()) return fits;
                  queues_.Insert(tx, queue);
                  return queue;
                });
}

absl::Status InboundQueueApi::GetInboundQueue(const auth::Principal& who,
                                              const v1::GetInboundQueueRequest& request,
                                              v1::GetInboundQueueResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who, "read inbound queues"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.queue_id(), "queue_id", "inbound queue", v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<v1::InboundQueue> queue = Load(tx, request.queue_id());
    if (!queue.ok()) return queue.status();
    *response.mutable_inbound_queue() = *std::move(queue);
    return absl::OkStatus();
  });
}

absl::Status InboundQueueApi::ListInboundQueues(const auth::Principal& who,
                                                const v1::ListInboundQueuesRequest& request,
                                                v1::ListInboundQueuesResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who, "read inbound queues"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  const int limit = grpcx::PageLimit(request.page_size(), v);
  const std::optional<std::string> after =
      grpcx::PageCursor(request.page_token(), "inbound_queues", v);
  if (!v.empty()) return v.ToStatus("invalid listing");
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    std::vector<v1::InboundQueue> page = queues_.List(tx, *after, limit + 1);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.pop_back();
    for (v1::InboundQueue& q : page) *response.add_inbound_queues() = std::move(q);
    if (more) {
      response.set_next_page_token(grpcx::NextPageToken(
          "inbound_queues", response.inbound_queues(limit - 1).queue_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status InboundQueueApi::UpdateInboundQueue(const auth::Principal& who,
                                                 const v1::UpdateInboundQueueRequest& request,
                                                 v1::UpdateInboundQueueResponse& response) {
  if (absl::Status allowed = AuthorizeWrite(who, "update inbound queues"); !allowed.ok()) {
    return allowed;
  }
  const v1::InboundQueue& in = request.inbound_queue();
  Violations v;
  grpcx::CheckResourceId(in.queue_id(), "inbound_queue.queue_id", "inbound queue", v);
  grpcx::CheckRequestId(request.request_id(), v);
  CheckUpdateMask(request.update_mask(), kEditable, v);
  if (!v.empty()) return v.ToStatus("invalid update");
  const Clock& clock = runtime_.context().clock;
  return Mutate(
      "UpdateInboundQueue", request.request_id(), request, *response.mutable_inbound_queue(),
      [&](pqxx::work& tx) -> absl::StatusOr<v1::InboundQueue> {
        absl::StatusOr<v1::InboundQueue> before = Load(tx, in.queue_id(), /*for_update=*/true);
        if (!before.ok()) return before.status();
        if (in.revision() != 0 && in.revision() != before->revision()) {
          return grpcx::RevisionMismatch(in.revision(), before->revision(), "inbound queue");
        }
        v1::InboundQueue after = *before;
        MergeMasked(in, request.update_mask(), after);
        if (google::protobuf::util::MessageDifferencer::Equals(after, *before)) return after;
        if (absl::Status fits = CheckFits(tx, after); !fits.ok()) return fits;
        after.set_revision(before->revision() + 1);
        *after.mutable_update_time() = grpcx::ToProtoTime(clock.Now());
        queues_.Update(tx, after);
        return after;
      });
}

absl::Status InboundQueueApi::DeleteInboundQueue(const auth::Principal& who,
                                                 const v1::DeleteInboundQueueRequest& request,
                                                 v1::DeleteInboundQueueResponse&) {
  if (absl::Status allowed = AuthorizeWrite(who, "delete inbound queues"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.queue_id(), "queue_id", "inbound queue", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus();
  v1::InboundQueue gone;
  return Mutate(
      "DeleteInboundQueue", request.request_id(), request, gone,
      [&](pqxx::work& tx) -> absl::StatusOr<v1::InboundQueue> {
        absl::StatusOr<v1::InboundQueue> queue = Load(tx, request.queue_id(), true);
        if (!queue.ok()) return queue.status();
        const std::vector<std::string> feeders = queues_.OverflowingInto(tx, request.queue_id());
        if (!feeders.empty()) {
          return WithReason(absl::FailedPreconditionError(absl::StrCat(
                                "queue ", feeders.front(), " overflows into inbound queue ",
                                request.queue_id(), ": change its overflow first")),
                            "QUEUE_IN_USE");
        }
        // Never drop callers on the floor: a queue is deleted once nobody waits in it.
        if (const int waiting = live_.Live(request.queue_id()).calls_waiting; waiting > 0) {
          return WithReason(absl::FailedPreconditionError(absl::StrCat(
                                waiting, " calls wait in inbound queue ", request.queue_id())),
                            "QUEUE_IN_USE");
        }
        queues_.Delete(tx, request.queue_id());
        return *std::move(queue);
      },
      /*deletes=*/true);
}

absl::Status InboundQueueApi::GetQueueStatus(const auth::Principal& who,
                                             const v1::GetQueueStatusRequest& request,
                                             v1::GetQueueStatusResponse& response) {
  if (absl::Status allowed = AuthorizeRead(who, "read queue status"); !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.queue_id(), "queue_id", "inbound queue", v);
  if (!v.empty()) return v.ToStatus();
  const Clock& clock = runtime_.context().clock;
  const TimePoint now = clock.Now();
  // The day as the server counts it (UTC): reports per zone are reporting's (R26).
  using Days = std::chrono::duration<int64_t, std::ratio<86400>>;
  const TimePoint midnight(std::chrono::floor<Days>(now.time_since_epoch()));
  v1::InboundQueue queue;
  std::vector<QueuedCallOutcome> outcomes;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    absl::StatusOr<v1::InboundQueue> found = Load(tx, request.queue_id());
    if (!found.ok()) return found.status();
    queue = *std::move(found);
    outcomes.clear();
    for (const v1::Call& c : queues_.CallsSince(tx, request.queue_id(), midnight)) {
      QueuedCallOutcome o;
      if (c.has_agent_connect_time()) {
        o.answered_after_seconds = TimeUtil::DurationToMilliseconds(c.wait_duration()) / 1000.0;
      }
      o.abandoned = c.abandon_reason() != v1::ABANDON_REASON_UNSPECIFIED;
      outcomes.push_back(o);
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  const QueueDayFigures day = SummarizeQueueDay(
      outcomes, TimeUtil::DurationToMilliseconds(queue.service_level_threshold()) / 1000.0);
  const LiveQueueFigures live = live_.Live(request.queue_id());
  v1::QueueStatus* s = response.mutable_queue_status();
  s->set_queue_id(queue.queue_id());
  s->set_calls_waiting(live.calls_waiting);
  *s->mutable_longest_wait() = TimeUtil::MillisecondsToDuration(live.longest_wait.count());
  s->set_agents_ready(live.agents_ready);
  s->set_agents_on_call(live.agents_on_call);
  s->set_blended_agents(live.blended_agents);
  s->set_calls_offered_today(day.offered);
  s->set_calls_answered_today(day.answered);
  s->set_calls_abandoned_today(day.abandoned);
  s->set_service_level_today(day.service_level);
  *s->mutable_average_speed_of_answer_today() = TimeUtil::MillisecondsToDuration(
      static_cast<int64_t>(day.average_speed_of_answer_seconds * 1000));
  *s->mutable_compute_time() = grpcx::ToProtoTime(now);
  return absl::OkStatus();
}

}  // namespace tmk::dialing
