#include "services/campaigns/api/campaign_rules_check.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>

#include "services/campaigns/api/contact_strategy_mapping.h"
#include "services/campaigns/api/forecast_mapping.h"
#include "services/campaigns/api/time_mapping.h"
#include "services/campaigns/domain/calling_windows.h"
#include "services/campaigns/domain/campaign_forecast.h"
#include "services/campaigns/domain/contact_strategy.h"
#include "services/campaigns/store/calling_windows_mapping.h"
#include "services/campaigns/store/duration_mapping.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

namespace {

std::string TimeZoneDirectory() {
  const char* dir = std::getenv("TZDIR");
  return dir && *dir ? dir : "/usr/share/zoneinfo";
}

// An IANA name is a relative path of letters, digits and "/_+-" ("America/Argentina/Buenos_Aires",
// "Etc/GMT+8"); the zone exists when the tz database has a TZif file of that name.
bool SystemTimeZoneKnown(const std::string& name) {
  if (name.empty() || name.front() == '/' || name.find("..") != std::string::npos) return false;
  for (char c : name) {
    bool allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '/' || c == '_' || c == '+' || c == '-';
    if (!allowed) return false;
  }
  std::ifstream file(TimeZoneDirectory() + "/" + name, std::ios::binary);
  char magic[4] = {};
  return file.read(magic, sizeof magic) && std::equal(magic, magic + 4, "TZif");
}

}  // namespace

bool TimeZoneDatabaseAvailable() { return SystemTimeZoneKnown("UTC"); }

void CheckCallingWindows(const v1::CampaignCallingWindows& windows, const v1::ContactPolicy& policy,
                         std::string_view field, Violations& violations) {
  campaigns::CheckCallingWindows(ToDomain(windows), ToDomain(policy), SystemTimeZoneKnown, field,
                                 violations);
}

bool IsDialable(const v1::CampaignCallingWindows& windows) {
  return campaigns::IsDialable(ToDomain(windows));
}

v1::CampaignCallingWindows WithWindowDefaults(v1::CampaignCallingWindows windows,
                                              const v1::ContactPolicy& policy) {
  const CampaignCallingWindows filled = campaigns::WithWindowDefaults(ToDomain(windows),
                                                                      ToDomain(policy));
  // The domain only appends: copy what it added after the given entries.
  const std::vector<CustomerKindWindow> added(filled.windows.begin() + windows.windows_size(),
                                              filled.windows.end());
  google::protobuf::RepeatedPtrField<v1::CustomerKindWindow> extra;
  ToProto(added, &extra);
  for (v1::CustomerKindWindow& w : extra) *windows.add_windows() = std::move(w);
  return windows;
}

void CheckContactStrategy(const v1::ContactStrategy& strategy, std::string_view field,
                          Violations& violations) {
  campaigns::CheckContactStrategy(ToDomain(strategy), field, violations);
}

v1::ContactStrategy WithStrategyDefaults(v1::ContactStrategy strategy) {
  const v1::ContactStrategy filled = ToProto(WithDefaults(ToDomain(strategy)));
  // The domain only appends rules and fills zero scalars: copy just that, so the given rules keep
  // their exact values (a duration's sub-millisecond part included).
  for (int i = strategy.cadence_rules_size(); i < filled.cadence_rules_size(); ++i) {
    *strategy.add_cadence_rules() = filled.cadence_rules(i);
  }
  for (int i = strategy.retry_rules_size(); i < filled.retry_rules_size(); ++i) {
    *strategy.add_retry_rules() = filled.retry_rules(i);
  }
  if (strategy.max_attempts() == 0) strategy.set_max_attempts(filled.max_attempts());
  if (ToMillis(strategy.after_sale_check_delay()).count() == 0) {
    *strategy.mutable_after_sale_check_delay() = filled.after_sale_check_delay();
  }
  if (ToMillis(strategy.callback_grace()).count() == 0) {
    *strategy.mutable_callback_grace() = filled.callback_grace();
  }
  return strategy;
}

void CheckEconomics(const v1::CampaignEconomics& economics, std::string_view field,
                    Violations& violations) {
  campaigns::CheckEconomics(ToDomain(economics), field, violations);
}

absl::StatusOr<v1::CampaignForecast> Forecast(const v1::Campaign& campaign,
                                              const v1::ForecastAssumptions& assumptions,
                                              const v1::ForecastConstraints& constraints,
                                              TimePoint now) {
  if (constraints.has_deadline() && !ToTimePoint(constraints.deadline())) {
    return InvalidField("constraints.deadline", "not a valid time");
  }
  TimePoint from = now;
  if (campaign.has_start_time()) {
    if (std::optional<TimePoint> start = ToTimePoint(campaign.start_time())) {
      from = std::max(from, *start);
    }
  }
  std::optional<TimePoint> end;
  if (campaign.has_end_time()) end = ToTimePoint(campaign.end_time());
  absl::StatusOr<CampaignForecast> forecast = ForecastCampaign(
      ToDomain(assumptions), ToDomain(constraints), ToDomain(campaign.economics()), from, end);
  if (!forecast.ok()) return forecast.status();
  return ToProto(*forecast, now);
}

}  // namespace tmk::campaigns
