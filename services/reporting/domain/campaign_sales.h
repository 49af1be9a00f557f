#pragma once
// A campaign's sales figures per pilot variant (R27) — the funnel, intention classes and their
// moves, attempts per order, orders and revenue — and how counted leads add up to them. Leads
// arrive counted by their state (lead_tally, or lead_progress grouped the same way), so one read
// of a few hundred rows answers however many leads the campaign has.
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace tmk::reporting {

struct VariantSales {
  // Stage number -> leads that ever entered it / are in it now.
  std::map<int, int64_t> stage_entered;
  std::map<int, int64_t> stage_current;
  // Leads the dialer counted a contact with, wrapped up in the period.
  int64_t leads_reached = 0;
  // Current intention class -> leads (unclassified leads are not listed).
  std::map<int, int64_t> intention_current;
  // (from, to) -> moves in the period.
  std::map<std::pair<int, int>, int64_t> intention_moves;
  // First class -> (attempts, contacts) of each order.
  std::map<int, std::vector<std::pair<int, int>>> orders_by_first_class;
  int64_t orders = 0;  // not cancelled, created in the period
  double revenue = 0;  // their totals
  std::string currency_code;
};

// `leads` leads in one state: the stages they entered (a bit per SaleStage number), their
// current stage and class, whether the dialer counted a contact with them, the class they were
// first reached in, and whether they ordered, with the attempts and contacts the first order took.
struct LeadStateCount {
  int stages_entered = 0;
  int stage = 0;
  int intention = 0;
  bool reached = false;
  int first_intention = 0;
  bool ordered = false;
  int order_attempts = 0;
  int order_contacts = 0;
  int64_t leads = 0;
};

// The funnel's stages, SaleStage numbers: list screening to order.
inline constexpr int kFirstFunnelStage = 1;
inline constexpr int kLastFunnelStage = 4;

// Adds `count` to the funnel, classes and orders of `sales`. A variant with any lead lists every
// funnel stage (zero when none entered it), as a report shows them.
void AddLeads(const LeadStateCount& count, VariantSales& sales);

}  // namespace tmk::reporting
