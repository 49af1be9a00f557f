#include "services/dialing/telephony/duration_distribution.h"

#include <cmath>

namespace tmk::dialing {

double UniformUnit(std::mt19937_64& rng) { return double(rng() >> 11) * 0x1.0p-53; }

DurationDistribution::DurationDistribution(Kind kind, double mean, double stddev)
    : kind_(kind), mean_(mean), stddev_(stddev) {
  if (kind == Kind::kLogNormal && mean > 0) {
    log_sigma_ = std::sqrt(std::log1p(stddev * stddev / (mean * mean)));
    log_mu_ = std::log(mean) - log_sigma_ * log_sigma_ / 2;
  }
}

DurationDistribution DurationDistribution::Fixed(double seconds) {
  return DurationDistribution(Kind::kFixed, seconds, 0);
}

DurationDistribution DurationDistribution::Exponential(double mean_seconds) {
  return DurationDistribution(Kind::kExponential, mean_seconds, mean_seconds);
}

DurationDistribution DurationDistribution::LogNormal(double mean_seconds, double stddev_seconds) {
  return DurationDistribution(Kind::kLogNormal, mean_seconds, stddev_seconds);
}

absl::Status DurationDistribution::Validate() const {
  if (!(mean_ >= 0 && std::isfinite(mean_))) {
    return absl::InvalidArgumentError("a duration's mean must be finite and >= 0");
  }
  if (kind_ != Kind::kFixed && !(mean_ > 0)) {
    return absl::InvalidArgumentError("a random duration needs a positive mean");
  }
  if (kind_ == Kind::kLogNormal && !(stddev_ > 0 && std::isfinite(stddev_))) {
    return absl::InvalidArgumentError("a lognormal duration needs a positive standard deviation");
  }
  return absl::OkStatus();
}

double DurationDistribution::Sample(std::mt19937_64& rng) const {
  switch (kind_) {
    case Kind::kFixed:
      return mean_;
    case Kind::kExponential:
      return -mean_ * std::log1p(-UniformUnit(rng));
    case Kind::kLogNormal: {
      // Box-Muller; 1 - u keeps the logarithm finite.
      const double u = 1 - UniformUnit(rng);
      const double v = UniformUnit(rng);
      const double normal = std::sqrt(-2 * std::log(u)) * std::cos(2 * M_PI * v);
      return std::exp(log_mu_ + log_sigma_ * normal);
    }
  }
  return mean_;
}

}  // namespace tmk::dialing
