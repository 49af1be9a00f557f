#pragma once
// Reads a customer's timeline (R4), newest first, and records who read it (R6 audit norms).
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "services/common/core/clock.h"

namespace tmk::reporting {

struct TimelineRow {
  int kind = 0;
  TimePoint occur_time;
  std::string entry_key;
  std::string campaign_id;
  std::string agent_id;
  std::string call_id;
  std::string order_id;
  int direction = 0;
  int outcome = 0;
  std::string disposition_code;
  int stage = 0;
  int intention = 0;
  int64_t talk_ms = 0;
  std::string currency_code;
  std::string order_total;  // decimal text
  std::string summary;
  std::string region_id;
};

struct TimelineQuery {
  std::string customer_id;
  std::vector<int> kinds;  // empty: all
  TimePoint start;
  TimePoint end;
  // Page after this entry (newest first); empty for the first page.
  std::string after_time_micros;
  std::string after_key;
  int limit = 50;
};

class TimelineStore {
 public:
  std::vector<TimelineRow> Page(pqxx::work& tx, const TimelineQuery& query) const;
  void RecordAccess(pqxx::work& tx, const std::string& subject,
                    const std::string& customer_id) const;
};

}  // namespace tmk::reporting
