#include "services/dialing/domain/pacing_controller.h"

#include <algorithm>
#include <cmath>

namespace tmk::dialing {
namespace {

// Solver accuracy: far finer than the noise of a day's measurements; a candidate takes a few
// milliseconds for ten agents, about a tenth of a second for a hundred.
constexpr double kGainTolerancePerAgent = 1e-5;
constexpr int kMaxSweeps = 50000;
constexpr double kMassTolerance = 1e-9;
constexpr int kMaxIterations = 100000;

bool Moved(double now, double then, double share) { return std::abs(now - then) > share * then; }

}  // namespace

absl::Status PacingController::Settings::Validate() const {
  if (!(goal_share > 0 && goal_share <= 1)) {
    return absl::InvalidArgumentError("pacing goal share must be in (0, 1]");
  }
  if (!(plan_horizon_seconds >= 60)) {
    return absl::InvalidArgumentError("pacing plan horizon must be at least 60 s");
  }
  if (!(refresh_change > 0 && refresh_change < 1)) {
    return absl::InvalidArgumentError("pacing refresh change must be in (0, 1)");
  }
  return AbandonGuard::Create(risk).status();
}

absl::StatusOr<PacingController> PacingController::Create(const Settings& settings) {
  if (absl::Status s = settings.Validate(); !s.ok()) return s;
  return PacingController(settings, *AbandonGuard::Create(settings.risk));
}

int PacingController::CallsToLaunch(const PacingSnapshot& floor) {
  const int free_agents = floor.ready_agents - floor.calls_waiting;
  const PacingModel model{floor.agents, floor.answer_probability, floor.mean_time_to_outcome,
                          floor.mean_handle_time};
  if (!model.Validate().ok()) {
    // Nothing to predict from (no agents, or measurements not usable): progressive is safe.
    planned_rate_ = predicted_rate_ = 0;
    return std::max(0, free_agents - floor.calls_dialing);
  }
  if (NeedsRefresh(model, floor.abandon_target)) Refresh(model, floor.abandon_target);

  planned_rate_ = Plan(floor);
  const Choice choice = ChooseFor(planned_rate_);
  predicted_rate_ = choice.within->abandon_rate;
  const Candidate* chosen = choice.within;
  if (choice.over != nullptr) {
    predicted_rate_ += choice.over_share * (choice.over->abandon_rate - predicted_rate_);
    // Error diffusion rather than dice: the mix is exact over any run of decisions, and
    // reproducible.
    dither_ += choice.over_share;
    if (dither_ >= 1) {
      dither_ -= 1;
      chosen = choice.over;
    }
  }
  // An answered call waiting for an agent takes the next one that frees up: count it as busy.
  const int busy = std::min(floor.agents, floor.busy_agents() + floor.calls_waiting);
  const int target = chosen->policy.TargetDialing(busy, floor.calls_dialing);
  const int allowed =
      guard_.MaxDialing(free_agents, floor.affordable_abandons, floor.answer_probability);
  return std::max(0, std::min(target, allowed) - floor.calls_dialing);
}

bool PacingController::NeedsRefresh(const PacingModel& model, double abandon_target) const {
  const double share = settings_.refresh_change;
  return !model_ || model.agents != model_->agents || abandon_target != abandon_target_ ||
         Moved(model.answer_probability, model_->answer_probability, share) ||
         Moved(model.mean_time_to_outcome, model_->mean_time_to_outcome, share) ||
         Moved(model.mean_handle_time, model_->mean_handle_time, share);
}

void PacingController::Refresh(const PacingModel& model, double abandon_target) {
  model_ = model;
  abandon_target_ = abandon_target;
  const int max_dialing = model.MaxDialing();
  if (mdp_) {
    mdp_->Rebase(model, max_dialing);
    evaluator_->Rebase(model, max_dialing);
  } else {
    mdp_.emplace(model, max_dialing);
    evaluator_.emplace(model, max_dialing);
  }
  candidates_.assign(kCandidates, std::nullopt);
  progressive_.emplace(Candidate{PacingPolicy::Progressive(model.agents, max_dialing), 0});
}

double PacingController::Plan(const PacingSnapshot& floor) const {
  const double goal = settings_.goal_share * floor.abandon_target;
  const double surplus = goal * floor.live_answers_24h - floor.abandons_24h;
  // A floor at full occupancy connects about agents / handle time calls a second.
  const double horizon_answers =
      std::max(1.0, floor.agents * settings_.plan_horizon_seconds / floor.mean_handle_time);
  return std::clamp(goal + surplus / horizon_answers, 0.0, floor.abandon_target);
}

PacingController::Choice PacingController::ChooseFor(double planned_rate) {
  // Predicted abandon rates fall as the cost rises: find the cheapest cost within the plan. The
  // plan and the model move slowly, so gallop out from the last choice and bisect the bracket:
  // usually a solve or two after a refresh, none otherwise.
  auto within = [&](int index) { return CandidateAt(index).abandon_rate <= planned_rate; };
  if (!within(kCandidates - 1)) {
    return Mix(*progressive_, &CandidateAt(kCandidates - 1), planned_rate);
  }
  int too_cheap = -1;                // over the plan (virtually, below the grid)
  int too_costly = kCandidates - 1;  // within the plan
  const int last = std::clamp(last_choice_, 0, kCandidates - 1);
  if (within(last)) {
    too_costly = last;
    for (int step = 1; too_costly > 0; step *= 2) {
      const int probe = std::max(0, last - step);
      if (!within(probe)) {
        too_cheap = probe;
        break;
      }
      too_costly = probe;
    }
  } else {
    too_cheap = last;
    for (int step = 1;; step *= 2) {
      const int probe = std::min(kCandidates - 1, last + step);
      if (within(probe)) {
        too_costly = probe;
        break;
      }
      too_cheap = probe;
    }
  }
  while (too_costly - too_cheap > 1) {
    const int middle = (too_costly + too_cheap) / 2;
    (within(middle) ? too_costly : too_cheap) = middle;
  }
  last_choice_ = too_costly;
  return Mix(CandidateAt(too_costly), too_cheap < 0 ? nullptr : &CandidateAt(too_cheap),
             planned_rate);
}

PacingController::Choice PacingController::Mix(const Candidate& within, const Candidate* over,
                                               double planned_rate) {
  // Optimal constrained policies are mixtures of two neighbouring deterministic ones: use the
  // one over the plan for the share of decisions that makes the predicted rate the plan.
  if (over == nullptr || over->abandon_rate <= within.abandon_rate) return {&within, nullptr, 0};
  const double share = std::clamp((planned_rate - within.abandon_rate) /
                                      (over->abandon_rate - within.abandon_rate),
                                  0.0, 1.0);
  return {&within, over, share};
}

const PacingController::Candidate& PacingController::CandidateAt(int index) {
  std::optional<Candidate>& slot = candidates_[index];
  if (!slot) {
    const double cost =
        model_->mean_handle_time * std::exp2(double(index - kMiddleCandidate) / kCostsPerOctave);
    mdp_->Solve(cost, abandon_target_, kGainTolerancePerAgent * model_->agents, kMaxSweeps);
    PacingPolicy policy = mdp_->Policy();
    const double rate =
        evaluator_->Evaluate(policy, kMassTolerance, kMaxIterations).abandon_rate;
    slot.emplace(Candidate{std::move(policy), rate});
  }
  return *slot;
}

}  // namespace tmk::dialing
