// The hopper's view of a customer from the contacts projection (R2, R6, R19): the first phone
// contacts' rules allow, else the one reason the hopper counts — DNC before consent before no
// valid number — with screened-out numbers never deciding the reason.
#include "services/dialing/domain/customer_contact_facts.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

using contacts::ContactChannel;
using contacts::ContactPurpose;
using std::chrono::hours;

const TimePoint kNow = TimePoint() + hours(24 * 20600);

CustomerContactFacts TwoPhones() {
  CustomerContactFacts f;
  f.known = true;
  f.phones = {{"cp-1", ContactPointStatus::kValid, "+8613900000001"},
              {"cp-2", ContactPointStatus::kUnverified, "+8613900000002"}};
  return f;
}

void Grant(CustomerContactFacts& f, ContactPurpose purpose, contacts::ConsentState state) {
  CustomerContactFacts::Consent c;
  c.channel = ContactChannel::kVoice;
  c.purpose = purpose;
  c.fact.state = state;
  c.fact.effective_time = kNow - hours(1);
  f.consents.push_back(c);
}

void Dnc(CustomerContactFacts& f, std::string number, contacts::DncScope scope,
         std::string campaign = "") {
  contacts::DncFact entry;
  entry.dnc_entry_id = "dnc-" + std::to_string(f.dnc.size());
  entry.scope = scope;
  entry.region_id = "gd";
  entry.campaign_id = std::move(campaign);
  f.dnc.push_back(entry);
  f.dnc_numbers.push_back(std::move(number));
}

CustomerVerdict Evaluate(const CustomerContactFacts& f,
                         ContactPurpose purpose = ContactPurpose::kService) {
  return EvaluateCustomer(f, purpose, "gd", "camp-1", kNow);
}

TEST(CustomerContactFactsTest, FirstDialablePhoneInRankIsChosen) {
  CustomerVerdict v = Evaluate(TwoPhones());
  EXPECT_TRUE(v.callability.callable);
  EXPECT_EQ(v.contact_point_id, "cp-1");
}

TEST(CustomerContactFactsTest, WrongPartyNumberIsSkippedForTheNext) {
  CustomerContactFacts f = TwoPhones();
  f.phones[0].status = ContactPointStatus::kWrongParty;
  CustomerVerdict v = Evaluate(f);
  EXPECT_TRUE(v.callability.callable);
  EXPECT_EQ(v.contact_point_id, "cp-2");
}

TEST(CustomerContactFactsTest, EveryNumberScreenedOutIsNoValidContactPoint) {
  CustomerContactFacts f = TwoPhones();
  f.phones[0].status = ContactPointStatus::kInvalidNumber;
  f.phones[1].status = ContactPointStatus::kDisconnected;
  Dnc(f, "", contacts::DncScope::kGlobal);  // would block, but no number could be dialed anyway
  CustomerVerdict v = Evaluate(f);
  EXPECT_FALSE(v.callability.callable);
  EXPECT_EQ(v.callability.reason, HopperBlockReason::kNoValidContactPoint);
  EXPECT_TRUE(v.contact_point_id.empty());
}

TEST(CustomerContactFactsTest, UnknownCustomerOrNoPhonesIsNoValidContactPoint) {
  EXPECT_EQ(Evaluate(CustomerContactFacts{}).callability.reason,
            HopperBlockReason::kNoValidContactPoint);
  CustomerContactFacts f;
  f.known = true;
  EXPECT_EQ(Evaluate(f).callability.reason, HopperBlockReason::kNoValidContactPoint);
}

TEST(CustomerContactFactsTest, CustomerDncBlocksEveryNumber) {
  CustomerContactFacts f = TwoPhones();
  Dnc(f, "", contacts::DncScope::kGlobal);
  CustomerVerdict v = Evaluate(f);
  EXPECT_FALSE(v.callability.callable);
  EXPECT_EQ(v.callability.reason, HopperBlockReason::kDoNotCall);
}

TEST(CustomerContactFactsTest, NumberDncBlocksOnlyThatNumber) {
  CustomerContactFacts f = TwoPhones();
  Dnc(f, "+8613900000001", contacts::DncScope::kRegion);
  CustomerVerdict v = Evaluate(f);
  EXPECT_TRUE(v.callability.callable);
  EXPECT_EQ(v.contact_point_id, "cp-2");
}

TEST(CustomerContactFactsTest, CampaignDncBlocksOnlyThatCampaign) {
  CustomerContactFacts f = TwoPhones();
  Dnc(f, "", contacts::DncScope::kCampaign, "camp-2");
  EXPECT_TRUE(Evaluate(f).callability.callable);
  Dnc(f, "", contacts::DncScope::kCampaign, "camp-1");
  EXPECT_EQ(Evaluate(f).callability.reason, HopperBlockReason::kDoNotCall);
}

TEST(CustomerContactFactsTest, MarketingNeedsAGrantServiceOnlyNoWithdrawal) {
  CustomerContactFacts f = TwoPhones();
  EXPECT_EQ(Evaluate(f, ContactPurpose::kMarketing).callability.reason,
            HopperBlockReason::kNoConsent);
  EXPECT_TRUE(Evaluate(f, ContactPurpose::kService).callability.callable);
  Grant(f, ContactPurpose::kMarketing, contacts::ConsentState::kGranted);
  EXPECT_TRUE(Evaluate(f, ContactPurpose::kMarketing).callability.callable);
  Grant(f, ContactPurpose::kService, contacts::ConsentState::kWithdrawn);
  EXPECT_EQ(Evaluate(f, ContactPurpose::kService).callability.reason,
            HopperBlockReason::kNoConsent);
}

TEST(CustomerContactFactsTest, DncIsReportedBeforeConsent) {
  CustomerContactFacts f = TwoPhones();
  Dnc(f, "", contacts::DncScope::kGlobal);
  EXPECT_EQ(Evaluate(f, ContactPurpose::kMarketing).callability.reason,
            HopperBlockReason::kDoNotCall);
}

TEST(CustomerContactFactsTest, CampaignTypesMapToTheirPurpose) {
  EXPECT_EQ(PurposeOfCampaignType(5), ContactPurpose::kMarketing);   // promotion
  EXPECT_EQ(PurposeOfCampaignType(1), ContactPurpose::kMarketing);   // retention
  EXPECT_EQ(PurposeOfCampaignType(2), ContactPurpose::kService);     // follow-up visit
  EXPECT_EQ(PurposeOfCampaignType(4), ContactPurpose::kSurvey);      // satisfaction survey
  EXPECT_EQ(PurposeOfCampaignType(8), ContactPurpose::kInformationCollection);
  EXPECT_EQ(PurposeOfCampaignType(0), ContactPurpose::kMarketing);   // unknown: strictest
}

TEST(CustomerContactFactsTest, GoldCardAndAboveGetTheVipBonus) {
  EXPECT_EQ(VipPriorityBonus(1), 0);   // none
  EXPECT_EQ(VipPriorityBonus(2), 0);   // silver
  EXPECT_EQ(VipPriorityBonus(3), 10);  // gold
  EXPECT_EQ(VipPriorityBonus(5), 10);  // diamond
}

// R2, R6, R17: an agent's own dial judges the number chosen, not the customer's best one.
TEST(CustomerContactFactsTest, ChosenPhoneIsJudgedByItself) {
  CustomerContactFacts f = TwoPhones();
  Dnc(f, "+8613900000001", contacts::DncScope::kRegion);
  auto phone = [&](const std::string& id, ContactPurpose purpose = ContactPurpose::kService) {
    return EvaluatePhone(f, id, purpose, "gd", "camp-1", kNow).callability;
  };
  EXPECT_EQ(phone("cp-1").reason, HopperBlockReason::kDoNotCall) << "its own DNC entry";
  EXPECT_TRUE(phone("cp-2").callable);
  EXPECT_EQ(EvaluatePhone(f, "cp-2", ContactPurpose::kService, "gd", "camp-1", kNow)
                .contact_point_id,
            "cp-2");
  EXPECT_EQ(phone("cp-2", ContactPurpose::kMarketing).reason, HopperBlockReason::kNoConsent);
  EXPECT_EQ(phone("cp-9").reason, HopperBlockReason::kNoValidContactPoint) << "not theirs";
  f.phones[1].status = ContactPointStatus::kWrongParty;
  EXPECT_EQ(phone("cp-2").reason, HopperBlockReason::kNoValidContactPoint) << "screened out";
  EXPECT_EQ(EvaluatePhone(CustomerContactFacts{}, "cp-2", ContactPurpose::kService, "gd",
                          "camp-1", kNow)
                .callability.reason,
            HopperBlockReason::kNoValidContactPoint);
}

}  // namespace
}  // namespace tmk::dialing
