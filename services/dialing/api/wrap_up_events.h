#pragma once
// The wrap-up's events beside the call's own (R12, R13, R22, R27): OrderCaptured on tm.orders.v1
// (key = order id) for fulfilment, ProductFeedbackRecorded on tm.feedback.v1 (key = customer id)
// for the product team. Appended in the wrap-up's transaction (outbox).
#include <pqxx/pqxx>

#include <string>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "telemarketing/dialing/v1/call.pb.h"
#include "telemarketing/dialing/v1/order.pb.h"
#include "telemarketing/dialing/v1/wrap_up.pb.h"

namespace tmk::dialing {

class WrapUpEvents {
 public:
  WrapUpEvents(std::string region, const Clock& clock, HybridLogicalClock& hlc)
      : region_(std::move(region)), clock_(clock), hlc_(hlc) {}

  void OrderCaptured(pqxx::work& tx, const telemarketing::dialing::v1::Order& order) const;
  // `campaign_type` and `intention_class` are telemarketing.common.v1 values.
  void FeedbackRecorded(pqxx::work& tx, const telemarketing::dialing::v1::Call& call,
                        int campaign_type, int intention_class,
                        const telemarketing::dialing::v1::ProductFeedback& feedback) const;

 private:
  std::string region_;
  const Clock& clock_;
  HybridLogicalClock& hlc_;
};

}  // namespace tmk::dialing
