// Counted leads adding up to a campaign's funnel, classes and attempts per order (R27): the same
// figures whether a state's leads come one by one or as one count.
#include "services/reporting/domain/campaign_sales.h"

#include <gtest/gtest.h>

namespace tmk::reporting {
namespace {

constexpr int kScreening = 1, kFollowUp = 2, kResolving = 3, kOrder = 4;  // SaleStage
constexpr int kInterested = 2, kDefinitelyNot = 5;  // IntentionClass

int Bits(std::initializer_list<int> stages) {
  int bits = 0;
  for (int s : stages) bits |= 1 << s;
  return bits;
}

TEST(CampaignSalesTest, CountsFillTheFunnelClassesAndOrders) {
  VariantSales sales;
  LeadStateCount ordered;
  ordered.stages_entered = Bits({kScreening, kFollowUp, kResolving, kOrder});
  ordered.stage = kOrder;
  ordered.intention = kInterested;
  ordered.reached = true;
  ordered.first_intention = kInterested;
  ordered.ordered = true;
  ordered.order_attempts = 4;
  ordered.order_contacts = 3;
  ordered.leads = 2;
  AddLeads(ordered, sales);
  LeadStateCount refused;
  refused.stages_entered = Bits({kScreening, kFollowUp});
  refused.stage = kFollowUp;
  refused.intention = kDefinitelyNot;
  refused.reached = true;
  refused.first_intention = kInterested;
  refused.leads = 5;
  AddLeads(refused, sales);
  LeadStateCount unreached;  // wrapped up by the system (no answer): no stage, no class
  unreached.leads = 7;
  AddLeads(unreached, sales);

  EXPECT_EQ(sales.stage_entered, (std::map<int, int64_t>{{1, 7}, {2, 7}, {3, 2}, {4, 2}}));
  EXPECT_EQ(sales.stage_current, (std::map<int, int64_t>{{1, 0}, {2, 5}, {3, 0}, {4, 2}}));
  EXPECT_EQ(sales.leads_reached, 7);
  EXPECT_EQ(sales.intention_current,
            (std::map<int, int64_t>{{kInterested, 2}, {kDefinitelyNot, 5}}));
  ASSERT_EQ(sales.orders_by_first_class.size(), 1u);
  EXPECT_EQ(sales.orders_by_first_class.at(kInterested),
            (std::vector<std::pair<int, int>>{{4, 3}, {4, 3}}));
}

TEST(CampaignSalesTest, OneCountEqualsItsLeadsOneByOne) {
  LeadStateCount state;
  state.stages_entered = Bits({kScreening});
  state.stage = kScreening;
  state.intention = kInterested;
  state.reached = true;
  state.first_intention = kInterested;
  state.ordered = true;
  state.order_attempts = 1;
  state.order_contacts = 1;
  state.leads = 3;
  VariantSales counted, one_by_one;
  AddLeads(state, counted);
  state.leads = 1;
  for (int i = 0; i < 3; ++i) AddLeads(state, one_by_one);
  EXPECT_EQ(counted.stage_entered, one_by_one.stage_entered);
  EXPECT_EQ(counted.stage_current, one_by_one.stage_current);
  EXPECT_EQ(counted.leads_reached, one_by_one.leads_reached);
  EXPECT_EQ(counted.intention_current, one_by_one.intention_current);
  EXPECT_EQ(counted.orders_by_first_class, one_by_one.orders_by_first_class);
}

TEST(CampaignSalesTest, AStateNoLeadHoldsAnyMoreAddsNothing) {
  LeadStateCount left;  // a tally row every lead has moved out of
  left.stage = kFollowUp;
  left.intention = kInterested;
  left.reached = true;
  VariantSales sales;
  AddLeads(left, sales);
  EXPECT_TRUE(sales.stage_entered.empty());
  EXPECT_TRUE(sales.intention_current.empty());
  EXPECT_EQ(sales.leads_reached, 0);
}

}  // namespace
}  // namespace tmk::reporting
