#include "services/contacts/api/update_proposal_consumer.h"

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/events/inbox.h"
#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/log/logger.h"
#include "services/contacts/api/customer_mapping.h"
#include "services/contacts/api/proposed_values.h"
#include "services/contacts/api/update_proposal_api.h"
#include "services/contacts/domain/customer_update.h"
#include "services/contacts/domain/new_customer.h"
#include "services/contacts/domain/update_proposal_rules.h"
#include "services/contacts/store/snapshot_source_store.h"
#include "telemarketing/events/v1/contacts_events.pb.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
namespace ev1 = telemarketing::events::v1;

namespace {

constexpr char kContactPoints[] = "contact_points";

v1::FieldChangeResult ToProto(FieldResult result) {
  switch (result) {
    case FieldResult::kApplied: return v1::FIELD_CHANGE_RESULT_APPLIED;
    case FieldResult::kStale: return v1::FIELD_CHANGE_RESULT_STALE;
    case FieldResult::kInvalid: return v1::FIELD_CHANGE_RESULT_INVALID;
    case FieldResult::kCustomerDeleted: return v1::FIELD_CHANGE_RESULT_CUSTOMER_DELETED;
  }
  return v1::FIELD_CHANGE_RESULT_UNSPECIFIED;
}

v1::ProposalState ToProto(ProposalVerdict verdict) {
  switch (verdict) {
    case ProposalVerdict::kApplied: return v1::PROPOSAL_STATE_APPLIED;
    case ProposalVerdict::kPartiallyApplied: return v1::PROPOSAL_STATE_PARTIALLY_APPLIED;
    case ProposalVerdict::kRejected: return v1::PROPOSAL_STATE_REJECTED;
  }
  return v1::PROPOSAL_STATE_UNSPECIFIED;
}

// When the proposing region learned the value at `path`; the epoch (never later) when missing.
HlcTimestamp LearnedAt(const v1::UpdateProposal& proposal, const std::string& path) {
  auto it = proposal.field_hlc().find(path);
  return it == proposal.field_hlc().end() ? HlcTimestamp{} : grpcx::FromProtoHlc(it->second);
}

}  // namespace

absl::Status UpdateProposalConsumer::Handle(const events::ConsumedEvent& event) {
  if (event.type == ev1::CustomerUpdateProposal::descriptor()->full_name()) return Decide(event);
  if (event.type == ev1::CustomerUpdateProposalDecided::descriptor()->full_name()) {
    return RecordDecision(event);
  }
  return absl::OkStatus();
}

absl::Status UpdateProposalConsumer::Decide(const events::ConsumedEvent& event) {
  ev1::CustomerUpdateProposal message;
  if (!message.ParseFromString(event.payload)) {
    return absl::InvalidArgumentError(
        absl::StrCat("CustomerUpdateProposal does not parse (ce_id ", event.id, ")"));
  }
  if (message.target_region_id() != region_) return absl::OkStatus();  // another owner's
  v1::UpdateProposal proposal = message.proposal();
  if (!Uuid::Parse(proposal.proposal_id()) || !Uuid::Parse(proposal.customer_id()) ||
      proposal.proposing_region_id().empty()) {
    return absl::InvalidArgumentError(absl::StrCat(
        "CustomerUpdateProposal without a proposal id, customer id or proposing region (ce_id ",
        event.id, ")"));
  }
  // Every stamp this region issues from now on is later than what the proposer saw.
  hlc_.Observe(grpcx::FromProtoHlc(message.hlc()));
  for (const auto& [path, hlc] : proposal.field_hlc()) hlc_.Observe(grpcx::FromProtoHlc(hlc));

  return pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    if (!events::ClaimInInbox(tx, kConsumerGroup, event)) return absl::OkStatus();
    proposal.set_state(v1::PROPOSAL_STATE_PENDING);
    proposal.set_owner_region_id(region_);
    if (!proposals_.Insert(tx, proposal, /*received=*/true)) return absl::OkStatus();
    if (absl::Status applied = Apply(tx, proposal); !applied.ok()) return applied;
    proposals_.Decide(tx, proposal);
    ev1::CustomerUpdateProposalDecided decided;
    *decided.mutable_proposal() = proposal;
    decided.set_region_id(region_);
    decided.set_target_region_id(proposal.proposing_region_id());
    *decided.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
    events::AppendToOutbox(tx, events::MakeEvent(kProposalTopic, proposal.customer_id(),
                                                 "proposals/" + proposal.proposal_id(), decided,
                                                 clock_));
    log::Info("contacts: update proposal decided",
              {{"proposal_id", proposal.proposal_id()}, {"customer_id", proposal.customer_id()},
               {"from", proposal.proposing_region_id()},
               {"state", v1::ProposalState_Name(proposal.state())}});
    return absl::OkStatus();
  });
}

absl::Status UpdateProposalConsumer::Apply(pqxx::work& tx, v1::UpdateProposal& proposal) const {
  const std::vector<std::string> paths(proposal.update_mask().paths().begin(),
                                       proposal.update_mask().paths().end());
  std::optional<v1::Customer> before = customers_.Find(tx, proposal.customer_id(), true);
  const bool exists = before && !before->replica() && before->region_id() == region_;
  const TimePoint now = clock_.Now();
  const int year = CurrentYear(clock_);

  std::map<std::string, std::string> invalid;
  // A mask the owner's rules refuse (a region on another version): those paths are INVALID.
  for (const FieldViolation& f : FieldViolationsOf(ValidateUpdateMask(paths))) {
    for (const std::string& path : paths) {
      if (!IsUpdatablePath(path)) invalid.emplace(path, f.description);
    }
  }
  FieldClocks clocks;
  HlcTimestamp base;
  std::vector<NormalizedContact> points;
  if (exists) {
    ProposedValues judged = JudgeProposedValues(*before, proposal.patch(), paths, year);
    for (const auto& j : judged.violations) invalid.emplace(j.path, j.violation.description);
    points = std::move(judged.points);
    clocks = SnapshotSourceStore().FieldChanges(tx, proposal.customer_id());
    base = HlcTimestamp{UnixMillis(grpcx::FromProtoTime(before->create_time())), 0,
                        before->region_id()};
  }

  std::vector<ProposedField> fields;
  for (const std::string& path : paths) {
    if (path != kContactPoints) fields.push_back({path, LearnedAt(proposal, path)});
  }
  std::vector<FieldDecision> decisions = DecideFields(fields, exists, clocks, base, invalid);
  v1::Customer after = exists ? *before : v1::Customer();
  std::vector<std::string> applied;
  for (const FieldDecision& d : decisions) {
    if (d.result == FieldResult::kApplied) applied.push_back(d.path);
  }
  ApplyUpdateMask(proposal.patch(), applied, after);

  if (std::find(paths.begin(), paths.end(), kContactPoints) != paths.end()) {
    FieldDecision d{kContactPoints, FieldResult::kApplied, ""};
    if (!exists) {
      d.result = FieldResult::kCustomerDeleted;
      d.message = "the customer was erased in its owning region";
    } else if (auto bad = invalid.find(kContactPoints); bad != invalid.end() ||
                                                          points.size() != static_cast<size_t>(proposal.patch().contact_points_size())) {
      d.result = FieldResult::kInvalid;
      d.message = bad != invalid.end() ? bad->second : "a proposed contact point is invalid";
    } else {
      std::vector<std::string> existing, ids, proposed;
      for (const v1::ContactPoint& p : after.contact_points()) {
        existing.push_back(p.normalized_value());
        ids.push_back(p.contact_point_id());
      }
      for (const NormalizedContact& n : points) proposed.push_back(n.normalized);
      std::vector<PointMerge> merge = MergeProposedPoints(
          existing, ids, proposed, LearnedAt(proposal, kContactPoints), clocks, base);
      bool any = false;
      for (size_t i = 0; i < merge.size(); ++i) {
        if (!merge[i].apply) continue;
        any = true;
        const v1::ContactPoint& in = proposal.patch().contact_points(static_cast<int>(i));
        if (merge[i].existing < 0) {
          v1::ContactPoint* p = after.add_contact_points();
          p->set_contact_point_id(NewId(clock_));
          p->set_type(ToProto(points[i].kind));
          p->set_value(in.value());
          p->set_normalized_value(points[i].normalized);
          p->set_status(in.status() == v1::CONTACT_POINT_STATUS_UNSPECIFIED
                            ? v1::CONTACT_POINT_STATUS_UNVERIFIED
                            : in.status());
          p->set_label(in.label());
          p->set_source("region:" + proposal.proposing_region_id());
          *p->mutable_create_time() = grpcx::ToProtoTime(now);
          StampStatus(proposal.call_id(), now, *p);
        } else {
          v1::ContactPoint* p = after.mutable_contact_points(merge[i].existing);
          if (!in.label().empty()) p->set_label(in.label());
          if (in.status() != v1::CONTACT_POINT_STATUS_UNSPECIFIED && in.status() != p->status()) {
            p->set_status(in.status());
            StampStatus(proposal.call_id(), now, *p);
          }
        }
      }
      if (!any) {
        d.result = FieldResult::kStale;
        d.message = "the owning region changed these contact points after the proposal";
      } else {
        applied.push_back(kContactPoints);
      }
    }
    decisions.push_back(std::move(d));
  }

  // The fields that won must also hold together (a B2B kind needs its company name).
  if (exists && !applied.empty()) {
    if (absl::Status whole = ValidateCustomerProfile(ToNewCustomer(after), year).status();
        !whole.ok()) {
      for (FieldDecision& d : decisions) {
        if (d.result != FieldResult::kApplied) continue;
        d.result = FieldResult::kInvalid;
        d.message = std::string(whole.message());
      }
      applied.clear();
    }
  }
  if (exists && !applied.empty()) {
    std::vector<ProfileFieldChange> changes =
        DiffProfile(applied, RenderPaths(*before, applied), RenderPaths(after, applied));
    if (!changes.empty()) {
      ChangeAuthor author;
      author.actor = proposal.proposer();
      author.call_id = proposal.call_id();
      author.campaign_id = proposal.campaign_id();
      author.reason = proposal.reason();
      author.origin = v1::CHANGE_ORIGIN_PROPOSAL;
      if (absl::Status committed = writer_.Commit(tx, author, changes, after);
          !committed.ok()) {
        return committed;
      }
    }
  }
  proposal.clear_outcomes();
  for (const FieldDecision& d : decisions) {
    v1::FieldChangeOutcome* o = proposal.add_outcomes();
    o->set_field_path(d.path);
    o->set_result(ToProto(d.result));
    o->set_message(d.message);
  }
  proposal.set_state(ToProto(Summarize(decisions)));
  *proposal.mutable_decide_time() = grpcx::ToProtoTime(now);
  return absl::OkStatus();
}

absl::Status UpdateProposalConsumer::RecordDecision(const events::ConsumedEvent& event) {
  ev1::CustomerUpdateProposalDecided message;
  if (!message.ParseFromString(event.payload)) {
    return absl::InvalidArgumentError(
        absl::StrCat("CustomerUpdateProposalDecided does not parse (ce_id ", event.id, ")"));
  }
  if (message.target_region_id() != region_) return absl::OkStatus();  // another proposer's
  const v1::UpdateProposal& decided = message.proposal();
  if (!Uuid::Parse(decided.proposal_id())) {
    return absl::InvalidArgumentError(
        absl::StrCat("CustomerUpdateProposalDecided without a proposal id (ce_id ", event.id, ")"));
  }
  hlc_.Observe(grpcx::FromProtoHlc(message.hlc()));
  return pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    if (!events::ClaimInInbox(tx, kConsumerGroup, event)) return absl::OkStatus();
    std::optional<v1::UpdateProposal> mine = proposals_.Find(tx, decided.proposal_id(), true);
    if (!mine) {
      log::Warn("contacts: a decision on a proposal this region did not send; ignored",
                {{"proposal_id", decided.proposal_id()}, {"ce_id", event.id}});
      return absl::OkStatus();
    }
    mine->set_state(decided.state());
    *mine->mutable_outcomes() = decided.outcomes();
    *mine->mutable_decide_time() = decided.decide_time();
    proposals_.Decide(tx, *mine);
    return absl::OkStatus();
  });
}

}  // namespace tmk::contacts
