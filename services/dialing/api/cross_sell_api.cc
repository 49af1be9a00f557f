#include "services/dialing/api/cross_sell_api.h"

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/common/log/logger.h"
#include "services/dialing/api/call_offer_builder.h"
#include "services/dialing/api/held_call.h"
#include "services/dialing/api/lead_mapping.h"
#include "services/dialing/domain/cross_sell_lead.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

absl::StatusOr<LeadRow> CrossSellApi::TakeLead(pqxx::work& tx, const v1::Call& call,
                                               const std::string& campaign_id,
                                               const CrossSellChoice& choice,
                                               TimePoint now) const {
  CustomerLeads::Found lead = leads_.Find(
      tx, campaign_id, call.customer_id(),
      {NewId(runtime_.context().clock),
       call.contact_point_id().empty() ? choice.contact_point_id : call.contact_point_id(),
       choice.vip_tier},
      now);
  absl::StatusOr<LeadFacts> taken = TakeForCrossSell(lead.row.facts);
  if (!taken.ok()) return taken.status();
  lead.row.facts = *std::move(taken);
  if (absl::Status kept = leads_.Keep(tx, lead, now); !kept.ok()) return kept;
  return std::move(lead.row);
}

absl::Status CrossSellApi::OpenCrossSell(const auth::Principal& who,
                                         const v1::OpenCrossSellRequest& request,
                                         v1::OpenCrossSellResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, {auth::Role::kAgent}, runtime_.context().region,
                                             "open a cross-sell offer");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
  grpcx::CheckResourceId(request.call_id(), "call_id", "call", v);
  grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", v);
  grpcx::CheckRequestId(request.request_id(), v);
  if (!v.empty()) return v.ToStatus("invalid cross-sell");

  v1::Call call;
  bool opened = false;
  absl::Status done = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    opened = false;
    response.Clear();
    absl::StatusOr<CallRow> row =
        HeldConnectedCall(tx, who, request.session_id(), request.call_id());
    if (!row.ok()) return row.status();
    call = row->call;
    if (call.direction() != telemarketing::common::v1::CALL_DIRECTION_INBOUND) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "call ", call.call_id(), " is outbound: it has its campaign")),
                        "NOT_INBOUND");
    }
    if (call.campaign_id() == request.campaign_id()) {  // opened before: the same lead
      if (std::optional<LeadRow> lead = LeadStore().Find(tx, call.lead_id())) {
        *response.mutable_lead() = ToProto(*lead);
      }
      return absl::OkStatus();
    }
    if (!call.campaign_id().empty()) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "call ", call.call_id(), " already offers campaign ",
                            call.campaign_id())),
                        "CROSS_SELL_ALREADY_OPEN");
    }
    const TimePoint now = runtime_.context().clock.Now();
    absl::StatusOr<CrossSellChoice> choice = offers_.Check(tx, call, request.campaign_id(), now);
    if (!choice.ok()) return choice.status();
    absl::StatusOr<LeadRow> lead = TakeLead(tx, call, request.campaign_id(), *choice, now);
    if (!lead.ok()) return lead.status();
    row->call.set_campaign_id(request.campaign_id());
    row->call.set_lead_id(lead->facts.lead_id);
    calls_.UpdateWithCampaign(tx, *row);
    call = row->call;
    *response.mutable_lead() = ToProto(*lead);
    opened = true;
    return absl::OkStatus();
  });
  if (!done.ok()) return done;

  absl::StatusOr<telemarketing::campaigns::v1::RenderedScript> rendered =
      scripts_.Render(who, request.campaign_id(), call.customer_id());
  if (rendered.ok()) {
    *response.mutable_script() = ToDesktopScript(*rendered);
  } else {
    // The offer stands without its script rather than fail an opened cross-sell.
    log::Warn("cross-sell without the script",
              {{"call_id", call.call_id()}, {"error", std::string(rendered.status().message())}});
  }
  if (opened && desktops_ != nullptr) {
    desktops_->Publish({DesktopNotice::Kind::kOffered, request.session_id(), call.call_id()});
  }
  return absl::OkStatus();
}

}  // namespace tmk::dialing
