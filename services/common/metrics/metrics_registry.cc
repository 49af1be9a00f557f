#include "services/common/metrics/metrics_registry.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace tmk::metrics {

static_assert(std::atomic<double>::is_always_lock_free, "hot-path updates must be lock-free");
static_assert(std::atomic<uint64_t>::is_always_lock_free, "hot-path updates must be lock-free");

namespace {

// Broken invariants fail loudly (see the header); exceptions never leave the module.
[[noreturn]] void Die(std::string_view what, std::string_view name) {
  std::fprintf(stderr, "tmk::metrics: %.*s: '%.*s'\n", static_cast<int>(what.size()), what.data(),
               static_cast<int>(name.size()), name.data());
  std::abort();
}

// C++17 has no atomic<double>::fetch_add; a CAS loop is still lock-free.
void AtomicAdd(std::atomic<double>& target, double amount) {
  double current = target.load(std::memory_order_relaxed);
  while (!target.compare_exchange_weak(current, current + amount, std::memory_order_relaxed)) {
  }
}

bool IsMetricNameChar(char c, bool first) {
  if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c == ':') return true;
  return !first && c >= '0' && c <= '9';
}

bool IsValidMetricName(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    if (!IsMetricNameChar(name[i], i == 0)) return false;
  }
  return true;
}

// Label names are metric names without ':'; "__" prefixes are reserved for Prometheus itself.
bool IsValidLabelName(std::string_view name) {
  if (name.empty() || name.find(':') != std::string_view::npos) return false;
  if (name.substr(0, 2) == "__") return false;
  return IsValidMetricName(name);
}

// Sorted by name so that label order at the call site does not create a second child.
Labels Canonical(std::string_view metric, const Labels& labels, bool is_histogram) {
  Labels sorted = labels;
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (!IsValidLabelName(sorted[i].first)) Die("invalid label name", sorted[i].first);
    if (is_histogram && sorted[i].first == "le") Die("'le' is reserved in histogram", metric);
    if (i > 0 && sorted[i].first == sorted[i - 1].first) Die("duplicate label", sorted[i].first);
  }
  return sorted;
}

// Whole numbers (most counters, gauges of things) print as integers, so 200000 never turns into
// "2e+05"; everything else uses the shortest round-trip spelling. Non-finite values use the
// names the exposition format defines.
std::string FormatValue(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "+Inf" : "-Inf";
  char buffer[32];
  std::to_chars_result result;
  if (value == std::floor(value) && std::fabs(value) < 1e15) {
    result = std::to_chars(buffer, buffer + sizeof(buffer), static_cast<int64_t>(value));
  } else {
    result = std::to_chars(buffer, buffer + sizeof(buffer), value);
  }
  return std::string(buffer, result.ptr);
}

void AppendEscaped(std::string* out, std::string_view text, bool escape_quote) {
  for (char c : text) {
    if (c == '\\') {
      out->append("\\\\");
    } else if (c == '\n') {
      out->append("\\n");
    } else if (c == '"' && escape_quote) {
      out->append("\\\"");
    } else {
      out->push_back(c);
    }
  }
}

// `{a="1",b="2"}`, with an optional extra label (histograms' le) last; nothing when empty.
void AppendLabels(std::string* out, const Labels& labels, std::string_view extra_name = {},
                  std::string_view extra_value = {}) {
  if (labels.empty() && extra_name.empty()) return;
  out->push_back('{');
  bool first = true;
  auto append_one = [&](std::string_view name, std::string_view value) {
    if (!first) out->push_back(',');
    first = false;
    out->append(name);
    out->append("=\"");
    AppendEscaped(out, value, /*escape_quote=*/true);
    out->push_back('"');
  };
  for (const auto& [name, value] : labels) append_one(name, value);
  if (!extra_name.empty()) append_one(extra_name, extra_value);
  out->push_back('}');
}

void AppendSample(std::string* out, std::string_view name, const Labels& labels, double value) {
  out->append(name);
  AppendLabels(out, labels);
  out->push_back(' ');
  out->append(FormatValue(value));
  out->push_back('\n');
}

}  // namespace

void Counter::Increment(double amount) {
  if (!(amount >= 0.0)) return;  // also false for NaN
  AtomicAdd(value_, amount);
}

void Gauge::Increment(double amount) { AtomicAdd(value_, amount); }

Histogram::Histogram(std::vector<double> upper_bounds)
    : upper_bounds_(std::move(upper_bounds)),
      bucket_counts_(new std::atomic<uint64_t>[upper_bounds_.size() + 1]) {
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) bucket_counts_[i].store(0);
}

void Histogram::Observe(double value) {
  if (std::isnan(value)) return;  // would poison _sum forever
  // First bound >= value: Prometheus buckets count observations <= le.
  size_t index = static_cast<size_t>(
      std::lower_bound(upper_bounds_.begin(), upper_bounds_.end(), value) -
      upper_bounds_.begin());
  bucket_counts_[index].fetch_add(1, std::memory_order_relaxed);
  AtomicAdd(sum_, value);
}

Histogram::Snapshot Histogram::Collect() const {
  Snapshot snapshot;
  snapshot.upper_bounds = upper_bounds_;
  uint64_t running = 0;
  for (size_t i = 0; i <= upper_bounds_.size(); ++i) {
    running += bucket_counts_[i].load(std::memory_order_relaxed);
    snapshot.cumulative_counts.push_back(running);
  }
  snapshot.count = running;
  snapshot.sum = sum_.load(std::memory_order_relaxed);
  return snapshot;
}

std::vector<double> DefaultLatencyBuckets() {
  return {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
}

struct MetricsRegistry::Family {
  Type type;
  std::string help;
  std::vector<double> buckets;  // histograms only
  std::map<Labels, std::unique_ptr<metrics::Counter>> counters;
  std::map<Labels, std::unique_ptr<metrics::Gauge>> gauges;
  std::map<Labels, std::unique_ptr<metrics::Histogram>> histograms;
};

MetricsRegistry::MetricsRegistry() = default;
MetricsRegistry::~MetricsRegistry() = default;

MetricsRegistry::Family& MetricsRegistry::GetFamily(std::string_view name, std::string_view help,
                                                    Type type,
                                                    const std::vector<double>* buckets) {
  auto it = families_.find(name);
  if (it == families_.end()) {
    if (!IsValidMetricName(name)) Die("invalid metric name", name);
    auto family = std::make_unique<Family>();
    family->type = type;
    family->help = std::string(help);
    if (buckets != nullptr) {
      for (size_t i = 0; i < buckets->size(); ++i) {
        if (!std::isfinite((*buckets)[i])) Die("histogram bucket bounds must be finite", name);
        if (i > 0 && !((*buckets)[i - 1] < (*buckets)[i])) {
          Die("histogram bucket bounds must increase strictly", name);
        }
      }
      family->buckets = *buckets;
    }
    it = families_.emplace(std::string(name), std::move(family)).first;
  }
  Family& family = *it->second;
  if (family.type != type) Die("metric registered with two types", name);
  if (buckets != nullptr && family.buckets != *buckets) {
    Die("histogram registered with two bucket layouts", name);
  }
  return family;
}

metrics::Counter& MetricsRegistry::Counter(std::string_view name, std::string_view help,
                                           const Labels& labels) {
  Labels key = Canonical(name, labels, /*is_histogram=*/false);
  std::lock_guard<std::mutex> lock(mu_);
  Family& family = GetFamily(name, help, Type::kCounter, nullptr);
  std::unique_ptr<metrics::Counter>& child = family.counters[std::move(key)];
  if (child == nullptr) child = std::make_unique<metrics::Counter>();
  return *child;
}

metrics::Gauge& MetricsRegistry::Gauge(std::string_view name, std::string_view help,
                                       const Labels& labels) {
  Labels key = Canonical(name, labels, /*is_histogram=*/false);
  std::lock_guard<std::mutex> lock(mu_);
  Family& family = GetFamily(name, help, Type::kGauge, nullptr);
  std::unique_ptr<metrics::Gauge>& child = family.gauges[std::move(key)];
  if (child == nullptr) child = std::make_unique<metrics::Gauge>();
  return *child;
}

metrics::Histogram& MetricsRegistry::Histogram(std::string_view name, std::string_view help,
                                               const Labels& labels,
                                               const std::vector<double>& buckets) {
  Labels key = Canonical(name, labels, /*is_histogram=*/true);
  std::lock_guard<std::mutex> lock(mu_);
  Family& family = GetFamily(name, help, Type::kHistogram, &buckets);
  std::unique_ptr<metrics::Histogram>& child = family.histograms[std::move(key)];
  if (child == nullptr) child = std::make_unique<metrics::Histogram>(family.buckets);
  return *child;
}

std::string MetricsRegistry::Serialize() const {
  std::string out;
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [name, family] : families_) {
    out.append("# HELP ").append(name).push_back(' ');
    AppendEscaped(&out, family->help, /*escape_quote=*/false);
    out.push_back('\n');
    out.append("# TYPE ").append(name).push_back(' ');
    switch (family->type) {
      case Type::kCounter:
        out.append("counter\n");
        for (const auto& [labels, counter] : family->counters) {
          AppendSample(&out, name, labels, counter->Value());
        }
        break;
      case Type::kGauge:
        out.append("gauge\n");
        for (const auto& [labels, gauge] : family->gauges) {
          AppendSample(&out, name, labels, gauge->Value());
        }
        break;
      case Type::kHistogram: {
        out.append("histogram\n");
        const std::string bucket_name = name + "_bucket";
        for (const auto& [labels, histogram] : family->histograms) {
          metrics::Histogram::Snapshot snapshot = histogram->Collect();
          for (size_t i = 0; i <= snapshot.upper_bounds.size(); ++i) {
            std::string le = i < snapshot.upper_bounds.size()
                                 ? FormatValue(snapshot.upper_bounds[i])
                                 : std::string("+Inf");
            out.append(bucket_name);
            AppendLabels(&out, labels, "le", le);
            out.push_back(' ');
            out.append(std::to_string(snapshot.cumulative_counts[i]));
            out.push_back('\n');
          }
          AppendSample(&out, name + "_sum", labels, snapshot.sum);
          out.append(name).append("_count");
          AppendLabels(&out, labels);
          out.push_back(' ');
          out.append(std::to_string(snapshot.count));
          out.push_back('\n');
        }
        break;
      }
    }
  }
  return out;
}

}  // namespace tmk::metrics
