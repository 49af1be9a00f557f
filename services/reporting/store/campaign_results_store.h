#pragma once
// Reads a campaign's sales projection for its results (R27): funnel, intention classes and their
// movement, orders and revenue, attempts per order, per pilot variant ("" is the whole campaign
// when summed by the caller).
#include <pqxx/pqxx>

#include <map>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/reporting/domain/campaign_sales.h"

namespace tmk::reporting {

class CampaignResultsStore {
 public:
  // Keyed by variant id ("" for leads outside a pilot variant).
  std::map<std::string, VariantSales> Sales(pqxx::work& tx, const std::string& campaign_id,
                                            TimePoint start, TimePoint end) const;
  int64_t LeadsLoaded(pqxx::work& tx, const std::string& campaign_id, TimePoint start,
                      TimePoint end) const;
  // The first and last bucket with any call of the campaign; none without calls.
  bool ActiveRange(pqxx::work& tx, const std::string& campaign_id, TimePoint& first,
                   TimePoint& last) const;
};

}  // namespace tmk::reporting
