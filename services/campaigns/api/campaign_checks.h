#pragma once
// Validation of a campaign's editable fields (R7, R10, R12, R13, R14, R16), reporting every
// problem with its field path. Window and strategy rules come from campaign_rules_check.h, pilot
// rules from domain/pilot_plan.h; this file only walks the Campaign message.
#include <string_view>

#include <google/protobuf/field_mask.pb.h>

#include "services/campaigns/domain/pilot_plan.h"
#include "services/common/core/status_details.h"
#include "telemarketing/campaigns/v1/calling_windows.pb.h"
#include "telemarketing/campaigns/v1/campaign.pb.h"

namespace tmk::campaigns {

// Top-level Campaign fields a client may set (create) or name in an update mask.
bool IsEditableCampaignField(std::string_view field);
// The same fields as a mask: what CreateCampaign takes from the request (AIP-203).
google::protobuf::FieldMask EditableCampaignFields();

// Windows are checked against the region's legal bounds only when `check_windows`: an update that
// leaves them alone is not refused because the bounds narrowed since (readiness reports that).
void CheckCampaignFields(const telemarketing::campaigns::v1::Campaign& campaign,
                         const telemarketing::campaigns::v1::ContactPolicy& policy,
                         bool check_windows, std::string_view field, Violations& violations);

PilotPlanSpec ToPilotPlanSpec(const telemarketing::campaigns::v1::PilotPlan& plan);

}  // namespace tmk::campaigns
