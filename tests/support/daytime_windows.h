#pragma once
// Calling windows open every day 08:00-21:00 (R10, R20): what test campaigns and contact policies
// call in, so that a floor at any daytime hour may dial whatever the weekday.
#include <string>

#include "telemarketing/campaigns/v1/calling_windows.pb.h"
#include "telemarketing/common/v1/schedule.pb.h"

namespace tmk::testing {

// Every day of the week, 08:00-21:00.
inline void EveryDaytime(telemarketing::common::v1::WeeklyWindow& weekly) {
  for (int day = 1; day <= 7; ++day) {
    weekly.add_days(static_cast<telemarketing::common::v1::DayOfWeek>(day));
  }
  auto* range = weekly.add_ranges();
  range->mutable_start()->set_hours(8);
  range->mutable_end()->set_hours(21);
}

// Consumers and businesses both called every day 08:00-21:00, in `fallback_zone` for customers
// with no time zone of their own.
inline void CallEveryDaytime(telemarketing::campaigns::v1::CampaignCallingWindows& windows,
                             const std::string& fallback_zone) {
  windows.set_fallback_time_zone(fallback_zone);
  for (auto kind : {telemarketing::common::v1::CUSTOMER_KIND_B2C,
                    telemarketing::common::v1::CUSTOMER_KIND_B2B}) {
    auto* w = windows.add_windows();
    w->set_customer_kind(kind);
    EveryDaytime(*w->add_weekly());
  }
}

}  // namespace tmk::testing
