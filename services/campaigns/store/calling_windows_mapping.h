#pragma once
// telemarketing.campaigns.v1 calling windows and contact policy <-> their domain types
// (domain/calling_windows.h). Here rather than in api/ because ContactPolicyStore answers the
// domain's default policy as a proto. Enum values are copied as numbers (they are equal by
// construction), so out-of-range values reach the domain checks instead of vanishing.
#include "services/campaigns/domain/calling_windows.h"
#include "telemarketing/campaigns/v1/calling_windows.pb.h"
#include "telemarketing/common/v1/schedule.pb.h"

namespace tmk::campaigns {

std::vector<calendar::WeeklyWindow> ToDomain(
    const google::protobuf::RepeatedPtrField<telemarketing::common::v1::WeeklyWindow>& weekly);
std::vector<calendar::Holiday> ToDomain(
    const google::protobuf::RepeatedPtrField<telemarketing::common::v1::Holiday>& holidays);
std::vector<CustomerKindWindow> ToDomain(
    const google::protobuf::RepeatedPtrField<telemarketing::campaigns::v1::CustomerKindWindow>&
        windows);
CampaignCallingWindows ToDomain(
    const telemarketing::campaigns::v1::CampaignCallingWindows& windows);
ContactPolicy ToDomain(const telemarketing::campaigns::v1::ContactPolicy& policy);

void ToProto(const std::vector<calendar::WeeklyWindow>& weekly,
             google::protobuf::RepeatedPtrField<telemarketing::common::v1::WeeklyWindow>* out);
void ToProto(const std::vector<CustomerKindWindow>& windows,
             google::protobuf::RepeatedPtrField<telemarketing::campaigns::v1::CustomerKindWindow>*
                 out);
void ToProto(const std::vector<calendar::Holiday>& holidays,
             google::protobuf::RepeatedPtrField<telemarketing::common::v1::Holiday>* out);
// Sets the policy's rules; region_id and revision are the store's.
void ToProto(const ContactPolicy& policy, telemarketing::campaigns::v1::ContactPolicy* out);

}  // namespace tmk::campaigns
