#include "services/dialing/runtime/preview_dealer.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "services/common/log/logger.h"
#include "services/dialing/store/campaign_runtime_store.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

void PreviewDealer::Deal(const v1::CampaignRuntime& runtime) {
  const std::chrono::milliseconds timeout(
      google::protobuf::util::TimeUtil::DurationToMilliseconds(runtime.preview_timeout()));
  std::vector<PreviewRow> offered;
  absl::Status dealt = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    offered.clear();
    if (int back = previews_.ReturnOrphans(tx); back > 0) {
      log::Info("previews of ended sessions given back", {{"leads", std::to_string(back)}});
    }
    AgentSessionStore::Filter ready;
    ready.campaign_id = runtime.campaign_id();
    ready.states = {2};  // READY
    for (const v1::AgentSession& s : sessions_.List(tx, ready, "", 1000)) {
      absl::StatusOr<std::optional<PreviewRow>> p =
          previews_.Offer(tx, s, runtime.campaign_id(), timeout);
      if (!p.ok()) return p.status();
      if (!*p) break;  // the hopper is dry for now; the filler tops it up
      offered.push_back(**p);
    }
    return absl::OkStatus();
  });
  if (!dealt.ok()) {
    log::Error("previews not offered", {{"campaign_id", runtime.campaign_id()},
                                        {"error", std::string(dealt.message())}});
    return;
  }
  for (const PreviewRow& p : offered) {
    if (desktops_ != nullptr) {
      desktops_->Publish({DesktopNotice::Kind::kPreviewed, p.session_id, p.call_id});
    }
    Arm(p, runtime.caller_id_number());
  }
}

void PreviewDealer::Resume() {
  std::vector<std::pair<PreviewRow, std::string>> held;
  (void)pool_.Transact([&](pqxx::work& tx) {
    held.clear();
    CampaignRuntimeStore runtimes;
    for (PreviewRow& p : store_.List(tx)) {
      std::optional<v1::CampaignRuntime> r = runtimes.Find(tx, p.campaign_id);
      held.emplace_back(std::move(p), r ? r->caller_id_number() : std::string());
    }
    return absl::OkStatus();
  });
  for (const auto& [p, number] : held) Arm(p, number);
}

void PreviewDealer::Arm(const PreviewRow& preview, const std::string& presented_number) {
  if (!preview.auto_dial_time) return;
  scheduler_.At(*preview.auto_dial_time,
                [this, session = preview.session_id, call = preview.call_id, presented_number] {
                  AutoDial(session, call, presented_number);
                });
}

void PreviewDealer::AutoDial(const std::string& session_id, const std::string& call_id,
                             const std::string& presented_number) {
  PreviewDialing dialing;
  absl::Status placed = pool_.Transact([&](pqxx::work& tx) -> absl::Status {
    dialing = {};
    std::optional<PreviewRow> p = store_.FindBySession(tx, session_id, /*for_update=*/true);
    // Dialed or skipped by the agent meanwhile: nothing to do.
    if (!p || p->call_id != call_id) return absl::OkStatus();
    absl::StatusOr<PreviewDialing> dialed =
        previews_.Dial(tx, session_id, p->lead_id, presented_number);
    if (!dialed.ok()) return dialed.status();
    dialing = *std::move(dialed);
    return absl::OkStatus();
  });
  if (!placed.ok()) {
    log::Error("preview not auto-dialed",
               {{"call_id", call_id}, {"error", std::string(placed.message())}});
    return;
  }
  if (dialing.refused) {
    // The lead is held with its reason and the agent READY: the next deal offers another.
    log::Info("auto-dial of a preview refused by compliance",
              {{"call_id", call_id},
               {"reason", std::string(DescribeBlock(dialing.refused->reason))}});
    return;
  }
  if (!dialing.call) return;
  log::Info("preview auto-dialed after its timeout", {{"call_id", call_id}});
  if (absl::Status dialed = dial_(dialing.call->call); !dialed.ok()) {
    log::Error("auto-dialed preview not placed",
               {{"call_id", call_id}, {"error", std::string(dialed.message())}});
  }
}

}  // namespace tmk::dialing
