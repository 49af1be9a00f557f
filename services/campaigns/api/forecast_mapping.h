#pragma once
// telemarketing.campaigns.v1 forecast messages (economics.proto) <-> the domain's
// (domain/campaign_forecast.h).
#include "services/campaigns/domain/campaign_forecast.h"
#include "telemarketing/campaigns/v1/economics.pb.h"

namespace tmk::campaigns {

ForecastAssumptions ToDomain(const telemarketing::campaigns::v1::ForecastAssumptions& assumptions);
// A deadline TimePoint cannot hold is left unset (check it with ToTimePoint first).
ForecastConstraints ToDomain(const telemarketing::campaigns::v1::ForecastConstraints& constraints);
CampaignEconomics ToDomain(const telemarketing::campaigns::v1::CampaignEconomics& economics);

telemarketing::campaigns::v1::CampaignForecast ToProto(const CampaignForecast& forecast,
                                                       TimePoint forecast_time);

}  // namespace tmk::campaigns
