// The abandon budget enforced by the running dialer on PostgreSQL in virtual time (R20): a
// campaign whose stored abandons spend its budget — in the rolling 24 h window, or only in the
// 30-day one — is held at one call per free agent in every automatic mode (power and predictive),
// and resumes pacing by itself once answers without abandons, or the window moving on, give the
// budget back.
#include <cstdio>
#include <optional>

#include "services/dialing/runtime/dialer_runtime.h"
#include "tests/dialing/runtime/dialer_floor_fixture.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;
using std::chrono::hours;
using std::chrono::minutes;

class AbandonBudgetTest : public testing::DialerFloorTest {
 protected:
  // Stores `live_answers` answers of which `abandons` abandoned, in the minute `ago` before now.
  void StoreAbandons(TimePoint::duration ago, int live_answers, int abandons) {
    const auto minute =
        std::chrono::duration_cast<minutes>((scheduler_.Now() - ago).time_since_epoch()).count();
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  tx.exec_params("INSERT INTO abandon_minutes VALUES ($1, $2, $3, $4)",
                                 testing::kCampaignId, minute, live_answers, abandons);
                }).ok());
  }

  // Dials until `until`, noting when the hold first lifts (sampled every virtual second).
  void DialUntil(TimePoint until) {
    Sample();
    scheduler_.RunUntil(until);
  }

  void Sample() {
    const CampaignFloor* floor = runtime_->Floor(testing::kCampaignId);
    if (floor != nullptr) {
      held_at_start_ = held_at_start_.value_or(floor->compliance_hold);
      if (!floor->compliance_hold && !released_) released_ = scheduler_.Now();
    }
    scheduler_.After(std::chrono::seconds(1), [this] { Sample(); });
  }

  // The dial level each call was launched at (CallCreated), with its launch time.
  std::vector<std::pair<TimePoint, double>> Launches() {
    std::vector<std::pair<TimePoint, double>> out;
    for (const auto& [call_id, steps] : Events()) {
      if (steps.empty() || !steps.front().has_created()) continue;
      out.emplace_back(
          TimePoint(std::chrono::microseconds(
              TimeUtil::TimestampToMicroseconds(steps.front().occur_time()))),
          steps.front().created().dial_level());
    }
    return out;
  }

  // While held no call was launched beyond one per ready agent; after the release, modes that
  // overdial did so again.
  void ExpectHeldThenResumed(const char* what) {
    ASSERT_TRUE(held_at_start_.value_or(false)) << what << ": the spent budget did not hold";
    ASSERT_TRUE(released_.has_value()) << what << ": the hold never lifted";
    int held = 0, overdialed_after = 0;
    for (const auto& [at, level] : Launches()) {
      if (at < *released_) {
        ++held;
        EXPECT_LE(level, 1.0) << what << ": overdialed while holding";
      } else if (level > 1.0) {
        ++overdialed_after;
      }
    }
    std::printf("%s: %d calls while held, released after %lld s, %d overdialed after\n", what,
                held, static_cast<long long>(std::chrono::duration_cast<std::chrono::seconds>(
                                                 *released_ - testing::FloorStart())
                                                 .count()),
                overdialed_after);
    EXPECT_GT(held, 0) << what << ": nothing dialed while held (hold means level 1, not stop)";
    EXPECT_GT(overdialed_after, 0) << what << ": pacing did not resume";
  }

  std::optional<bool> held_at_start_;
  std::optional<TimePoint> released_;
};

class AbandonBudgetModeTest : public AbandonBudgetTest,
                              public ::testing::WithParamInterface<common::DialMode> {};

// R20: 3 abandons in 100 answers 23 h ago spend a 3 % budget in both windows; the campaign dials
// at level 1 until about 33 answers without abandons afford one again, then paces as before.
TEST_P(AbandonBudgetModeTest, SpentDayBudgetHoldsAtOneCallPerAgentUntilAnswersEarnItBack) {
  LoadLeads(3000);
  LogIn(10);
  StoreAbandons(hours(23), 100, 3);
  Running(GetParam());
  StartDialer();
  StartAgents();
  DialUntil(testing::FloorStart() + hours(1));
  ExpectHeldThenResumed(common::DialMode_Name(GetParam()).c_str());
}

INSTANTIATE_TEST_SUITE_P(AutomaticModes, AbandonBudgetModeTest,
                         ::testing::Values(common::DIAL_MODE_POWER, common::DIAL_MODE_PREDICTIVE),
                         [](const auto& info) { return common::DialMode_Name(info.param); });

// R20: a budget spent only in the 30-day window (nothing abandoned today) holds the campaign too,
// and it resumes once those abandons leave the window; the runtime says COMPLIANCE_HOLD meanwhile
// and each change is published.
TEST_F(AbandonBudgetTest, SpentMonthBudgetHoldsUntilTheAbandonsLeaveTheWindow) {
  LoadLeads(3000);
  LogIn(10);
  StoreAbandons(hours(24 * 30) - minutes(10), 1000, 30);
  Running(common::DIAL_MODE_POWER);
  StartDialer();
  StartAgents();
  const CampaignFloor* floor = runtime_->Floor(testing::kCampaignId);
  ASSERT_NE(floor, nullptr);
  EXPECT_EQ(floor->ledger.Last24Hours().abandons, 0) << "the hold must come from 30 days alone";
  runtime_->PublishStates(&runtime_events_);
  scheduler_.RunUntil(testing::FloorStart() + minutes(1));
  EXPECT_EQ(StoredState(), v1::DIALING_STATE_COMPLIANCE_HOLD) << "GetCampaignRuntime says why";
  DialUntil(testing::FloorStart() + hours(1));
  ExpectHeldThenResumed("30-day window");
  EXPECT_LE(*released_, testing::FloorStart() + minutes(12))
      << "held after the abandons left the 30-day window";
  // The hold and its end, each published with the stored change (outbox); with a budget of one
  // abandon at a time the campaign may be held again after an abandon, and released again.
  EXPECT_GE(std::stoi(Scalar("SELECT count(*) FROM outbox WHERE event_type ="
                             " 'telemarketing.events.v1.CampaignRuntimeChanged'")),
            2);
}

}  // namespace
}  // namespace tmk::dialing
