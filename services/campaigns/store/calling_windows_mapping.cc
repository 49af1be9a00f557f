#include "services/campaigns/store/calling_windows_mapping.h"

#include "services/campaigns/store/duration_mapping.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::RepeatedPtrField;
using calendar::DayOfWeek;
using calendar::Holiday;
using calendar::TimeOfDayRange;
using calendar::WeeklyWindow;

namespace {

TimeOfDayRange ToDomain(const common::TimeOfDayRange& r) {
  return {{r.start().hours(), r.start().minutes()}, {r.end().hours(), r.end().minutes()}};
}

std::vector<TimeOfDayRange> ToDomain(const RepeatedPtrField<common::TimeOfDayRange>& ranges) {
  std::vector<TimeOfDayRange> out;
  for (const common::TimeOfDayRange& r : ranges) out.push_back(ToDomain(r));
  return out;
}

void ToProto(const std::vector<TimeOfDayRange>& ranges,
             RepeatedPtrField<common::TimeOfDayRange>* out) {
  out->Clear();
  for (const TimeOfDayRange& r : ranges) {
    common::TimeOfDayRange* p = out->Add();
    p->mutable_start()->set_hours(r.start.hours);
    p->mutable_start()->set_minutes(r.start.minutes);
    p->mutable_end()->set_hours(r.end.hours);
    p->mutable_end()->set_minutes(r.end.minutes);
  }
}

}  // namespace

std::vector<WeeklyWindow> ToDomain(const RepeatedPtrField<common::WeeklyWindow>& weekly) {
  std::vector<WeeklyWindow> out;
  for (const common::WeeklyWindow& w : weekly) {
    WeeklyWindow window;
    for (int day : w.days()) window.days.push_back(static_cast<DayOfWeek>(day));
    window.ranges = ToDomain(w.ranges());
    out.push_back(std::move(window));
  }
  return out;
}

std::vector<Holiday> ToDomain(const RepeatedPtrField<common::Holiday>& holidays) {
  std::vector<Holiday> out;
  for (const common::Holiday& h : holidays) {
    out.push_back({{h.date().year(), h.date().month(), h.date().day()},
                   h.display_name(),
                   ToDomain(h.callable_ranges())});
  }
  return out;
}

std::vector<CustomerKindWindow> ToDomain(const RepeatedPtrField<v1::CustomerKindWindow>& windows) {
  std::vector<CustomerKindWindow> out;
  for (const v1::CustomerKindWindow& w : windows) {
    out.push_back({static_cast<CustomerKind>(w.customer_kind()), ToDomain(w.weekly())});
  }
  return out;
}

CampaignCallingWindows ToDomain(const v1::CampaignCallingWindows& windows) {
  return {ToDomain(windows.windows()), windows.fallback_time_zone(), ToDomain(windows.holidays())};
}

ContactPolicy ToDomain(const v1::ContactPolicy& policy) {
  ContactPolicy out;
  out.legal_bounds = ToDomain(policy.legal_bounds());
  out.holidays = ToDomain(policy.holidays());
  const v1::FrequencyCap& cap = policy.frequency_cap();
  out.frequency_cap = {cap.max_calls_per_day(), cap.max_calls_per_week(),
                       cap.max_calls_per_30_days(),
                       ToMillis(cap.min_gap()),
                       cap.max_contacts_per_30_days()};
  out.default_windows = ToDomain(policy.default_windows());
  return out;
}

void ToProto(const std::vector<WeeklyWindow>& weekly,
             RepeatedPtrField<common::WeeklyWindow>* out) {
  out->Clear();
  for (const WeeklyWindow& w : weekly) {
    common::WeeklyWindow* p = out->Add();
    for (DayOfWeek day : w.days) p->add_days(static_cast<common::DayOfWeek>(day));
    ToProto(w.ranges, p->mutable_ranges());
  }
}

void ToProto(const std::vector<CustomerKindWindow>& windows,
             RepeatedPtrField<v1::CustomerKindWindow>* out) {
  out->Clear();
  for (const CustomerKindWindow& w : windows) {
    v1::CustomerKindWindow* p = out->Add();
    p->set_customer_kind(static_cast<common::CustomerKind>(w.customer_kind));
    ToProto(w.weekly, p->mutable_weekly());
  }
}

void ToProto(const std::vector<Holiday>& holidays, RepeatedPtrField<common::Holiday>* out) {
  out->Clear();
  for (const Holiday& h : holidays) {
    common::Holiday* p = out->Add();
    p->mutable_date()->set_year(h.date.year);
    p->mutable_date()->set_month(h.date.month);
    p->mutable_date()->set_day(h.date.day);
    p->set_display_name(h.display_name);
    ToProto(h.callable_ranges, p->mutable_callable_ranges());
  }
}

void ToProto(const ContactPolicy& policy, v1::ContactPolicy* out) {
  ToProto(policy.legal_bounds, out->mutable_legal_bounds());
  ToProto(policy.holidays, out->mutable_holidays());
  const FrequencyCap& cap = policy.frequency_cap;
  v1::FrequencyCap* p = out->mutable_frequency_cap();
  p->set_max_calls_per_day(cap.max_calls_per_day);
  p->set_max_calls_per_week(cap.max_calls_per_week);
  p->set_max_calls_per_30_days(cap.max_calls_per_30_days);
  *p->mutable_min_gap() = ToProtoDuration(cap.min_gap);
  p->set_max_contacts_per_30_days(cap.max_contacts_per_30_days);
  ToProto(policy.default_windows, out->mutable_default_windows());
}

}  // namespace tmk::campaigns
