#include "services/dialing/runtime/campaign_state_recorder.h"

#include "services/common/grpc/proto_conversions.h"
#include "services/common/log/logger.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

bool IsDialing(v1::DialingState state) {
  return state == v1::DIALING_STATE_RUNNING || state == v1::DIALING_STATE_OUTSIDE_WINDOW ||
         state == v1::DIALING_STATE_COMPLIANCE_HOLD;
}

void CampaignStateRecorder::Observe(const std::string& campaign_id, bool compliance_hold,
                                    bool wanted, bool dry) {
  if (events_ == nullptr) return;
  if (compliance_hold) return Record(campaign_id, v1::DIALING_STATE_COMPLIANCE_HOLD);
  if (!wanted) {
    // Pacing asked for nothing (no free agent): a lifted hold is news, a window is not known.
    auto last = last_.find(campaign_id);
    if (last != last_.end() && last->second == v1::DIALING_STATE_COMPLIANCE_HOLD) {
      Record(campaign_id, v1::DIALING_STATE_RUNNING);
    }
    return;
  }
  if (!dry) return Record(campaign_id, v1::DIALING_STATE_RUNNING);
  std::optional<HopperBlockReason> wait;
  if (!pool_.Transact([&](pqxx::work& tx) {
             wait = waits_.CommonHoldReason(tx, campaign_id, clock_.Now());
             return absl::OkStatus();
           }).ok()) {
    return;
  }
  const bool window = wait == HopperBlockReason::kOutsideCallingWindow ||
                      wait == HopperBlockReason::kHoliday;
  Record(campaign_id, window ? v1::DIALING_STATE_OUTSIDE_WINDOW : v1::DIALING_STATE_RUNNING);
}

void CampaignStateRecorder::Record(const std::string& campaign_id, v1::DialingState state) {
  auto last = last_.find(campaign_id);
  if (last != last_.end() && last->second == state) return;
  absl::Status stored = pool_.Transact([&](pqxx::work& tx) {
    std::optional<v1::CampaignRuntime> r = runtimes_.Find(tx, campaign_id, /*for_update=*/true);
    // Stopped by a supervisor meanwhile: their word stands (R17).
    if (!r || !IsDialing(r->dialing_state()) || r->dialing_state() == state) {
      return absl::OkStatus();
    }
    r->set_dialing_state(state);
    r->set_revision(r->revision() + 1);
    *r->mutable_update_time() = grpcx::ToProtoTime(clock_.Now());
    runtimes_.Put(tx, *r);
    events_->Changed(tx, *r);
    return absl::OkStatus();
  });
  if (!stored.ok()) {
    log::Error("campaign dialing state not recorded",
               {{"campaign_id", campaign_id}, {"error", std::string(stored.message())}});
    return;
  }
  last_[campaign_id] = state;
  log::Info("campaign dialing state",
            {{"campaign_id", campaign_id}, {"state", v1::DialingState_Name(state)}});
}

}  // namespace tmk::dialing
