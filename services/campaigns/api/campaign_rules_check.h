#pragma once
// The campaign-level rules of this slice at the proto level, for the campaign handlers: calling
// windows inside the region's legal bounds (R10, R20), the contact strategy and its defaults (R12,
// R13, R17), economics and the forecast (R15, R16). Each maps to the domain and back; the rules
// themselves are in domain/calling_windows.h, contact_strategy.h and campaign_forecast.h.
#include <string_view>

#include "absl/status/statusor.h"
#include "services/common/core/clock.h"
#include "services/common/core/status_details.h"
#include "telemarketing/campaigns/v1/cadence.pb.h"
#include "telemarketing/campaigns/v1/calling_windows.pb.h"
#include "telemarketing/campaigns/v1/campaign.pb.h"
#include "telemarketing/campaigns/v1/economics.pb.h"

namespace tmk::campaigns {

// Every problem of the windows under `field` (e.g. "campaign.calling_windows"), the fallback time
// zone checked against the system tz database ($TZDIR or /usr/share/zoneinfo).
void CheckCallingWindows(const telemarketing::campaigns::v1::CampaignCallingWindows& windows,
                         const telemarketing::campaigns::v1::ContactPolicy& policy,
                         std::string_view field, Violations& violations);

// Whether the system tz database the time-zone check reads is there (the runtime image needs the
// tzdata package): without it every zone would be refused, so the module should not start.
bool TimeZoneDatabaseAvailable();

// Whether dialing can use the windows: a weekly range and a fallback time zone (readiness for
// PILOT and ACTIVE; see IsDialable in domain/calling_windows.h).
bool IsDialable(const telemarketing::campaigns::v1::CampaignCallingWindows& windows);

// The policy's default windows for each customer kind the campaign has no entry for; the given
// entries are returned untouched.
telemarketing::campaigns::v1::CampaignCallingWindows WithWindowDefaults(
    telemarketing::campaigns::v1::CampaignCallingWindows windows,
    const telemarketing::campaigns::v1::ContactPolicy& policy);

// Every problem of the strategy under `field` (e.g. "campaign.contact_strategy").
void CheckContactStrategy(const telemarketing::campaigns::v1::ContactStrategy& strategy,
                          std::string_view field, Violations& violations);

// The R12/R17 defaults for every intention class and outcome without a rule (appended) and every
// zero scalar; the given rules are returned untouched.
telemarketing::campaigns::v1::ContactStrategy WithStrategyDefaults(
    telemarketing::campaigns::v1::ContactStrategy strategy);

// Amounts well formed, not negative, in one currency, under `field` (e.g. "campaign.economics").
void CheckEconomics(const telemarketing::campaigns::v1::CampaignEconomics& economics,
                    std::string_view field, Violations& violations);

// The forecast of the campaign (R16) from now, or from its start_time when that is later, until
// the deadline or its end_time: INVALID_ARGUMENT with "assumptions.*" / "constraints.*" field
// violations, FAILED_PRECONDITION "no measured rates for basis ..." for a PILOT or HISTORY basis
// with rates left at zero (reason NO_MEASURED_RATES) or invalid stored economics; see
// domain/campaign_forecast.h for the model.
absl::StatusOr<telemarketing::campaigns::v1::CampaignForecast> Forecast(
    const telemarketing::campaigns::v1::Campaign& campaign,
    const telemarketing::campaigns::v1::ForecastAssumptions& assumptions,
    const telemarketing::campaigns::v1::ForecastConstraints& constraints, TimePoint now);

}  // namespace tmk::campaigns
