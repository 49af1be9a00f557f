#include "services/common/events/cloud_events.h"

#include <chrono>
#include <cstdio>
#include <ctime>

#include "absl/strings/str_cat.h"

namespace tmk::events::ce {

std::string Source(std::string_view region, std::string_view service) {
  return absl::StrCat("//telemarketing/", std::string(region), "/", std::string(service));
}

std::string FormatTime(TimePoint time) {
  long long micros =
      std::chrono::duration_cast<std::chrono::microseconds>(time.time_since_epoch()).count();
  std::time_t secs = micros / 1000000;
  std::tm utc{};
  gmtime_r(&secs, &utc);
  char date[32];
  std::strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%S", &utc);
  char out[48];
  std::snprintf(out, sizeof out, "%s.%06lldZ", date, micros % 1000000);
  return out;
}

}  // namespace tmk::events::ce
