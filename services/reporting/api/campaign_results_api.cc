// GetCampaignResults (R27): funnel, intention classes and movement, contact rate, conversion,
// attempts per order by first class, cost, revenue, ROI, LTV, goals and forecast against actual,
// for the campaign and each pilot variant. Economics, goals and the baseline forecast come from the
// campaign's latest snapshot on tm.campaigns.v1 (R16).
#include <cmath>

#include "services/campaigns/domain/money.h"
#include "services/common/auth/authorization.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/reporting/api/report_api.h"
#include "services/reporting/domain/report_bucket.h"
#include "services/reporting/domain/report_formulas.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::reporting {
namespace cv1 = telemarketing::campaigns::v1;
namespace ev1 = telemarketing::events::v1;
namespace common = telemarketing::common::v1;

namespace {

double ToDouble(const common::Money& money) {
  return campaigns::ToDouble({money.currency_code(), money.units(), money.nanos()});
}

common::Money ToMoney(double amount, const std::string& currency) {
  common::Money money;
  money.set_currency_code(currency);
  const double units = std::trunc(amount);
  money.set_units(static_cast<int64_t>(units));
  money.set_nanos(static_cast<int32_t>(std::llround((amount - units) * 1e9)));
  return money;
}

// What the measures of one slice (the campaign, or one variant) rest on.
struct Slice {
  CallMeasures calls;
  VariantSales sales;
  int64_t leads = 0;
};

void Add(VariantSales& into, const VariantSales& from) {
  for (const auto& [k, v] : from.stage_entered) into.stage_entered[k] += v;
  for (const auto& [k, v] : from.stage_current) into.stage_current[k] += v;
  for (const auto& [k, v] : from.intention_current) into.intention_current[k] += v;
  for (const auto& [k, v] : from.intention_moves) into.intention_moves[k] += v;
  for (const auto& [k, v] : from.orders_by_first_class) {
    auto& list = into.orders_by_first_class[k];
    list.insert(list.end(), v.begin(), v.end());
  }
  into.leads_reached += from.leads_reached;
  into.orders += from.orders;
  into.revenue += from.revenue;
  if (into.currency_code.empty()) into.currency_code = from.currency_code;
}

rv1::CampaignMeasures Measures(const Slice& s, const cv1::Campaign& campaign, bool with_fixed_cost) {
  const cv1::CampaignEconomics& econ = campaign.economics();
  std::string currency = s.sales.currency_code;
  if (currency.empty()) currency = econ.cost_per_agent_hour().currency_code();
  rv1::CampaignMeasures m;
  m.set_leads(s.leads);
  m.set_dial_attempts(s.calls.dial_attempts);
  m.set_contacts(s.calls.contacts);
  m.set_contact_rate(ContactRate(s.calls));
  m.set_orders(s.sales.orders);
  m.set_conversion_rate(Ratio(s.sales.orders, s.sales.leads_reached));
  m.set_attempts_per_order(Ratio(s.calls.dial_attempts, s.sales.orders));
  // Agent hours on the campaign: its calls' talk, hold and wrap-up (idle time belongs to no
  // campaign).
  const double agent_hours = (s.calls.talk_ms + s.calls.hold_ms + s.calls.wrap_ms) / 3.6e6;
  const double line_minutes = s.calls.line_ms / 6e4;
  const double cost = CampaignCost(agent_hours, line_minutes, ToDouble(econ.cost_per_agent_hour()),
                                   ToDouble(econ.cost_per_line_minute()),
                                   with_fixed_cost ? ToDouble(econ.fixed_cost()) : 0);
  // Orders carry their totals; without them the campaign's revenue per order stands in.
  const double revenue = s.sales.revenue > 0
                             ? s.sales.revenue
                             : s.sales.orders * ToDouble(econ.revenue_per_order());
  m.set_agent_hours(agent_hours);
  *m.mutable_cost() = ToMoney(cost, currency);
  *m.mutable_revenue() = ToMoney(revenue, currency);
  m.set_roi(ReturnOnInvestment(revenue, cost));
  *m.mutable_lifetime_value() = ToMoney(s.sales.orders * ToDouble(econ.expected_ltv()), currency);
  int64_t previous = 0;
  for (int stage = common::SALE_STAGE_LIST_SCREENING; stage <= common::SALE_STAGE_ORDER; ++stage) {
    rv1::FunnelStage& f = *m.add_funnel();
    f.set_stage(static_cast<common::SaleStage>(stage));
    auto entered = s.sales.stage_entered.find(stage);
    auto current = s.sales.stage_current.find(stage);
    f.set_leads_entered(entered == s.sales.stage_entered.end() ? 0 : entered->second);
    f.set_leads_current(current == s.sales.stage_current.end() ? 0 : current->second);
    f.set_step_conversion(stage == common::SALE_STAGE_LIST_SCREENING
                              ? 1.0
                              : Ratio(f.leads_entered(), previous));
    previous = f.leads_entered();
  }
  int64_t classified = 0;
  for (const auto& [c, n] : s.sales.intention_current) classified += n;
  for (const auto& [c, n] : s.sales.intention_current) {
    rv1::IntentionCount& ic = *m.add_intention_distribution();
    ic.set_intention_class(static_cast<common::IntentionClass>(c));
    ic.set_leads(n);
    ic.set_share(Ratio(n, classified));
  }
  for (const auto& [move, n] : s.sales.intention_moves) {
    rv1::IntentionTransition& t = *m.add_intention_transitions();
    t.set_from_class(static_cast<common::IntentionClass>(move.first));
    t.set_to_class(static_cast<common::IntentionClass>(move.second));
    t.set_leads(n);
  }
  for (const auto& [c, orders] : s.sales.orders_by_first_class) {
    rv1::AttemptsPerOrder& a = *m.add_attempts_per_order_by_class();
    a.set_first_class(static_cast<common::IntentionClass>(c));
    a.set_orders(static_cast<int64_t>(orders.size()));
    double attempts = 0, contacts = 0;
    std::vector<double> contact_list;
    for (const auto& [at, co] : orders) {
      attempts += at;
      contacts += co;
      contact_list.push_back(co);
    }
    a.set_mean_attempts(Ratio(attempts, orders.size()));
    a.set_mean_contacts(Ratio(contacts, orders.size()));
    a.set_median_contacts(Median(contact_list));
    for (const cv1::CadenceRule& rule : campaign.contact_strategy().cadence_rules()) {
      if (rule.intention_class() == c) {
        a.set_expected_contacts_min(rule.expected_contacts_min());
        a.set_expected_contacts_max(rule.expected_contacts_max());
      }
    }
  }
  return m;
}

double GoalActual(const cv1::Goal& goal, const rv1::CampaignMeasures& m, const Slice& s) {
  switch (goal.metric()) {
    case cv1::GOAL_METRIC_DIAL_ATTEMPTS:
      return m.dial_attempts();
    case cv1::GOAL_METRIC_CONTACTS:
      return m.contacts();
    case cv1::GOAL_METRIC_CONTACT_RATE:
      return m.contact_rate();
    case cv1::GOAL_METRIC_STAGE_ENTRIES: {
      auto it = s.sales.stage_entered.find(goal.stage());
      return it == s.sales.stage_entered.end() ? 0 : it->second;
    }
    case cv1::GOAL_METRIC_ORDERS:
      return m.orders();
    case cv1::GOAL_METRIC_CONVERSION_RATE:
      return m.conversion_rate();
    case cv1::GOAL_METRIC_REVENUE:
      return ToDouble(m.revenue());
    default:
      return 0;  // satisfaction needs QA events, not yet published
  }
}

}  // namespace

absl::Status ReportApi::GetCampaignResults(const auth::Principal& who,
                                           const rv1::GetCampaignResultsRequest& request,
                                           rv1::GetCampaignResultsResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, {auth::Role::kSupervisor, auth::Role::kAdmin},
                                             region, "read campaign results");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", violations);
  if (request.has_start_time() && request.has_end_time() &&
      grpcx::FromProtoTime(request.end_time()) <= grpcx::FromProtoTime(request.start_time())) {
    violations.Add("end_time", "must be after start_time");
  }
  if (!violations.empty()) return violations.ToStatus();

  ev1::CampaignSnapshot snapshot;
  std::map<std::string, Slice> slices;  // by variant
  TimePoint start, end, first, last;
  bool has_calls = false;
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    slices.clear();
    std::optional<std::string> payload = campaigns_.Snapshot(tx, request.campaign_id());
    has_calls = results_.ActiveRange(tx, request.campaign_id(), first, last);
    if (!payload && !has_calls) {
      return absl::NotFoundError("no events of campaign " + request.campaign_id());
    }
    if (payload && !snapshot.ParseFromString(*payload)) return absl::DataLossError("snapshot unreadable");
    start = request.has_start_time() ? BucketStart(grpcx::FromProtoTime(request.start_time()))
                                     : (has_calls ? first : TimePoint());
    end = request.has_end_time() ? BucketEndAtOrAfter(grpcx::FromProtoTime(request.end_time()))
                                 : (has_calls ? last + kRollupBucket : start + kRollupBucket);
    ReportScope scope;
    scope.start = start;
    scope.end = end;
    scope.campaign_ids = {request.campaign_id()};
    for (const CallRow& row : queries_.CallRows(tx, scope, SplitBy::kVariant, 0)) {
      slices[row.key].calls += row.measures;
    }
    for (auto& [variant, sales] : results_.Sales(tx, request.campaign_id(), start, end)) {
      slices[variant].sales = std::move(sales);
    }
    slices[""].leads = results_.LeadsLoaded(tx, request.campaign_id(), start, end);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;

  const cv1::Campaign& campaign = snapshot.campaign();
  Slice total;
  for (const auto& [variant, slice] : slices) {
    total.calls += slice.calls;
    Add(total.sales, slice.sales);
    total.leads += slice.leads;
  }
  rv1::CampaignResults& results = *response.mutable_results();
  results.set_campaign_id(request.campaign_id());
  results.set_campaign_display_name(campaign.display_name());
  results.set_campaign_type(campaign.type());
  *results.mutable_start_time() = grpcx::ToProtoTime(start);
  *results.mutable_end_time() = grpcx::ToProtoTime(end);
  *results.mutable_totals() = Measures(total, campaign, true);
  if (request.include_variants()) {
    for (const auto& [variant, slice] : slices) {
      if (!variant.empty()) (*results.mutable_variants())[variant] = Measures(slice, campaign, false);
    }
  }
  for (const cv1::Goal& goal : snapshot.goals()) {
    if (goal.scope() != cv1::GOAL_SCOPE_CAMPAIGN && goal.scope() != cv1::GOAL_SCOPE_STAGE) continue;
    rv1::GoalProgress& g = *results.add_goals();
    g.set_goal_id(goal.goal_id());
    g.set_metric(cv1::GoalMetric_Name(goal.metric()));
    g.set_scope(goal.scope() == cv1::GOAL_SCOPE_STAGE
                    ? "stage:" + common::SaleStage_Name(goal.stage()).substr(11)
                    : "campaign");
    const double target = goal.metric() == cv1::GOAL_METRIC_REVENUE ? ToDouble(goal.target_amount())
                                                                    : goal.target_value();
    g.set_target_value(target);
    g.set_actual_value(GoalActual(goal, results.totals(), total));
    g.set_attainment(Ratio(g.actual_value(), target));
  }
  if (campaign.has_baseline_forecast()) {
    const cv1::CampaignForecast& f = campaign.baseline_forecast();
    // Elapsed share of the forecast's run, for the projection to its end.
    const double elapsed_days = std::chrono::duration<double>(end - start).count() / 86400.0;
    const double fraction = Ratio(elapsed_days, f.duration_days());
    const rv1::CampaignMeasures& t = results.totals();
    auto compare = [&](const char* measure, double forecast, double actual, bool projects) {
      rv1::ForecastComparison& c = *results.add_forecast_comparison();
      c.set_measure(measure);
      c.set_forecast(forecast);
      c.set_actual(actual);
      c.set_projected(projects ? ProjectToEnd(actual, fraction) : actual);
    };
    compare("dial_attempts", f.dial_attempts(), t.dial_attempts(), true);
    compare("contacts", f.contacts(), t.contacts(), true);
    compare("orders", f.orders(), t.orders(), true);
    compare("agent_hours", f.agent_hours(), t.agent_hours(), true);
    compare("cost", ToDouble(f.cost()), ToDouble(t.cost()), true);
    compare("revenue", ToDouble(f.revenue()), ToDouble(t.revenue()), true);
    compare("roi", f.roi(), t.roi(), false);
  }
  return absl::OkStatus();
}

}  // namespace tmk::reporting
