#include "services/campaigns/api/forecast_mapping.h"

#include "services/campaigns/api/money_mapping.h"
#include "services/campaigns/api/time_mapping.h"
#include "services/campaigns/store/duration_mapping.h"
#include "services/common/grpc/proto_conversions.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

ForecastAssumptions ToDomain(const v1::ForecastAssumptions& a) {
  ForecastAssumptions out;
  out.list_size = a.list_size();
  out.contact_rate = a.contact_rate();
  out.conversion_rate = a.conversion_rate();
  out.attempts_per_lead = a.attempts_per_lead();
  out.mean_handle_time = ToMillis(a.mean_handle_time());
  out.mean_unreached_time = ToMillis(a.mean_unreached_time());
  out.occupancy = a.occupancy();
  out.basis = static_cast<ForecastBasis>(a.basis());
  return out;
}

ForecastConstraints ToDomain(const v1::ForecastConstraints& c) {
  ForecastConstraints out;
  out.agents = c.agents();
  out.hours_per_day = c.hours_per_day();
  if (c.has_deadline()) out.deadline = ToTimePoint(c.deadline());
  out.budget = ToDomain(c.budget());
  return out;
}

CampaignEconomics ToDomain(const v1::CampaignEconomics& e) {
  return {ToDomain(e.cost_per_agent_hour()), ToDomain(e.cost_per_line_minute()),
          ToDomain(e.fixed_cost()),          ToDomain(e.revenue_per_order()),
          ToDomain(e.expected_ltv()),        ToDomain(e.budget())};
}

v1::CampaignForecast ToProto(const CampaignForecast& f, TimePoint forecast_time) {
  v1::CampaignForecast out;
  v1::ForecastAssumptions* a = out.mutable_assumptions();
  a->set_list_size(f.assumptions.list_size);
  a->set_contact_rate(f.assumptions.contact_rate);
  a->set_conversion_rate(f.assumptions.conversion_rate);
  a->set_attempts_per_lead(f.assumptions.attempts_per_lead);
  *a->mutable_mean_handle_time() = ToProtoDuration(f.assumptions.mean_handle_time);
  *a->mutable_mean_unreached_time() = ToProtoDuration(f.assumptions.mean_unreached_time);
  a->set_occupancy(f.assumptions.occupancy);
  a->set_basis(static_cast<v1::ForecastBasis>(f.assumptions.basis));
  v1::ForecastConstraints* c = out.mutable_constraints();
  c->set_agents(f.constraints.agents);
  c->set_hours_per_day(f.constraints.hours_per_day);
  if (f.constraints.deadline) *c->mutable_deadline() = grpcx::ToProtoTime(*f.constraints.deadline);
  if (!IsZero(f.constraints.budget)) *c->mutable_budget() = ToProto(f.constraints.budget);
  out.set_list_coverage(f.list_coverage);
  out.set_dial_attempts(f.dial_attempts);
  out.set_contacts(f.contacts);
  out.set_orders(f.orders);
  out.set_agent_hours(f.agent_hours);
  out.set_line_minutes(f.line_minutes);
  out.set_duration_days(f.duration_days);
  *out.mutable_cost() = ToProto(f.cost);
  *out.mutable_revenue() = ToProto(f.revenue);
  out.set_roi(f.roi);
  *out.mutable_lifetime_value() = ToProto(f.lifetime_value);
  out.set_binding_constraint(static_cast<v1::BindingConstraint>(f.binding_constraint));
  out.set_feasible(f.feasible);
  *out.mutable_forecast_time() = grpcx::ToProtoTime(forecast_time);
  return out;
}

}  // namespace tmk::campaigns
