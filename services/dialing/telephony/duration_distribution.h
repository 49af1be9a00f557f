#pragma once
// A random duration of the telephony simulator (ring time, talk time, wrap-up...): fixed,
// exponential or lognormal, given by its mean (and spread). Sampling uses its own transforms of
// the generator's bits, so a seed gives the same calls on every platform.
#include <random>

#include "absl/status/status.h"

namespace tmk::dialing {

class DurationDistribution {
 public:
  static DurationDistribution Fixed(double seconds);
  static DurationDistribution Exponential(double mean_seconds);
  // Lognormal with this mean and standard deviation (the long right tail of talk times).
  static DurationDistribution LogNormal(double mean_seconds, double stddev_seconds);

  absl::Status Validate() const;
  // Seconds, >= 0.
  double Sample(std::mt19937_64& rng) const;
  double mean() const { return mean_; }

 private:
  enum class Kind { kFixed, kExponential, kLogNormal };
  DurationDistribution(Kind kind, double mean, double stddev);

  Kind kind_;
  double mean_;
  double stddev_;
  // Lognormal: parameters of the underlying normal.
  double log_mu_ = 0;
  double log_sigma_ = 0;
};

// A uniform draw in [0, 1) from the generator's top 53 bits.
double UniformUnit(std::mt19937_64& rng);

}  // namespace tmk::dialing
