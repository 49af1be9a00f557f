#pragma once
// A small Prometheus client (Debian 12 ships no prometheus-cpp). Families of counters, gauges and
// histograms keyed by label set, serialised in the text exposition format 0.0.4.
//
// Looking a child up takes the registry mutex; updating it afterwards is a lock-free atomic, so
// hot paths fetch their child once and keep the reference, which stays valid for the registry's
// lifetime. Programmer errors (an invalid metric or label name, one name registered as two
// types or with two bucket layouts) abort with a message: they are broken invariants, caught by
// the first test that touches the code, not runtime conditions.
#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tmk::metrics {

// Label name/value pairs. Order does not matter: {a,b} and {b,a} name the same child.
using Labels = std::vector<std::pair<std::string, std::string>>;

class Counter {
 public:
  // Counters only go up; a negative or NaN amount is ignored rather than corrupting the series.
  void Increment(double amount = 1.0);
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Gauge {
 public:
  void Set(double value) { value_.store(value, std::memory_order_relaxed); }
  void Increment(double amount = 1.0);
  void Decrement(double amount = 1.0) { Increment(-amount); }
  double Value() const { return value_.load(std::memory_order_relaxed); }

 private:
  std::atomic<double> value_{0.0};
};

class Histogram {
 public:
  // `upper_bounds` must be finite and strictly increasing; +Inf is implicit.
  explicit Histogram(std::vector<double> upper_bounds);

  void Observe(double value);

  struct Snapshot {
    std::vector<double> upper_bounds;
    std::vector<uint64_t> cumulative_counts;  // one per bound, then +Inf (== count)
    double sum = 0.0;
    uint64_t count = 0;
  };
  Snapshot Collect() const;

 private:
  const std::vector<double> upper_bounds_;
  // Non-cumulative per-bucket counts; the last one is the +Inf overflow bucket. _count is their
  // total, so a scrape never shows a _count that disagrees with the +Inf bucket.
  std::unique_ptr<std::atomic<uint64_t>[]> bucket_counts_;
  std::atomic<double> sum_{0.0};
};

// Prometheus' client defaults, in seconds: request latencies from 5 ms to 10 s.
std::vector<double> DefaultLatencyBuckets();

class MetricsRegistry {
 public:
  MetricsRegistry();
  MetricsRegistry(const MetricsRegistry&) = delete;
  MetricsRegistry& operator=(const MetricsRegistry&) = delete;
  ~MetricsRegistry();

  // Returns the child of family `name` with `labels`, creating either on first use. The help text
  // of the first registration wins.
  metrics::Counter& Counter(std::string_view name, std::string_view help,
                            const Labels& labels = {});
  metrics::Gauge& Gauge(std::string_view name, std::string_view help, const Labels& labels = {});
  metrics::Histogram& Histogram(std::string_view name, std::string_view help,
                                const Labels& labels = {},
                                const std::vector<double>& buckets = DefaultLatencyBuckets());

  // The whole registry in text exposition format 0.0.4: families sorted by name, children by
  // label set, labels by name.
  std::string Serialize() const;

 private:
  enum class Type { kCounter, kGauge, kHistogram };
  struct Family;

  Family& GetFamily(std::string_view name, std::string_view help, Type type,
                    const std::vector<double>* buckets);

  mutable std::mutex mu_;
  std::map<std::string, std::unique_ptr<Family>, std::less<>> families_;
};

}  // namespace tmk::metrics
