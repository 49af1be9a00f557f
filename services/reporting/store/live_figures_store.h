#pragma once
// The day's and the last 30 days' figures per campaign and queue for the live floor (R20, R29),
// summed from the rollups in one query per refresh, whatever the number of subscribers.
#include <pqxx/pqxx>

#include <map>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/reporting/domain/call_measures.h"
#include "services/reporting/store/agent_projection_store.h"

namespace tmk::reporting {

struct LiveFigures {
  std::map<std::string, CallMeasures> campaign_today;
  std::map<std::string, CallMeasures> campaign_30d;
  std::map<std::string, CallMeasures> queue_today;
};

struct OpenCall {
  std::string call_id;
  std::string region_id;
  std::string campaign_id;
  std::string queue_id;
  std::string agent_id;
  bool connected = false;
  TimePoint since;
};

class LiveFiguresStore {
 public:
  LiveFigures Figures(pqxx::work& tx, TimePoint day_start, TimePoint now) const;
  std::vector<OpenCall> OpenCalls(pqxx::work& tx) const;
};

}  // namespace tmk::reporting
