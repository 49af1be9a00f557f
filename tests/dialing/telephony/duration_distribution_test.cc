#include "services/dialing/telephony/duration_distribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace tmk::dialing {
namespace {

constexpr int kSamples = 200000;

std::vector<double> Draw(const DurationDistribution& d, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<double> xs(kSamples);
  for (double& x : xs) x = d.Sample(rng);
  return xs;
}

double Mean(const std::vector<double>& xs) {
  double sum = 0;
  for (double x : xs) sum += x;
  return sum / xs.size();
}

double StdDev(const std::vector<double>& xs) {
  const double m = Mean(xs);
  double sum = 0;
  for (double x : xs) sum += (x - m) * (x - m);
  return std::sqrt(sum / (xs.size() - 1));
}

// Kolmogorov-Smirnov distance between the sample and a CDF.
template <typename Cdf>
double KsDistance(std::vector<double> xs, Cdf cdf) {
  std::sort(xs.begin(), xs.end());
  double d = 0;
  for (size_t i = 0; i < xs.size(); ++i) {
    const double f = cdf(xs[i]);
    d = std::max({d, f - double(i) / xs.size(), double(i + 1) / xs.size() - f});
  }
  return d;
}

// 1.95 / sqrt(n) is the KS critical value at 0.1 %: a wrong shape fails far beyond it (a mean off
// by 5 % already gives ~0.018 against this bound of 0.0044).
const double kKsBound = 1.95 / std::sqrt(double(kSamples));

TEST(DurationDistribution, FixedIsAlwaysItsValue) {
  const auto d = DurationDistribution::Fixed(2.5);
  std::mt19937_64 rng(1);
  for (int i = 0; i < 100; ++i) EXPECT_EQ(d.Sample(rng), 2.5);
  EXPECT_EQ(d.mean(), 2.5);
}

TEST(DurationDistribution, ExponentialHasItsMeanSpreadAndShape) {
  const auto xs = Draw(DurationDistribution::Exponential(15), 7);
  EXPECT_NEAR(Mean(xs), 15, 15 * 0.01);  // 4.5 standard errors
  EXPECT_NEAR(StdDev(xs), 15, 15 * 0.015);
  EXPECT_LT(KsDistance(xs, [](double x) { return 1 - std::exp(-x / 15); }), kKsBound);
  // Memoryless: of those past 15 s, the share past 30 s is again e^-1.
  const double past15 = std::count_if(xs.begin(), xs.end(), [](double x) { return x > 15; });
  const double past30 = std::count_if(xs.begin(), xs.end(), [](double x) { return x > 30; });
  EXPECT_NEAR(past30 / past15, std::exp(-1.0), 0.01);
}

TEST(DurationDistribution, LogNormalHasItsMeanSpreadAndShape) {
  const double mean = 150;
  const double sd = 90;
  const auto xs = Draw(DurationDistribution::LogNormal(mean, sd), 11);
  EXPECT_NEAR(Mean(xs), mean, mean * 0.01);
  EXPECT_NEAR(StdDev(xs), sd, sd * 0.03);
  const double sigma = std::sqrt(std::log1p(sd * sd / (mean * mean)));
  const double mu = std::log(mean) - sigma * sigma / 2;
  EXPECT_LT(KsDistance(xs,
                       [&](double x) {
                         return 0.5 * std::erfc(-(std::log(x) - mu) / (sigma * std::sqrt(2.0)));
                       }),
            kKsBound);
  EXPECT_GT(*std::min_element(xs.begin(), xs.end()), 0);
}

TEST(DurationDistribution, ASeedGivesTheSameDurations) {
  const auto d = DurationDistribution::LogNormal(30, 15);
  EXPECT_EQ(Draw(d, 5), Draw(d, 5));
  EXPECT_NE(Draw(d, 5), Draw(d, 6));
}

TEST(DurationDistribution, RejectsMeaninglessParameters) {
  EXPECT_TRUE(DurationDistribution::Fixed(0).Validate().ok());
  EXPECT_FALSE(DurationDistribution::Fixed(-1).Validate().ok());
  EXPECT_FALSE(DurationDistribution::Exponential(0).Validate().ok());
  EXPECT_FALSE(DurationDistribution::LogNormal(10, 0).Validate().ok());
  EXPECT_FALSE(DurationDistribution::LogNormal(0, 5).Validate().ok());
  EXPECT_FALSE(DurationDistribution::Fixed(INFINITY).Validate().ok());
}

}  // namespace
}  // namespace tmk::dialing
