#pragma once
// Why a lead is not callable now (R2, R6, R10, R12, R17, R20). Numeric values equal
// telemarketing.dialing.v1.HopperBlockReason, so the hopper's "says why when none are" reaches
// supervisors unchanged.

namespace tmk::dialing {

enum class HopperBlockReason {
  kUnspecified = 0,
  kOutsideCallingWindow = 1,
  kHoliday = 2,
  kCadenceNotDue = 3,
  kRetryNotDue = 4,
  kCallbackNotDue = 5,
  kCallbackOwnerAbsent = 6,
  kFrequencyCap = 7,
  kAbandonRecallBlock = 8,
  kDoNotCall = 9,
  kNoConsent = 10,
  kNoValidContactPoint = 11,
  kLeadClosed = 12,
  kInProgress = 13,
  kOutsidePilotSample = 14,
  kCampaignNotRunning = 15,
  kNoLeads = 16,
};

}  // namespace tmk::dialing
