#pragma once
// When a campaign may call (R10) inside the region's hard rules (R20): weekly windows per customer
// kind, holidays, a fallback time zone, all bounded by ContactPolicy.legal_bounds. Mirrors
// telemarketing.campaigns.v1 calling_windows.proto; evaluated in the customer's local time.
#include <chrono>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "services/campaigns/domain/sales_vocabulary.h"
#include "services/common/calendar/calling_calendar.h"
#include "services/common/calendar/holiday.h"
#include "services/common/calendar/weekly_window.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {

struct CustomerKindWindow {
  CustomerKind customer_kind = CustomerKind::kUnspecified;
  // Empty: customers of this kind are never called by the campaign.
  std::vector<calendar::WeeklyWindow> weekly;
};

struct CampaignCallingWindows {
  std::vector<CustomerKindWindow> windows;
  std::string fallback_time_zone;
  std::vector<calendar::Holiday> holidays;
};

// Per-customer caps across all campaigns of the region (R20); zero means no limit.
struct FrequencyCap {
  int max_calls_per_day = 0;
  int max_calls_per_week = 0;
  int max_calls_per_30_days = 0;
  std::chrono::milliseconds min_gap{0};
  int max_contacts_per_30_days = 0;
};

// The region's hard rules (R10, R20): no campaign setting can exceed them.
struct ContactPolicy {
  std::vector<calendar::WeeklyWindow> legal_bounds;
  std::vector<calendar::Holiday> holidays;
  FrequencyCap frequency_cap;
  std::vector<CustomerKindWindow> default_windows;
};

// R10 defaults: consumers Mon-Fri 18:30-21:00 and Sat-Sun 10:00-20:00; businesses Mon-Fri
// 09:00-12:00 and 14:00-17:30.
std::vector<CustomerKindWindow> DefaultCustomerWindows();
// R20 default legal calling hours: every day 08:00-21:00.
std::vector<calendar::WeeklyWindow> DefaultLegalBounds();

// Whether an IANA time zone name is known (the system tz database in production; a fixed set in
// tests, so domain tests need no files).
using TimeZoneKnown = std::function<bool(const std::string& name)>;

// Every problem of a campaign's windows, with field paths under `field` (e.g.
// "campaign.calling_windows"): customer kinds known and not repeated; weekly windows valid and
// non-overlapping (CheckWeeklyWindows); a fallback time zone, when set, known to the tz database;
// valid holidays; and everything inside the policy's legal bounds (CheckWithinLegalBounds).
// An empty fallback zone is a draft's gap, not an error: IsDialable says when windows are complete.
void CheckCallingWindows(const CampaignCallingWindows& windows, const ContactPolicy& policy,
                         const TimeZoneKnown& time_zone_known, std::string_view field,
                         Violations& violations);

// Only the R20 containment: each valid weekly range lies inside the legal bounds on each of its
// days — a range partly outside is refused, never clipped — and each valid campaign-holiday range
// inside what is legal on that date (the region's holiday ranges when the date is a region
// holiday, else the legal bounds of its weekday). Used when the policy changes under live
// campaigns too.
void CheckWithinLegalBounds(const CampaignCallingWindows& windows, const ContactPolicy& policy,
                            std::string_view field, Violations& violations);

// Each valid weekly range of the kinds' windows lies inside `legal` on each of its days; under
// "<field>[i].weekly[j].ranges[k]".
void CheckKindWindowsWithin(const std::vector<CustomerKindWindow>& windows,
                            const calendar::WeekSchedule& legal, std::string_view field,
                            Violations& violations);

// Customer kinds known and unique, and each kind's weekly windows valid; under
// "<field>[i].customer_kind" and "<field>[i].weekly...". Shared by campaigns and policy defaults.
void CheckKindWindows(const std::vector<CustomerKindWindow>& windows, std::string_view field,
                      Violations& violations);

// Whether dialing can evaluate the windows for every customer (R10, R20): some weekly range to call
// in, and a fallback time zone for customers whose own zone is unknown — without it such a customer
// could be called at night. PILOT and ACTIVE need it (campaign readiness).
bool IsDialable(const CampaignCallingWindows& windows);

// Gives every customer kind the campaign has no entry for the policy's default windows (which
// WithPolicyDefaults keeps inside the legal bounds). An entry with no weekly windows is kept: it
// means that kind is not called.
CampaignCallingWindows WithWindowDefaults(CampaignCallingWindows windows,
                                          const ContactPolicy& policy);

// The calendars that must all allow a call to a customer of `kind` (calendar::IsCallableAt,
// calendar::NextCallableTime): the region's legal bounds with its holidays, and the kind's windows
// with the campaign's holidays. A customer of unspecified kind gets the windows of every kind the
// campaign has, so each must allow; a kind without an entry, or no kinds at all, gets an empty
// calendar that never allows. Dialing evaluates campaigns' rule through this.
std::vector<calendar::CallingCalendar> CallingCalendarsFor(const CampaignCallingWindows& windows,
                                                           const ContactPolicy& policy,
                                                           CustomerKind kind);

// A campaign may call a customer of `kind` at that local date and time when every calendar of
// CallingCalendarsFor allows it.
bool IsCampaignCallableAt(const CampaignCallingWindows& windows, const ContactPolicy& policy,
                          CustomerKind kind, const calendar::LocalDate& date,
                          calendar::LocalTime time);

}  // namespace tmk::campaigns
