#include "services/contacts/domain/callability.h"

#include <gtest/gtest.h>

#include "services/common/core/status_details.h"
#include "services/contacts/domain/consent_rules.h"

namespace tmk::contacts {
namespace {

using namespace std::chrono_literals;
using R = NonCallableReason;

const TimePoint kNow = TimePoint(std::chrono::seconds(1'780'000'000));

CallableCheck Check(ContactPurpose purpose = ContactPurpose::kService) {
  CallableCheck check;
  check.purpose = purpose;
  check.channel = ContactChannel::kVoice;
  check.region_id = "gd";
  check.campaign_id = "camp-1";
  check.at = kNow;
  return check;
}

ConsentFact Decision(ConsentState state, int64_t wall, TimePoint effective = kNow - 24h) {
  ConsentFact fact;
  fact.state = state;
  fact.effective_time = effective;
  fact.hlc = {wall, 0, "gd"};
  return fact;
}

DncFact Dnc(DncScope scope, std::string id = "dnc-1") {
  DncFact fact;
  fact.dnc_entry_id = std::move(id);
  fact.scope = scope;
  fact.region_id = "gd";
  fact.campaign_id = scope == DncScope::kCampaign ? "camp-1" : "";
  return fact;
}

TEST(EvaluateCallable, AValidPointWithNothingAgainstItIsCallableForService) {
  CallableVerdict v = EvaluateCallable(CallableFacts{}, Check());
  EXPECT_TRUE(v.callable);
  EXPECT_TRUE(v.reasons.empty());
}

TEST(EvaluateCallable, MissingCustomerPointOrANonPhoneStopEverythingElse) {
  CallableFacts facts;
  facts.customer_found = false;
  facts.dnc = {Dnc(DncScope::kGlobal)};
  EXPECT_EQ(EvaluateCallable(facts, Check()).reasons, std::vector<R>{R::kCustomerNotFound});
  facts = {};
  facts.point_found = false;
  EXPECT_EQ(EvaluateCallable(facts, Check()).reasons, std::vector<R>{R::kContactPointNotFound});
  facts = {};
  facts.is_phone = false;
  CallableVerdict v = EvaluateCallable(facts, Check());
  EXPECT_FALSE(v.callable);
  EXPECT_EQ(v.reasons, std::vector<R>{R::kNotAPhone});
}

// R2: list screening marks numbers that are never dialed again.
TEST(EvaluateCallable, ScreenedOutStatusesAreNotCallable) {
  std::pair<PointStatus, R> cases[] = {{PointStatus::kInvalidNumber, R::kInvalidNumber},
                                       {PointStatus::kWrongParty, R::kWrongParty},
                                       {PointStatus::kDisconnected, R::kDisconnected}};
  for (auto [status, reason] : cases) {
    CallableFacts facts;
    facts.status = status;
    CallableVerdict v = EvaluateCallable(facts, Check());
    EXPECT_FALSE(v.callable);
    EXPECT_EQ(v.reasons, std::vector<R>{reason});
    EXPECT_FALSE(v.callable_after.has_value());
  }
  for (PointStatus ok : {PointStatus::kUnverified, PointStatus::kValid, PointStatus::kUnspecified}) {
    CallableFacts facts;
    facts.status = ok;
    EXPECT_TRUE(EvaluateCallable(facts, Check()).callable);
  }
}

TEST(EvaluateCallable, EachDncScopeReportsItsOwnReasonAndEntry) {
  CallableFacts facts;
  facts.dnc = {Dnc(DncScope::kGlobal, "g"), Dnc(DncScope::kRegion, "r"),
               Dnc(DncScope::kCampaign, "c")};
  CallableVerdict v = EvaluateCallable(facts, Check());
  EXPECT_FALSE(v.callable);
  EXPECT_EQ(v.reasons, (std::vector<R>{R::kDncGlobal, R::kDncRegion, R::kDncCampaign}));
  EXPECT_EQ(v.dnc_entry_ids, (std::vector<std::string>{"g", "r", "c"}));
}

TEST(EvaluateCallable, RegionAndCampaignEntriesApplyOnlyWhereTheyName) {
  CallableFacts facts;
  DncFact other_region = Dnc(DncScope::kRegion);
  other_region.region_id = "sc";
  DncFact other_campaign = Dnc(DncScope::kCampaign);
  other_campaign.campaign_id = "camp-2";
  facts.dnc = {other_region, other_campaign};
  EXPECT_TRUE(EvaluateCallable(facts, Check()).callable);

  CallableCheck no_campaign = Check();
  no_campaign.campaign_id.clear();
  facts.dnc = {Dnc(DncScope::kCampaign)};
  EXPECT_TRUE(EvaluateCallable(facts, no_campaign).callable);
  EXPECT_FALSE(EvaluateCallable(facts, Check()).callable);
}

TEST(EvaluateCallable, ExpiredAndLiftedEntriesAreIgnored) {
  CallableFacts facts;
  DncFact expired = Dnc(DncScope::kGlobal);
  expired.expire_time = kNow;  // lapses at the instant: no longer applies
  DncFact lifted = Dnc(DncScope::kGlobal);
  lifted.lifted = true;
  facts.dnc = {expired, lifted};
  EXPECT_TRUE(EvaluateCallable(facts, Check()).callable);
}

TEST(EvaluateCallable, AnEntryOnAnotherChannelDoesNotBlockVoice) {
  CallableFacts facts;
  DncFact sms = Dnc(DncScope::kGlobal);
  sms.channel = ContactChannel::kSms;
  facts.dnc = {sms};
  EXPECT_TRUE(EvaluateCallable(facts, Check()).callable);
  CallableCheck on_sms = Check();
  on_sms.channel = ContactChannel::kSms;
  EXPECT_FALSE(EvaluateCallable(facts, on_sms).callable);
  DncFact every = Dnc(DncScope::kGlobal);  // channel unspecified: all channels
  facts.dnc = {every};
  CallableCheck unspecified = Check();
  unspecified.channel = ContactChannel::kUnspecified;  // treated as voice
  EXPECT_FALSE(EvaluateCallable(facts, unspecified).callable);
}

TEST(EvaluateCallable, CallableAfterIsTheLastExpiryWhenOnlyTimeLimitedEntriesBlock) {
  CallableFacts facts;
  DncFact a = Dnc(DncScope::kGlobal, "a");
  a.expire_time = kNow + 1h;
  DncFact b = Dnc(DncScope::kCampaign, "b");
  b.expire_time = kNow + 48h;
  facts.dnc = {a, b};
  CallableVerdict v = EvaluateCallable(facts, Check());
  ASSERT_TRUE(v.callable_after.has_value());
  EXPECT_EQ(*v.callable_after, kNow + 48h);

  DncFact forever = Dnc(DncScope::kRegion, "c");
  facts.dnc.push_back(forever);
  EXPECT_FALSE(EvaluateCallable(facts, Check()).callable_after.has_value());
  facts.dnc = {a};
  facts.status = PointStatus::kWrongParty;
  EXPECT_FALSE(EvaluateCallable(facts, Check()).callable_after.has_value());
}

TEST(PurposeRequiresConsent, OnlyMarketingNeedsAGrant) {
  EXPECT_TRUE(PurposeRequiresConsent(ContactPurpose::kMarketing));
  EXPECT_FALSE(PurposeRequiresConsent(ContactPurpose::kService));
  EXPECT_FALSE(PurposeRequiresConsent(ContactPurpose::kSurvey));
  EXPECT_FALSE(PurposeRequiresConsent(ContactPurpose::kInformationCollection));
}

TEST(EvaluateCallable, AbsentConsentCountsAsRefusalForMarketingOnly) {
  CallableFacts facts;
  EXPECT_EQ(EvaluateCallable(facts, Check(ContactPurpose::kMarketing)).reasons,
            std::vector<R>{R::kConsentAbsent});
  EXPECT_TRUE(EvaluateCallable(facts, Check(ContactPurpose::kSurvey)).callable);
  facts.consents = {Decision(ConsentState::kGranted, 100)};
  EXPECT_TRUE(EvaluateCallable(facts, Check(ContactPurpose::kMarketing)).callable);
}

TEST(EvaluateCallable, WithdrawnConsentForbidsEveryPurpose) {
  CallableFacts facts;
  facts.consents = {Decision(ConsentState::kWithdrawn, 100)};
  for (ContactPurpose p : {ContactPurpose::kMarketing, ContactPurpose::kService,
                           ContactPurpose::kSurvey, ContactPurpose::kInformationCollection}) {
    EXPECT_EQ(EvaluateCallable(facts, Check(p)).reasons, std::vector<R>{R::kConsentWithdrawn});
  }
}

TEST(EvaluateCallable, TheLatestDecisionByHlcWins) {
  CallableFacts facts;
  facts.consents = {Decision(ConsentState::kWithdrawn, 200), Decision(ConsentState::kGranted, 100)};
  EXPECT_FALSE(EvaluateCallable(facts, Check(ContactPurpose::kMarketing)).callable);
  facts.consents = {Decision(ConsentState::kWithdrawn, 100), Decision(ConsentState::kGranted, 200)};
  EXPECT_TRUE(EvaluateCallable(facts, Check(ContactPurpose::kMarketing)).callable);
  // Same wall time: the logical counter, then the node, order them.
  ConsentFact a = Decision(ConsentState::kGranted, 300);
  ConsentFact b = Decision(ConsentState::kWithdrawn, 300);
  b.hlc.logical = 1;
  facts.consents = {b, a};
  EXPECT_EQ(CurrentConsent(facts.consents, kNow)->state, ConsentState::kWithdrawn);
}

TEST(EvaluateCallable, AnExpiredGrantIsAbsentAndAFutureDecisionIsNotYetInEffect) {
  CallableFacts facts;
  ConsentFact grant = Decision(ConsentState::kGranted, 100);
  grant.expire_time = kNow - 1s;
  facts.consents = {grant};
  EXPECT_EQ(EvaluateCallable(facts, Check(ContactPurpose::kMarketing)).reasons,
            std::vector<R>{R::kConsentAbsent});
  EXPECT_TRUE(EvaluateCallable(facts, Check(ContactPurpose::kService)).callable);

  facts.consents = {Decision(ConsentState::kGranted, 100),
                    Decision(ConsentState::kWithdrawn, 200, kNow + 1h)};
  EXPECT_TRUE(EvaluateCallable(facts, Check(ContactPurpose::kMarketing)).callable);
}

TEST(EvaluateCallable, ANumberWithNoCustomerHasNoConsent) {
  CallableFacts facts;
  facts.has_customer = false;
  facts.consents = {Decision(ConsentState::kGranted, 100)};  // ignored: belongs to no one
  EXPECT_EQ(EvaluateCallable(facts, Check(ContactPurpose::kMarketing)).reasons,
            std::vector<R>{R::kConsentAbsent});
  EXPECT_TRUE(EvaluateCallable(facts, Check(ContactPurpose::kService)).callable);
}

TEST(EvaluateCallable, EveryReasonIsReportedTogether) {
  CallableFacts facts;
  facts.status = PointStatus::kDisconnected;
  facts.dnc = {Dnc(DncScope::kGlobal)};
  facts.consents = {Decision(ConsentState::kWithdrawn, 100)};
  EXPECT_EQ(EvaluateCallable(facts, Check(ContactPurpose::kMarketing)).reasons,
            (std::vector<R>{R::kDisconnected, R::kDncGlobal, R::kConsentWithdrawn}));
}

std::vector<std::string> Fields(const absl::Status& status) {
  std::vector<std::string> out;
  for (const FieldViolation& v : FieldViolationsOf(status)) out.push_back(v.field);
  return out;
}

ConsentDecision ValidDecision() {
  return {"req-1", "01938a2b-0000-7000-8000-000000000000", 1, 1, 1, "call", "recording:42",
          std::nullopt, std::nullopt};
}

TEST(ValidateConsentDecision, AcceptsAGrantWithEvidenceAndAWithdrawalWithout) {
  EXPECT_TRUE(ValidateConsentDecision(ValidDecision(), kNow).ok());
  ConsentDecision withdrawal = ValidDecision();
  withdrawal.state = 2;
  withdrawal.evidence.clear();
  EXPECT_TRUE(ValidateConsentDecision(withdrawal, kNow).ok());
}

TEST(ValidateConsentDecision, ReportsEveryViolation) {
  ConsentDecision d;
  d.customer_id = "nope";
  d.channel = 9;
  d.effective_time = kNow + 1h;
  EXPECT_EQ(Fields(ValidateConsentDecision(d, kNow)),
            (std::vector<std::string>{"request_id", "consent.customer_id", "consent.channel",
                                      "consent.purpose", "consent.state", "consent.source",
                                      "consent.effective_time"}));
  ConsentDecision grant = ValidDecision();
  grant.evidence.clear();
  grant.expire_time = kNow - 1h;
  EXPECT_EQ(Fields(ValidateConsentDecision(grant, kNow)),
            (std::vector<std::string>{"consent.evidence", "consent.expire_time"}));
}

NewDncEntry ValidDnc() {
  NewDncEntry e;
  e.request_id = "req-2";
  e.scope = 1;
  e.reason = 1;
  e.phone_number = "138 1234 5678";
  return e;
}

TEST(ValidateNewDncEntry, NormalisesThePhone) {
  auto e164 = ValidateNewDncEntry(ValidDnc(), kNow);
  ASSERT_TRUE(e164.ok()) << e164.status();
  EXPECT_EQ(*e164, "+8613812345678");
  NewDncEntry by_customer = ValidDnc();
  by_customer.phone_number.clear();
  by_customer.customer_id = "01938a2b-0000-7000-8000-000000000000";
  EXPECT_EQ(*ValidateNewDncEntry(by_customer, kNow), "");
}

TEST(ValidateNewDncEntry, ReportsEveryViolation) {
  NewDncEntry e;
  e.scope = 2;
  e.reason = 6;
  e.campaign_id = "camp";
  e.channel = 7;
  e.expire_time = kNow;
  EXPECT_EQ(Fields(ValidateNewDncEntry(e, kNow).status()),
            (std::vector<std::string>{"request_id", "dnc_entry.channel", "dnc_entry.campaign_id",
                                      "dnc_entry.customer_id", "dnc_entry.reason_note",
                                      "dnc_entry.expire_time"}));
  NewDncEntry campaign = ValidDnc();
  campaign.scope = 3;
  campaign.phone_number = "12345";
  campaign.customer_id = "x";
  EXPECT_EQ(Fields(ValidateNewDncEntry(campaign, kNow).status()),
            (std::vector<std::string>{"dnc_entry.campaign_id", "dnc_entry.customer_id",
                                      "dnc_entry.phone_number"}));
}

}  // namespace
}  // namespace tmk::contacts
