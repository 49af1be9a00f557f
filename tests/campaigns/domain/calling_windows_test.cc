// Calling windows and the region's contact policy (R10, R20): campaign windows are refused outside
// the legal bounds, defaults follow R10 and stay inside the bounds, and holidays override weekly
// windows when deciding whether a customer may be called; each customer kind gets the calendars
// dialing evaluates.
#include "services/campaigns/domain/calling_windows.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <set>

#include "services/campaigns/domain/contact_policy.h"

namespace tmk::campaigns {
namespace {

using calendar::DayOfWeek;
using calendar::Holiday;
using calendar::kWeek;
using calendar::LocalDate;
using calendar::TimeOfDayRange;
using calendar::WeeklyWindow;
using calendar::WeekSchedule;

using ::testing::Contains;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

constexpr DayOfWeek kMon = DayOfWeek::kMonday;
constexpr DayOfWeek kFri = DayOfWeek::kFriday;
constexpr DayOfWeek kSat = DayOfWeek::kSaturday;
constexpr DayOfWeek kSun = DayOfWeek::kSunday;
const std::vector<DayOfWeek> kWorkdays = {DayOfWeek::kMonday, DayOfWeek::kTuesday,
                                          DayOfWeek::kWednesday, DayOfWeek::kThursday,
                                          DayOfWeek::kFriday};

TimeOfDayRange R(int sh, int sm, int eh, int em) { return {{sh, sm}, {eh, em}}; }

bool KnownZone(const std::string& name) {
  static const std::set<std::string> kZones = {"Asia/Shanghai", "Asia/Urumqi", "UTC"};
  return kZones.count(name) > 0;
}

std::vector<std::string> Fields(const Violations& v) {
  std::vector<std::string> out;
  for (const FieldViolation& f : v.list()) out.push_back(f.field);
  return out;
}

CampaignCallingWindows ValidWindows() {
  CampaignCallingWindows w;
  w.windows = DefaultCustomerWindows();
  w.fallback_time_zone = "Asia/Shanghai";
  return w;
}

std::vector<std::string> CheckFields(const CampaignCallingWindows& windows,
                                     const ContactPolicy& policy = DefaultContactPolicy()) {
  Violations v;
  CheckCallingWindows(windows, policy, KnownZone, "cw", v);
  return Fields(v);
}

const CustomerKindWindow& KindOf(const std::vector<CustomerKindWindow>& windows,
                                 CustomerKind kind) {
  for (const CustomerKindWindow& w : windows) {
    if (w.customer_kind == kind) return w;
  }
  static const CustomerKindWindow kNone;
  ADD_FAILURE() << "no windows for " << Name(kind);
  return kNone;
}

TEST(DefaultWindowsTest, FollowR10) {
  std::vector<CustomerKindWindow> defaults = DefaultCustomerWindows();
  WeekSchedule b2c = WeekSchedule::Of(KindOf(defaults, CustomerKind::kB2c).weekly);
  WeekSchedule b2b = WeekSchedule::Of(KindOf(defaults, CustomerKind::kB2b).weekly);
  for (DayOfWeek day : kWorkdays) {
    EXPECT_EQ(b2c.Describe(day), "18:30-21:00") << DayName(day);
    EXPECT_EQ(b2b.Describe(day), "09:00-12:00, 14:00-17:30") << DayName(day);
  }
  for (DayOfWeek day : {kSat, kSun}) {
    EXPECT_EQ(b2c.Describe(day), "10:00-20:00");
    EXPECT_EQ(b2b.Describe(day), "no hours");
  }
  WeekSchedule legal = WeekSchedule::Of(DefaultLegalBounds());
  for (DayOfWeek day : kWeek) EXPECT_EQ(legal.Describe(day), "08:00-21:00");
}

TEST(CallingWindowsTest, AcceptsTheDefaultsInTheDefaultPolicy) {
  EXPECT_THAT(CheckFields(ValidWindows()), IsEmpty());
}

TEST(CallingWindowsTest, RefusesARangePartlyOutsideTheLegalBounds) {
  CampaignCallingWindows w = ValidWindows();
  w.windows[0].weekly[1].ranges[0] = R(10, 0, 21, 30);  // B2C weekend
  Violations v;
  CheckCallingWindows(w, DefaultContactPolicy(), KnownZone, "cw", v);
  ASSERT_THAT(Fields(v), ElementsAre("cw.windows[0].weekly[1].ranges[0]"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("outside the region's legal calling hours"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("Saturday (08:00-21:00)"));
}

TEST(CallingWindowsTest, RefusesARangeOnADayTheBoundsLeaveOut) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.legal_bounds = {{kWorkdays, {R(8, 0, 21, 0)}}, {{kSat}, {R(9, 0, 18, 0)}}};
  CampaignCallingWindows w = ValidWindows();
  w.windows = {{CustomerKind::kB2c, {{{kSat, kSun}, {R(10, 0, 17, 0)}}}}};
  Violations v;
  CheckCallingWindows(w, policy, KnownZone, "cw", v);
  ASSERT_THAT(Fields(v), ElementsAre("cw.windows[0].weekly[0].ranges[0]"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("Sunday (no hours)"));
}

TEST(CallingWindowsTest, AcceptsARangeSpanningTouchingLegalRanges) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.legal_bounds = {{kWorkdays, {R(8, 0, 12, 0), R(12, 0, 21, 0)}}};
  CampaignCallingWindows w = ValidWindows();
  w.windows = {{CustomerKind::kB2b, {{kWorkdays, {R(11, 0, 13, 0)}}}}};
  EXPECT_THAT(CheckFields(w, policy), IsEmpty());
}

TEST(CallingWindowsTest, RefusesUnknownAndRepeatedCustomerKinds) {
  CampaignCallingWindows w = ValidWindows();
  w.windows.push_back({CustomerKind::kB2c, {}});
  w.windows.push_back({CustomerKind::kUnspecified, {}});
  w.windows.push_back({static_cast<CustomerKind>(9), {}});
  EXPECT_THAT(CheckFields(w),
              ElementsAre("cw.windows[2].customer_kind", "cw.windows[3].customer_kind",
                          "cw.windows[4].customer_kind"));
}

TEST(CallingWindowsTest, ReportsWindowProblemsWithTheirPaths) {
  CampaignCallingWindows w = ValidWindows();
  w.windows[1].weekly.push_back({{kMon}, {R(11, 0, 12, 30)}});  // overlaps B2B 09:00-12:00
  EXPECT_THAT(CheckFields(w), ElementsAre("cw.windows[1].weekly[1].ranges[0]"));
}

TEST(CallingWindowsTest, AFallbackTimeZoneMustBeKnown) {
  CampaignCallingWindows w = ValidWindows();
  w.fallback_time_zone = "Mars/Olympus_Mons";
  EXPECT_THAT(CheckFields(w), ElementsAre("cw.fallback_time_zone"));
  w.fallback_time_zone = std::string(65, 'A');
  EXPECT_THAT(CheckFields(w), ElementsAre("cw.fallback_time_zone"));
  w.fallback_time_zone = "Asia/Urumqi";
  EXPECT_THAT(CheckFields(w), IsEmpty());
  w.fallback_time_zone = "";  // a draft may leave it for later
  EXPECT_THAT(CheckFields(w), IsEmpty());
}

TEST(CallingWindowsTest, DialableNeedsARangeAndAFallbackTimeZone) {
  CampaignCallingWindows w = ValidWindows();
  EXPECT_TRUE(IsDialable(w));
  w.fallback_time_zone = "";
  EXPECT_FALSE(IsDialable(w));
  w = ValidWindows();
  w.windows = {{CustomerKind::kB2c, {}}, {CustomerKind::kB2b, {}}};
  EXPECT_FALSE(IsDialable(w));
}

TEST(CallingWindowsTest, ChecksCampaignHolidays) {
  CampaignCallingWindows w = ValidWindows();
  w.holidays = {{{2026, 2, 29}, "no such day", {}}, {{2026, 5, 1}, "", {R(9, 0, 8, 0)}}};
  EXPECT_THAT(CheckFields(w),
              ElementsAre("cw.holidays[0].date", "cw.holidays[1].callable_ranges[0].end"));
}

TEST(CallingWindowsTest, HolidayRangesStayInsideWhatIsLegalThatDate) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.holidays = {{{2026, 10, 1}, "National Day", {R(10, 0, 12, 0)}}};
  CampaignCallingWindows w = ValidWindows();
  w.holidays = {
      {{2026, 10, 1}, "", {R(10, 0, 11, 0), R(11, 30, 12, 30)}},  // region holiday 10-12
      {{2026, 6, 6}, "working Saturday", {R(7, 0, 9, 0)}},         // legal 08:00-21:00
      {{2026, 6, 7}, "", {R(9, 0, 21, 0)}},
  };
  Violations v;
  CheckCallingWindows(w, policy, KnownZone, "cw", v);
  ASSERT_THAT(Fields(v), ElementsAre("cw.holidays[0].callable_ranges[1]",
                                     "cw.holidays[1].callable_ranges[0]"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("a region holiday: 10:00-12:00"));
}

TEST(CallingWindowsTest, WithWindowDefaultsFillsOnlyMissingKinds) {
  ContactPolicy policy = DefaultContactPolicy();
  CampaignCallingWindows w;
  w.fallback_time_zone = "UTC";
  w.windows = {{CustomerKind::kB2b, {}}};  // explicitly never call businesses
  CampaignCallingWindows filled = WithWindowDefaults(w, policy);
  ASSERT_EQ(filled.windows.size(), 2u);
  EXPECT_THAT(filled.windows[0].weekly, IsEmpty());
  EXPECT_EQ(filled.windows[1].customer_kind, CustomerKind::kB2c);
  EXPECT_EQ(WeekSchedule::Of(filled.windows[1].weekly).Describe(kSat), "10:00-20:00");
  EXPECT_EQ(filled.fallback_time_zone, "UTC");
}

TEST(CallingWindowsTest, WithWindowDefaultsTakesThePolicysWindows) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.default_windows = {{CustomerKind::kB2c, {{{kSat}, {R(11, 0, 12, 0)}}}}};
  CampaignCallingWindows filled = WithWindowDefaults({}, policy);
  EXPECT_EQ(WeekSchedule::Of(KindOf(filled.windows, CustomerKind::kB2c).weekly).Describe(kSat),
            "11:00-12:00");
  // The policy names no B2B windows: that kind gets none rather than something unlegislated.
  EXPECT_THAT(KindOf(filled.windows, CustomerKind::kB2b).weekly, IsEmpty());
}

TEST(IsCampaignCallableAtTest, NeedsBothTheRegionAndTheCampaign) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.holidays = {{{2026, 10, 1}, "National Day", {R(10, 0, 12, 0)}}};
  CampaignCallingWindows w = ValidWindows();
  w.holidays = {{{2026, 10, 2}, "campaign day off", {}}};
  const LocalDate thursday_holiday{2026, 10, 1}, friday{2026, 10, 2}, next_friday{2026, 10, 9};
  // Region holiday 10-12 and B2C Thursday 18:30-21:00: no overlap, no calls.
  EXPECT_FALSE(IsCampaignCallableAt(w, policy, CustomerKind::kB2c, thursday_holiday, {11, 0}));
  EXPECT_FALSE(IsCampaignCallableAt(w, policy, CustomerKind::kB2c, thursday_holiday, {19, 0}));
  // B2B Thursday 09:00-12:00 within the region's 10-12.
  EXPECT_TRUE(IsCampaignCallableAt(w, policy, CustomerKind::kB2b, thursday_holiday, {11, 0}));
  EXPECT_FALSE(IsCampaignCallableAt(w, policy, CustomerKind::kB2b, thursday_holiday, {9, 30}));
  // The campaign's own day off.
  EXPECT_FALSE(IsCampaignCallableAt(w, policy, CustomerKind::kB2b, friday, {10, 0}));
  EXPECT_TRUE(IsCampaignCallableAt(w, policy, CustomerKind::kB2b, next_friday, {10, 0}));
}

TEST(IsCampaignCallableAtTest, UnknownKindNeedsEveryKindToAllow) {
  CampaignCallingWindows w = ValidWindows();
  ContactPolicy policy = DefaultContactPolicy();
  EXPECT_FALSE(IsCampaignCallableAt(w, policy, CustomerKind::kUnspecified, {2026, 6, 1}, {10, 0}));
  w.windows = {{CustomerKind::kB2c, {{kWorkdays, {R(9, 0, 20, 0)}}}},
               {CustomerKind::kB2b, {{kWorkdays, {R(9, 0, 12, 0)}}}}};
  EXPECT_TRUE(IsCampaignCallableAt(w, policy, CustomerKind::kUnspecified, {2026, 6, 1}, {10, 0}));
  w.windows.clear();
  EXPECT_FALSE(IsCampaignCallableAt(w, policy, CustomerKind::kUnspecified, {2026, 6, 1}, {10, 0}));
  EXPECT_FALSE(IsCampaignCallableAt(w, policy, CustomerKind::kB2c, {2026, 6, 1}, {10, 0}));
}

TEST(CallingCalendarsForTest, RegionFirstThenTheKindsWindowsWithTheCampaignsHolidays) {
  ContactPolicy policy = DefaultContactPolicy();
  CampaignCallingWindows w = ValidWindows();
  w.holidays = {{{2026, 10, 2}, "campaign day off", {}}};
  std::vector<calendar::CallingCalendar> b2b = CallingCalendarsFor(w, policy, CustomerKind::kB2b);
  ASSERT_EQ(b2b.size(), 2u);
  EXPECT_EQ(WeekSchedule::Of(b2b[0].weekly).Describe(kSun), "08:00-21:00");
  EXPECT_EQ(WeekSchedule::Of(b2b[1].weekly).Describe(kMon), "09:00-12:00, 14:00-17:30");
  EXPECT_EQ(b2b[1].holidays.size(), 1u);
  // Unknown kind: one calendar per kind the campaign has, all of which must allow.
  EXPECT_EQ(CallingCalendarsFor(w, policy, CustomerKind::kUnspecified).size(), 3u);
}

TEST(IsCampaignCallableAtTest, NeverOutsideTheLegalBounds) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.legal_bounds = {{kWorkdays, {R(8, 0, 20, 0)}}};
  CampaignCallingWindows w = ValidWindows();  // B2C weekdays until 21:00: stored before a change
  EXPECT_TRUE(IsCampaignCallableAt(w, policy, CustomerKind::kB2c, {2026, 6, 1}, {19, 0}));
  EXPECT_FALSE(IsCampaignCallableAt(w, policy, CustomerKind::kB2c, {2026, 6, 1}, {20, 30}));
}

TEST(ContactPolicyTest, DefaultsAreLegalBoundsAndClippedR10Windows) {
  ContactPolicy policy = DefaultContactPolicy();
  Violations v;
  CheckContactPolicy(policy, "p", v);
  EXPECT_THAT(Fields(v), IsEmpty());
  EXPECT_EQ(WeekSchedule::Of(policy.legal_bounds).Describe(kSun), "08:00-21:00");
  ASSERT_EQ(policy.default_windows.size(), 2u);
  EXPECT_EQ(WeekSchedule::Of(KindOf(policy.default_windows, CustomerKind::kB2c).weekly)
                .Describe(kFri),
            "18:30-21:00");
}

TEST(ContactPolicyTest, WithPolicyDefaultsClipsToNarrowerBounds) {
  ContactPolicy policy;
  policy.legal_bounds = {{kWorkdays, {R(8, 0, 20, 0)}}, {{kSat}, {R(10, 0, 18, 0)}}};
  policy = WithPolicyDefaults(policy);
  WeekSchedule b2c = WeekSchedule::Of(KindOf(policy.default_windows, CustomerKind::kB2c).weekly);
  EXPECT_EQ(b2c.Describe(kMon), "18:30-20:00");
  EXPECT_EQ(b2c.Describe(kSat), "10:00-18:00");
  EXPECT_EQ(b2c.Describe(kSun), "no hours");
  Violations v;
  CheckContactPolicy(policy, "p", v);
  EXPECT_THAT(Fields(v), IsEmpty());
  // Idempotent.
  ContactPolicy again = WithPolicyDefaults(policy);
  const CustomerKindWindow& b2c_again = KindOf(again.default_windows, CustomerKind::kB2c);
  EXPECT_EQ(WeekSchedule::Of(b2c_again.weekly).Describe(kSat), "10:00-18:00");
  EXPECT_EQ(again.default_windows.size(), 2u);
}

TEST(ContactPolicyTest, RefusesEmptyLegalBounds) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.legal_bounds.clear();
  policy.default_windows.clear();
  Violations v;
  CheckContactPolicy(policy, "p", v);
  EXPECT_THAT(Fields(v), ElementsAre("p.legal_bounds"));
}

TEST(ContactPolicyTest, RefusesDefaultWindowsOutsideTheBounds) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.default_windows = {{CustomerKind::kB2c, {{{kSat}, {R(7, 0, 9, 0)}}}},
                            {CustomerKind::kB2c, {}}};
  Violations v;
  CheckContactPolicy(policy, "p", v);
  EXPECT_THAT(Fields(v), ElementsAre("p.default_windows[1].customer_kind",
                                     "p.default_windows[0].weekly[0].ranges[0]"));
}

TEST(ContactPolicyTest, RefusesRegionHolidaysOutsideTheBounds) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.holidays = {{{2026, 10, 1}, "National Day", {R(7, 0, 9, 0)}},
                     {{2026, 10, 2}, "", {R(9, 0, 10, 0)}}};
  Violations v;
  CheckContactPolicy(policy, "p", v);
  ASSERT_THAT(Fields(v), ElementsAre("p.holidays[0].callable_ranges[0]"));
  EXPECT_THAT(v.list()[0].description, HasSubstr("2026-10-01, a Thursday"));
}

TEST(ContactPolicyTest, RefusesNegativeAndInconsistentCaps) {
  ContactPolicy policy = DefaultContactPolicy();
  policy.frequency_cap.max_calls_per_day = -1;
  policy.frequency_cap.min_gap = std::chrono::milliseconds(-1);
  Violations v;
  CheckContactPolicy(policy, "p", v);
  EXPECT_THAT(Fields(v), ElementsAre("p.frequency_cap.max_calls_per_day",
                                     "p.frequency_cap.min_gap"));

  policy.frequency_cap = {};
  policy.frequency_cap.max_calls_per_day = 3;
  policy.frequency_cap.max_calls_per_week = 2;
  policy.frequency_cap.max_calls_per_30_days = 1;
  policy.frequency_cap.max_contacts_per_30_days = 5;
  Violations inconsistent;
  CheckContactPolicy(policy, "p", inconsistent);
  EXPECT_THAT(Fields(inconsistent),
              ElementsAre("p.frequency_cap.max_calls_per_day", "p.frequency_cap.max_calls_per_week",
                          "p.frequency_cap.max_contacts_per_30_days"));

  policy.frequency_cap = {2, 0, 10, std::chrono::hours(4), 3};  // week unlimited: fine
  Violations fine;
  CheckContactPolicy(policy, "p", fine);
  EXPECT_THAT(Fields(fine), IsEmpty());
}

TEST(ContactPolicyTest, LiveCampaignCheckFindsWindowsOutsideNewBounds) {
  ContactPolicy narrower = DefaultContactPolicy();
  narrower.legal_bounds = {{{kWeek.begin(), kWeek.end()}, {R(8, 0, 20, 0)}}};
  Violations v;
  CheckWithinLegalBounds(ValidWindows(), narrower, "calling_windows", v);
  EXPECT_THAT(Fields(v), Contains("calling_windows.windows[0].weekly[0].ranges[0]"));
  Violations same;
  CheckWithinLegalBounds(ValidWindows(), DefaultContactPolicy(), "calling_windows", same);
  EXPECT_THAT(Fields(same), IsEmpty());
}

}  // namespace
}  // namespace tmk::campaigns
