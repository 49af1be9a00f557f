#include "services/contacts/api/update_proposal_api.h"

#include "absl/strings/ascii.h"
#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/contacts/api/customer_mapping.h"
#include "services/contacts/api/proposed_values.h"
#include "services/contacts/domain/customer_update.h"
#include "telemarketing/events/v1/contacts_events.pb.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::Role;
using auth::RoleSet;

namespace {

constexpr size_t kMaxContextText = 500;

// Agents see the numbers they proposed masked like every other number (R6).
void Reveal(const auth::Principal& who, v1::UpdateProposal& proposal) {
  if (!SeesFullNumbers(who)) MaskContactPoints(*proposal.mutable_patch());
}

}  // namespace

absl::Status UpdateProposalApi::ProposeCustomerUpdate(
    const auth::Principal& who, const v1::ProposeCustomerUpdateRequest& request,
    v1::ProposeCustomerUpdateResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(
          who, {Role::kAgent, Role::kSupervisor, Role::kAdmin, Role::kIntegrator}, region,
          "propose customer updates");
      !allowed.ok()) {
    return allowed;
  }
  const std::string& customer_id = request.customer().customer_id();
  std::vector<std::string> paths(request.update_mask().paths().begin(),
                                 request.update_mask().paths().end());
  Violations v;
  if (request.request_id().empty()) v.Add("request_id", "required: proposals are idempotent");
  grpcx::CheckRequestId(request.request_id(), v);
  grpcx::CheckResourceId(customer_id, "customer.customer_id", "customer", v);
  for (const FieldViolation& f : FieldViolationsOf(ValidateUpdateMask(paths))) {
    v.Add(f.field, f.description);
  }
  for (const auto& [field, text] :
       {std::pair{"context.call_id", &request.context().call_id()},
        std::pair{"context.campaign_id", &request.context().campaign_id()},
        std::pair{"context.reason", &request.context().reason()}}) {
    if (text->size() > kMaxContextText) {
      v.Add(field, absl::StrCat("at most ", kMaxContextText, " bytes"));
    }
  }
  if (!v.empty()) return v.ToStatus("invalid proposal");

  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  v1::UpdateProposal& proposal = *response.mutable_update_proposal();
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = proposals_.FindRequest(tx, request.request_id())) {
      if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
      std::optional<v1::UpdateProposal> stored = proposals_.Find(tx, earlier->proposal_id);
      if (!stored) return absl::InternalError("idempotency record without its proposal");
      proposal = *std::move(stored);
      return absl::OkStatus();
    }
    std::optional<v1::Customer> replica = customers_.Find(tx, absl::AsciiStrToLower(customer_id));
    if (!replica) return absl::NotFoundError(absl::StrCat("customer ", customer_id, " not found"));
    if (!replica->replica() && replica->region_id() == region) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "customer ", customer_id, " is owned by this region: change it "
                                                      "with UpdateCustomer")),
                        "CUSTOMER_OWNED");
    }
    ProposedValues judged =
        JudgeProposedValues(*replica, request.customer(), paths, CurrentYear(clock));
    if (!judged.violations.empty()) {
      Violations bad;
      for (const auto& j : judged.violations) bad.Add(j.violation.field, j.violation.description);
      return bad.ToStatus("invalid proposed values");
    }

    const HlcTimestamp stamp = hlc_.Now();
    const TimePoint now = clock.Now();
    proposal.set_proposal_id(NewId(clock));
    proposal.set_customer_id(replica->customer_id());
    proposal.set_owner_region_id(replica->region_id());
    proposal.set_proposing_region_id(region);
    v1::Customer& patch = *proposal.mutable_patch();
    ApplyUpdateMask(request.customer(), paths, patch);
    patch.set_customer_id(replica->customer_id());
    for (int i = 0; i < patch.contact_points_size() && i < static_cast<int>(judged.points.size());
         ++i) {
      v1::ContactPoint* p = patch.mutable_contact_points(i);
      p->set_type(ToProto(judged.points[i].kind));
      p->set_normalized_value(judged.points[i].normalized);
      p->set_masked(false);
    }
    *proposal.mutable_update_mask() = request.update_mask();
    for (const std::string& path : paths) {
      (*proposal.mutable_field_hlc())[path] = grpcx::ToProtoHlc(stamp);
    }
    *proposal.mutable_proposer() = grpcx::ActorOf(who, region);
    proposal.set_call_id(request.context().call_id());
    proposal.set_campaign_id(request.context().campaign_id());
    proposal.set_reason(request.context().reason());
    proposal.set_state(v1::PROPOSAL_STATE_PENDING);
    *proposal.mutable_create_time() = grpcx::ToProtoTime(now);

    proposals_.Insert(tx, proposal, /*received=*/false);
    proposals_.SaveRequest(tx, request.request_id(), {fingerprint, proposal.proposal_id()});
    telemarketing::events::v1::CustomerUpdateProposal event;
    *event.mutable_proposal() = proposal;
    event.set_region_id(region);
    event.set_target_region_id(proposal.owner_region_id());
    *event.mutable_hlc() = grpcx::ToProtoHlc(stamp);
    events::AppendToOutbox(tx, events::MakeEvent(kProposalTopic, proposal.customer_id(),
                                                 "proposals/" + proposal.proposal_id(), event,
                                                 clock));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  Reveal(who, proposal);
  return absl::OkStatus();
}

absl::Status UpdateProposalApi::GetUpdateProposal(const auth::Principal& who,
                                                  const v1::GetUpdateProposalRequest& request,
                                                  v1::GetUpdateProposalResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), runtime_.context().region,
                                             "read update proposals");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.proposal_id(), "proposal_id", "proposal", v);
  if (!v.empty()) return v.ToStatus();
  std::optional<v1::UpdateProposal> found;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    found = proposals_.Find(tx, absl::AsciiStrToLower(request.proposal_id()));
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!found) {
    return absl::NotFoundError(absl::StrCat("update proposal ", request.proposal_id(),
                                            " not found"));
  }
  *response.mutable_update_proposal() = *std::move(found);
  Reveal(who, *response.mutable_update_proposal());
  return absl::OkStatus();
}

absl::Status UpdateProposalApi::ListUpdateProposals(const auth::Principal& who,
                                                    const v1::ListUpdateProposalsRequest& request,
                                                    v1::ListUpdateProposalsResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), runtime_.context().region,
                                             "list update proposals");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  if (request.page_size() < 0 || request.page_size() > 1000) {
    v.Add("page_size", "between 1 and 1000, or 0 for 100");
  }
  const int limit = request.page_size() == 0 ? 100 : request.page_size();
  if (!request.customer_id().empty()) {
    grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", v);
  }
  if (!v1::ProposalState_IsValid(request.state())) v.Add("state", "not a ProposalState");
  const std::string listing =
      absl::StrCat("proposals:", request.received(), ":", request.state(), ":",
                   absl::AsciiStrToLower(request.customer_id()));
  std::optional<std::string> after = grpcx::PageCursor(request.page_token(), listing, v);
  if (!v.empty()) return v.ToStatus();
  UpdateProposalStore::Filter filter{request.received(),
                                     absl::AsciiStrToLower(request.customer_id()),
                                     static_cast<int>(request.state())};
  std::vector<v1::UpdateProposal> page;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    page = proposals_.List(tx, filter, after.value_or(""), limit + 1);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  const bool more = static_cast<int>(page.size()) > limit;
  if (more) page.pop_back();
  if (more) {
    response.set_next_page_token(grpcx::NextPageToken(listing, page.back().proposal_id()));
  }
  for (v1::UpdateProposal& p : page) {
    Reveal(who, p);
    *response.add_proposals() = std::move(p);
  }
  return absl::OkStatus();
}

}  // namespace tmk::contacts
