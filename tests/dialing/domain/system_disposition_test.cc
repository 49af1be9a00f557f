// The disposition of calls no agent wraps up (R2, R12, R17, R20).
#include "services/dialing/domain/system_disposition.h"

#include <gtest/gtest.h>

namespace tmk::dialing {
namespace {

using campaigns::CallOutcome;
using campaigns::Disposition;
using campaigns::SchedulingEffect;

Disposition Code(std::string code, CallOutcome outcome, SchedulingEffect effect) {
  Disposition d;
  d.code = std::move(code);
  d.outcome = outcome;
  d.effect = effect;
  return d;
}

TEST(SystemDispositionTest, TakesTheCampaignsOwnCodeForTheOutcome) {
  campaigns::DispositionSet set;
  set.dispositions = {Code("LINE_BUSY", CallOutcome::kBusy, SchedulingEffect::kRetry),
                      Code("NO_ONE_HOME", CallOutcome::kNoAnswer, SchedulingEffect::kStop)};
  EXPECT_EQ(SystemDisposition(CallOutcome::kBusy, set).code, "LINE_BUSY");
  EXPECT_EQ(SystemDisposition(CallOutcome::kNoAnswer, set).effect, SchedulingEffect::kStop);
}

TEST(SystemDispositionTest, SkipsRetiredCodesAndCodesThatNeedAnAgent) {
  campaigns::DispositionSet set;
  Disposition retired = Code("OLD_BUSY", CallOutcome::kBusy, SchedulingEffect::kRetry);
  retired.retired = true;
  Disposition callback =
      Code("CALL_LATER", CallOutcome::kBusy, SchedulingEffect::kCallback);  // needs a time
  set.dispositions = {retired, callback};
  const Disposition d = SystemDisposition(CallOutcome::kBusy, set);
  EXPECT_EQ(d.code, "SYSTEM_BUSY");
  EXPECT_EQ(d.effect, SchedulingEffect::kRetry);
}

TEST(SystemDispositionTest, BuiltInsRetryOrMoveToTheNextNumber) {
  const campaigns::DispositionSet none;
  EXPECT_EQ(SystemDisposition(CallOutcome::kNoAnswer, none).effect, SchedulingEffect::kRetry);
  EXPECT_EQ(SystemDisposition(CallOutcome::kAbandoned, none).effect, SchedulingEffect::kRetry);
  EXPECT_EQ(SystemDisposition(CallOutcome::kNetworkFailure, none).code, "SYSTEM_NETWORK_FAILURE");
  // R2: a number that does not exist is screened out, never retried.
  const Disposition invalid = SystemDisposition(CallOutcome::kInvalidNumber, none);
  EXPECT_EQ(invalid.effect, SchedulingEffect::kNextContactPoint);
  EXPECT_EQ(invalid.outcome, CallOutcome::kInvalidNumber);
}

}  // namespace
}  // namespace tmk::dialing
