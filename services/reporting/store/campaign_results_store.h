#pragma once
// Reads a campaign's sales projection for its results (R27): funnel, intention classes and their
// movement, orders and revenue, attempts per order, per pilot variant ("" is the whole campaign
// when summed by the caller).
#include <pqxx/pqxx>

#include <map>
#include <string>
#include <vector>

#include "services/common/core/clock.h"

namespace tmk::reporting {

struct VariantSales {
  // Stage number -> leads that ever entered it / are in it now.
  std::map<int, int64_t> stage_entered;
  std::map<int, int64_t> stage_current;
  // Leads the dialer counted a contact with, wrapped up in the period.
  int64_t leads_reached = 0;
  // Current intention class -> leads.
  std::map<int, int64_t> intention_current;
  // (from, to) -> moves in the period.
  std::map<std::pair<int, int>, int64_t> intention_moves;
  // First class -> (attempts, contacts) of each order.
  std::map<int, std::vector<std::pair<int, int>>> orders_by_first_class;
  int64_t orders = 0;  // not cancelled, created in the period
  double revenue = 0;  // their totals
  std::string currency_code;
};

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
