#pragma once
// A stationary pacing policy of the PacingModel: for each state (busy agents, calls dialing), how
// many calls should be dialing once the decision is taken (never fewer than already are).
#include <vector>

namespace tmk::dialing {

class PacingPolicy {
 public:
  // `targets` holds (agents + 1) x (max_dialing + 1) entries, row by busy agents.
  PacingPolicy(int agents, int max_dialing, std::vector<int> targets);

  // Dial only for free agents: no answered person can ever find every agent busy (the policy a
  // spent abandon budget leaves).
  static PacingPolicy Progressive(int agents, int max_dialing);

  // Calls that should be dialing in this state. Counts outside the table are clamped: busy to
  // [0, agents]; beyond max_dialing nothing more is launched.
  int TargetDialing(int busy, int dialing) const;

  int agents() const { return agents_; }
  int max_dialing() const { return max_dialing_; }

 private:
  int agents_;
  int max_dialing_;
  std::vector<int> targets_;
};

}  // namespace tmk::dialing
