#pragma once
// Predictive pacing (R17) that keeps the abandon rate within the campaign's target (R20).
//
// From the measured answer probability, time to outcome and handle time it builds the exponential
// PacingModel and solves its constrained MDP through the Lagrangian (PacingMdp): one optimal
// policy per abandon cost on a fine geometric grid, each with the abandon rate the model predicts
// for it, solved lazily and kept until the measurements move. The cost in use is steered by
// feedback: the planned abandon rate is the goal (a share of the target) corrected by the surplus
// or deficit of the last 24 h against that goal, evened out over a horizon; the two neighbouring
// policies whose predicted rates bracket the plan are mixed decision by decision so that the mix
// predicts the plan (constrained optima are such mixtures). Whatever the policy asks, the
// AbandonGuard caps the calls in flight by the abandons still affordable in the rolling windows.
//
// The model counts agents and calls, not how long each has been busy or ringing: exact for
// exponential times, an approximation otherwise that the budget feedback absorbs.
#include <optional>
#include <vector>

#include "absl/status/statusor.h"
#include "services/dialing/domain/abandon_guard.h"
#include "services/dialing/domain/dial_policy.h"
#include "services/dialing/domain/pacing_mdp.h"
#include "services/dialing/domain/pacing_model.h"
#include "services/dialing/domain/pacing_policy.h"
#include "services/dialing/domain/pacing_policy_evaluator.h"

namespace tmk::dialing {

class PacingController final : public DialPolicy {
 public:
  struct Settings {
    // Plan to abandon this share of the target; the rest absorbs chance.
    double goal_share = 0.9;
    // A surplus or deficit against the goal is evened out over about this many seconds of calls.
    double plan_horizon_seconds = 1800;
    // AbandonGuard's accepted probability of overrunning the affordable abandons.
    double risk = 1e-4;
    // The model is solved again when a measured figure moves by this share.
    double refresh_change = 0.10;
    absl::Status Validate() const;
  };

  static absl::StatusOr<PacingController> Create(const Settings& settings);

  int CallsToLaunch(const PacingSnapshot& floor) override;

  // As of the last decision: the abandon rate planned, and the one the model predicts for the
  // policy in use (0 for progressive).
  double planned_abandon_rate() const { return planned_rate_; }
  double predicted_abandon_rate() const { return predicted_rate_; }

 private:
  // Candidate abandon costs (agent-seconds per abandon) are
  // handle_time * 2^((i - kMiddleCandidate) / kCostsPerOctave): from 1/64 to 64 handle times,
  // four per octave, so neighbours differ by about a fifth in their abandon rate and the feedback
  // mixes them finely.
  static constexpr int kCostsPerOctave = 4;
  static constexpr int kMiddleCandidate = 6 * kCostsPerOctave;
  static constexpr int kCandidates = 2 * kMiddleCandidate + 1;

  struct Candidate {
    PacingPolicy policy;
    double abandon_rate;
  };

  PacingController(const Settings& settings, AbandonGuard guard)
      : settings_(settings), guard_(guard) {}
  bool NeedsRefresh(const PacingModel& model, double abandon_target) const;
  void Refresh(const PacingModel& model, double abandon_target);
  double Plan(const PacingSnapshot& floor) const;
  // The two neighbouring policies that bracket a planned rate, and how to mix them.
  struct Choice {
    const Candidate* within;  // predicted at or under the plan
    const Candidate* over;    // the next cheaper one, over the plan; null if none
    double over_share;        // of decisions taken with `over`
  };
  Choice ChooseFor(double planned_rate);
  static Choice Mix(const Candidate& within, const Candidate* over, double planned_rate);
  const Candidate& CandidateAt(int index);

  Settings settings_;
  AbandonGuard guard_;
  // What the candidates were solved for.
  std::optional<PacingModel> model_;
  double abandon_target_ = 0;
  std::optional<PacingMdp> mdp_;
  std::optional<PacingPolicyEvaluator> evaluator_;
  std::vector<std::optional<Candidate>> candidates_;  // by abandon cost, cheapest first
  std::optional<Candidate> progressive_;
  int last_choice_ = kMiddleCandidate;
  double dither_ = 0;
  double planned_rate_ = 0;
  double predicted_rate_ = 0;
};

}  // namespace tmk::dialing
