#include "services/campaigns/domain/script_compliance.h"

namespace tmk::campaigns {

std::vector<ComplianceKind> RequiredStatements(ScriptCampaignType type) {
  using K = ComplianceKind;
  using T = ScriptCampaignType;
  std::vector<ComplianceKind> required = {K::kIdentity, K::kRecordingNotice, K::kPurpose};
  switch (type) {
    case T::kPromotion:
    case T::kCrossUpSell:
      required.insert(required.end(), {K::kPriceAndTerms, K::kCoolingOff, K::kOptOut});
      break;
    case T::kOrderConfirmation:
      required.insert(required.end(), {K::kPriceAndTerms, K::kCoolingOff});
      break;
    case T::kRetention:
      required.insert(required.end(), {K::kPriceAndTerms, K::kOptOut});
      break;
    case T::kLeadFollowUp:
      required.push_back(K::kOptOut);
      break;
    case T::kMarketSurvey:
    case T::kSatisfactionSurvey:
    case T::kInformationCollection:
      required.push_back(K::kPrivacy);
      break;
    case T::kFollowUpVisit:
    case T::kVipCare:
    case T::kUnspecified:
      break;
  }
  return required;
}

std::string_view ComplianceKindName(ComplianceKind kind) {
  switch (kind) {
    case ComplianceKind::kIdentity:
      return "IDENTITY";
    case ComplianceKind::kRecordingNotice:
      return "RECORDING_NOTICE";
    case ComplianceKind::kPurpose:
      return "PURPOSE";
    case ComplianceKind::kPriceAndTerms:
      return "PRICE_AND_TERMS";
    case ComplianceKind::kCoolingOff:
      return "COOLING_OFF";
    case ComplianceKind::kOptOut:
      return "OPT_OUT";
    case ComplianceKind::kPrivacy:
      return "PRIVACY";
    case ComplianceKind::kUnspecified:
      break;
  }
  return "UNSPECIFIED";
}

}  // namespace tmk::campaigns
