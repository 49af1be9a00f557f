#include "services/dialing/api/call_offer_builder.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/log/logger.h"
#include "services/dialing/api/campaign_wrap_up_rules.h"
#include "services/dialing/api/lead_mapping.h"
#include "services/dialing/api/service_call_wrap_up.h"
#include "services/dialing/store/preview_store.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;
namespace cv1 = telemarketing::campaigns::v1;

namespace {

constexpr int kHistory = 20;

v1::CustomerCard CardOf(const telemarketing::contacts::v1::Customer& c,
                        const std::string& contact_point_id) {
  v1::CustomerCard card;
  card.set_customer_id(c.customer_id());
  card.set_display_name(c.display_name());
  card.set_customer_kind(c.kind());
  card.set_vip_tier(telemarketing::contacts::v1::VipTier_Name(c.vip_tier()));
  card.set_owning_region_id(c.region_id());
  for (const auto& point : c.contact_points()) {
    if (point.contact_point_id() == contact_point_id) card.set_masked_phone(point.value());
  }
  return card;
}

}  // namespace

v1::DesktopScript ToDesktopScript(const cv1::RenderedScript& rendered) {
  const cv1::ScriptVersion& s = rendered.content();
  v1::DesktopScript out;
  out.set_script_id(s.script_id());
  out.set_script_version(s.version());
  out.set_start_node_id(s.start_node_id());
  for (const cv1::ScriptNode& node : s.nodes()) {
    v1::ScriptStep* step = out.add_steps();
    step->set_node_id(node.node_id());
    step->set_title(node.title());
    if (node.has_text()) {
      step->set_kind(v1::SCRIPT_STEP_KIND_TEXT);
      step->set_text(node.text().text());
      step->set_next_node_id(node.text().next_node_id());
    } else if (node.has_question()) {
      step->set_kind(v1::SCRIPT_STEP_KIND_QUESTION);
      step->set_text(node.question().prompt());
      step->set_allow_free_text(node.question().allow_free_text());
      for (const cv1::AnswerOption& o : node.question().options()) {
        v1::ScriptStepOption* option = step->add_options();
        option->set_option_id(o.option_id());
        option->set_label(o.label());
        option->set_next_node_id(o.next_node_id());
        option->set_suggested_intention(o.suggested_intention());
      }
    } else if (node.has_compliance()) {
      step->set_kind(v1::SCRIPT_STEP_KIND_COMPLIANCE);
      step->set_text(node.compliance().text());
      step->set_mandatory(node.compliance().mandatory());
      step->set_next_node_id(node.compliance().next_node_id());
    } else if (node.has_close()) {
      step->set_kind(v1::SCRIPT_STEP_KIND_CLOSE);
      step->set_text(node.close().text());
      step->set_suggested_disposition_code(node.close().suggested_disposition_code());
    }
  }
  for (const cv1::ObjectionHandler& h : s.objection_handlers()) {
    v1::ScriptObjection* o = out.add_objections();
    o->set_objection_id(h.objection_id());
    o->set_label(h.label());
    o->set_response_text(h.response_text());
    o->set_return_node_id(h.return_node_id());
  }
  return out;
}

absl::StatusOr<v1::CallOffer> CallOfferBuilder::Build(const auth::Principal& who,
                                                      const std::string& call_id) const {
  v1::CallOffer offer;
  absl::Status read = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    offer.Clear();
    std::optional<CallRow> row = calls_.Find(tx, call_id);
    if (!row) return absl::NotFoundError(absl::StrCat("call ", call_id, " not found"));
    *offer.mutable_call() = row->call;
    // An inbound service call has no lead until a cross-sell attaches one (R18).
    if (!row->call.lead_id().empty()) {
      if (std::optional<LeadRow> lead = leads_.Find(tx, row->call.lead_id())) {
        *offer.mutable_lead() = ToProto(*lead);
      }
    }
    History(tx, row->call.customer_id(), call_id, *offer.mutable_history());
    absl::StatusOr<CampaignWrapUpRules> rules =
        LoadWrapUpRules(tx, campaigns_, row->call.campaign_id());
    if (row->call.campaign_id().empty()) {  // an inbound service call (R18)
      const std::vector<v1::DispositionChoice> service = ServiceDispositionChoices();
      *offer.mutable_dispositions() = {service.begin(), service.end()};
      // As of the moment the agent took the call.
      const TimePoint taken = grpcx::FromProtoTime(row->call.has_agent_connect_time()
                                                       ? row->call.agent_connect_time()
                                                       : row->call.create_time());
      const std::vector<v1::CrossSellOffer> offers = cross_sells_.For(tx, row->call, taken);
      *offer.mutable_cross_sell_offers() = {offers.begin(), offers.end()};
    } else if (rules.ok()) {
      for (const cv1::Disposition& d : rules->snapshot.disposition_set().dispositions()) {
        if (d.retired()) continue;
        v1::DispositionChoice* choice = offer.add_dispositions();
        choice->set_code(d.code());
        choice->set_display_name(d.display_name());
        choice->set_requires_callback_time(d.effect() == cv1::SCHEDULING_EFFECT_CALLBACK);
        choice->set_requires_order(d.requires_order());
        choice->set_requires_feedback(d.requires_feedback());
      }
    }
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  Decorate(who, call_id, offer.call().campaign_id(), offer.call().customer_id(),
           offer.call().contact_point_id(), *offer.mutable_customer(), *offer.mutable_script());
  return offer;
}

void CallOfferBuilder::History(
    pqxx::work& tx, const std::string& customer_id, const std::string& except_call_id,
    google::protobuf::RepeatedPtrField<v1::LeadHistoryEntry>& history) const {
  // An unknown inbound caller has no history; an empty filter would be everyone's calls (R6).
  if (customer_id.empty()) return;
  CallFilter earlier;
  earlier.customer_id = customer_id;
  for (const v1::Call& c : calls_.List(tx, earlier, kHistory + 1, "")) {
    if (c.call_id() == except_call_id || history.size() == kHistory) continue;
    v1::LeadHistoryEntry* h = history.Add();
    h->set_call_id(c.call_id());
    h->set_campaign_id(c.campaign_id());
    *h->mutable_start_time() = c.create_time();
    h->set_outcome(c.outcome());
    h->set_disposition_code(c.disposition_code());
  }
}

void CallOfferBuilder::Decorate(const auth::Principal& who, const std::string& call_id,
                                const std::string& campaign_id, const std::string& customer_id,
                                const std::string& contact_point_id, v1::CustomerCard& card,
                                v1::DesktopScript& script) const {
  // An unknown inbound caller has no card to ask contacts for (R18).
  if (!customer_id.empty()) {
    absl::StatusOr<telemarketing::contacts::v1::Customer> customer =
        customers_.GetCustomer(who, customer_id);
    if (customer.ok()) {
      card = CardOf(*customer, contact_point_id);
    } else {
      log::Warn("offer without the customer card",
                {{"call_id", call_id}, {"error", std::string(customer.status().message())}});
    }
  }
  if (campaign_id.empty()) return;  // a service call has no script until a cross-sell (R18)
  absl::StatusOr<cv1::RenderedScript> rendered = scripts_.Render(who, campaign_id, customer_id);
  if (rendered.ok()) {
    script = ToDesktopScript(*rendered);
  } else {
    log::Warn("offer without the script",
              {{"call_id", call_id}, {"error", std::string(rendered.status().message())}});
  }
}

absl::StatusOr<v1::PreviewOffer> CallOfferBuilder::BuildPreview(
    const auth::Principal& who, const std::string& session_id) const {
  v1::PreviewOffer offer;
  std::optional<PreviewRow> preview;
  absl::Status read = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    offer.Clear();
    preview = PreviewStore().FindBySession(tx, session_id);
    if (!preview) {
      return absl::NotFoundError(absl::StrCat("session ", session_id, " holds no preview"));
    }
    if (std::optional<LeadRow> lead = leads_.Find(tx, preview->lead_id)) {
      *offer.mutable_lead() = ToProto(*lead);
    }
    History(tx, preview->customer_id, "", *offer.mutable_history());
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  if (preview->auto_dial_time) {
    *offer.mutable_auto_dial_after() = google::protobuf::util::TimeUtil::MillisecondsToDuration(
        std::chrono::duration_cast<std::chrono::milliseconds>(*preview->auto_dial_time -
                                                              preview->offer_time)
            .count());
  }
  Decorate(who, preview->call_id, preview->campaign_id, preview->customer_id,
           preview->contact_point_id, *offer.mutable_customer(), *offer.mutable_script());
  return offer;
}

}  // namespace tmk::dialing
