#pragma once
// Why a campaign's leads wait (R10, R17, R20): the reason most of its held leads wait for, for the dialer's
// OUTSIDE_WINDOW state. The only place with this SQL.
#include <pqxx/pqxx>

#include <optional>
#include <string>

#include "services/common/core/clock.h"
#include "services/dialing/domain/hopper_block_reason.h"

namespace tmk::dialing {

class LeadWaitStore {
 public:
  // The reason most of the campaign's open leads (new, scheduled or callback) the hopper held are
  // held for at `now`; nothing when none is held. Leads merely scheduled for later do not count.
  std::optional<HopperBlockReason> CommonHoldReason(pqxx::work& tx,
                                                    const std::string& campaign_id,
                                                    TimePoint now) const;
};

}  // namespace tmk::dialing
