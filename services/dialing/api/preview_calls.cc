#include "services/dialing/api/preview_calls.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "telemarketing/dialing/v1/wrap_up.pb.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
namespace common = telemarketing::common::v1;

absl::StatusOr<std::optional<PreviewRow>> PreviewCalls::Offer(
    pqxx::work& tx, const v1::AgentSession& s, const std::string& campaign_id,
    std::chrono::milliseconds auto_dial_after) const {
  PreviewRow held;
  held.call_id = NewId(clock_);
  held.session_id = s.session_id();
  held.agent_id = s.agent_id();
  held.offer_time = clock_.Now();
  held.auto_dial_time = AutoDialTime(held.offer_time, auto_dial_after);
  std::optional<PreviewRow> taken = previews_.Take(tx, campaign_id, held);
  if (!taken) return std::optional<PreviewRow>();
  absl::StatusOr<v1::AgentSession> reserved =
      sessions_.Reserve(tx, s.session_id(), taken->call_id, campaign_id);
  if (!reserved.ok()) return reserved.status();  // the caller rolls the take back
  return taken;
}

absl::StatusOr<PreviewRow> PreviewCalls::Held(pqxx::work& tx, const std::string& session_id,
                                              const std::string& lead_id) const {
  std::optional<PreviewRow> p = previews_.FindBySession(tx, session_id, /*for_update=*/true);
  if (!p || (!lead_id.empty() && p->lead_id != lead_id)) {
    return WithReason(absl::FailedPreconditionError(absl::StrCat(
                          "session ", session_id, " holds no preview",
                          lead_id.empty() ? std::string() : absl::StrCat(" of lead ", lead_id))),
                      "PREVIEW_NOT_HELD");
  }
  return *p;
}

absl::StatusOr<PreviewDialing> PreviewCalls::Dial(pqxx::work& tx, const std::string& session_id,
                                                  const std::string& lead_id,
                                                  const std::string& presented_number) const {
  absl::StatusOr<PreviewRow> p = Held(tx, session_id, lead_id);
  if (!p.ok()) return p.status();
  const TimePoint now = clock_.Now();
  absl::StatusOr<DialVerdict> verdict =
      gate_.Check(tx, {p->campaign_id, p->customer_id, "", now, /*agent_reserved=*/true,
                       p->contact_point_id},
                  gate_.Rules(tx));
  if (!verdict.ok()) return verdict.status();
  if (!verdict->allowed()) {
    // R10, R20: the window closed or a cap was reached while the agent read the lead.
    previews_.GiveBack(tx, *p);
    gate_.Refuse(tx, p->lead_id, verdict->blocked.front(), now);
    absl::StatusOr<v1::AgentSession> ready = sessions_.Release(tx, session_id, p->call_id);
    if (!ready.ok()) return ready.status();
    return PreviewDialing{std::nullopt, verdict->blocked.front()};
  }
  const int attempts = previews_.Place(tx, *p, now);
  CallRow row;
  v1::Call& c = row.call;
  c.set_call_id(p->call_id);
  c.set_direction(common::CALL_DIRECTION_OUTBOUND);
  c.set_dial_mode(common::DIAL_MODE_PREVIEW);
  c.set_campaign_id(p->campaign_id);
  c.set_lead_id(p->lead_id);
  c.set_customer_id(p->customer_id);
  c.set_contact_point_id(p->contact_point_id);
  c.set_session_id(p->session_id);
  c.set_agent_id(p->agent_id);
  c.set_state(v1::CALL_STATE_DIALING);
  *c.mutable_create_time() = grpcx::ToProtoTime(now);
  ev::CallCreated created;
  created.set_origin(ev::CALL_ORIGIN_PREVIEW);
  created.set_attempt_number(attempts);
  created.set_presented_number(presented_number);
  created.set_agent_reserved(true);
  ledger_.Create(tx, row, created);
  return PreviewDialing{std::move(row), std::nullopt};
}

absl::StatusOr<LeadRow> PreviewCalls::Skip(pqxx::work& tx, const std::string& session_id,
                                           const std::string& lead_id, SkipReason reason,
                                           const std::string& note) const {
  absl::StatusOr<SkipEffect> effect = EffectOfSkip(reason);
  if (!effect.ok()) return InvalidField("reason", std::string(effect.status().message()));
  absl::StatusOr<PreviewRow> p = Held(tx, session_id, lead_id);
  if (!p.ok()) return p.status();
  if (effect->give_back) {
    previews_.GiveBack(tx, *p);
  } else {
    previews_.Remove(tx, p->call_id);
  }
  std::optional<LeadRow> lead = leads_.Find(tx, p->lead_id, /*for_update=*/true);
  if (!lead) return absl::InternalError(absl::StrCat("previewed lead ", p->lead_id, " vanished"));
  if (effect->stop_lead) {
    lead->facts.state = LeadState::kStopped;
    lead->facts.stop_reason = LeadStopReason::kManual;
    lead->revision += 1;
    lead->update_time = clock_.Now();
    leads_.Update(tx, *lead);
  }
  if (effect->screen_number) {
    v1::ContactPointChange change;
    change.set_action(v1::CONTACT_POINT_ACTION_MARK_INVALID);
    change.set_contact_point_id(p->contact_point_id);
    change.set_note(note);
    forwards_.Insert(tx,
                     {NewId(clock_), p->customer_id, "", p->agent_id, ForwardKind::kContactPoint,
                      change.SerializeAsString()},
                     clock_.Now());
  }
  absl::StatusOr<v1::AgentSession> ready = sessions_.Release(tx, session_id, p->call_id);
  if (!ready.ok()) return ready.status();
  return *lead;
}

int PreviewCalls::ReturnOrphans(pqxx::work& tx) const {
  std::vector<PreviewRow> orphans = previews_.ListOrphaned(tx);
  for (const PreviewRow& p : orphans) previews_.GiveBack(tx, p);
  return static_cast<int>(orphans.size());
}

}  // namespace tmk::dialing
