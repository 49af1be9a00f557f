#include "services/common/metrics/metrics_registry.h"

#include <gtest/gtest.h>

#include <cmath>
#include <thread>
#include <vector>

namespace tmk::metrics {
namespace {

TEST(MetricsRegistryTest, SerializesCounterWithLabelsExactly) {
  MetricsRegistry registry;
  registry.Counter("tm_grpc_requests_total", "Handled RPCs.", {{"method", "Get"}, {"code", "OK"}})
      .Increment();
  // Label order at the call site does not matter: same child.
  registry.Counter("tm_grpc_requests_total", "ignored", {{"code", "OK"}, {"method", "Get"}})
      .Increment(2);
  registry.Counter("tm_grpc_requests_total", "", {{"method", "Get"}, {"code", "NOT_FOUND"}})
      .Increment();
  EXPECT_EQ(registry.Serialize(),
            "# HELP tm_grpc_requests_total Handled RPCs.\n"
            "# TYPE tm_grpc_requests_total counter\n"
            "tm_grpc_requests_total{code=\"NOT_FOUND\",method=\"Get\"} 1\n"
            "tm_grpc_requests_total{code=\"OK\",method=\"Get\"} 3\n");
}

TEST(MetricsRegistryTest, SerializesGaugeWithoutLabelsAndEscapes) {
  MetricsRegistry registry;
  Gauge& gauge = registry.Gauge("tm_outbox_backlog", "Rows \\ waiting\nto be relayed.");
  gauge.Set(10);
  gauge.Decrement(2.5);
  gauge.Increment();
  registry.Gauge("tm_weird", "Escapes.", {{"path", "C:\\dir \"x\"\nnext"}}).Set(-1);
  EXPECT_EQ(registry.Serialize(),
            "# HELP tm_outbox_backlog Rows \\\\ waiting\\nto be relayed.\n"
            "# TYPE tm_outbox_backlog gauge\n"
            "tm_outbox_backlog 8.5\n"
            "# HELP tm_weird Escapes.\n"
            "# TYPE tm_weird gauge\n"
            "tm_weird{path=\"C:\\\\dir \\\"x\\\"\\nnext\"} -1\n");
}

TEST(MetricsRegistryTest, SerializesHistogramExactly) {
  MetricsRegistry registry;
  Histogram& histogram =
      registry.Histogram("tm_rpc_latency_seconds", "RPC latency.", {{"method", "Create"}},
                         {0.01, 0.1, 1});
  histogram.Observe(0.005);
  histogram.Observe(0.01);  // on the bound: counts as <= le
  histogram.Observe(0.5);
  histogram.Observe(3);
  EXPECT_EQ(registry.Serialize(),
            "# HELP tm_rpc_latency_seconds RPC latency.\n"
            "# TYPE tm_rpc_latency_seconds histogram\n"
            "tm_rpc_latency_seconds_bucket{method=\"Create\",le=\"0.01\"} 2\n"
            "tm_rpc_latency_seconds_bucket{method=\"Create\",le=\"0.1\"} 2\n"
            "tm_rpc_latency_seconds_bucket{method=\"Create\",le=\"1\"} 3\n"
            "tm_rpc_latency_seconds_bucket{method=\"Create\",le=\"+Inf\"} 4\n"
            "tm_rpc_latency_seconds_sum{method=\"Create\"} 3.515\n"
            "tm_rpc_latency_seconds_count{method=\"Create\"} 4\n");
}

TEST(MetricsRegistryTest, HistogramWithoutLabelsUsesDefaultBuckets) {
  MetricsRegistry registry;
  registry.Histogram("tm_relay_batch_seconds", "Batch time.").Observe(0.2);
  std::string text = registry.Serialize();
  EXPECT_NE(text.find("tm_relay_batch_seconds_bucket{le=\"0.005\"} 0\n"), std::string::npos)
      << text;
  EXPECT_NE(text.find("tm_relay_batch_seconds_bucket{le=\"0.25\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("tm_relay_batch_seconds_bucket{le=\"10\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("tm_relay_batch_seconds_bucket{le=\"+Inf\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("tm_relay_batch_seconds_sum 0.2\n"), std::string::npos);
  EXPECT_NE(text.find("tm_relay_batch_seconds_count 1\n"), std::string::npos);
}

TEST(MetricsRegistryTest, ReferencesAreStable) {
  MetricsRegistry registry;
  Counter& first = registry.Counter("tm_a_total", "A.", {{"k", "1"}});
  for (int i = 0; i < 1000; ++i) {
    registry.Counter("tm_a_total", "A.", {{"k", std::to_string(i + 2)}});
  }
  EXPECT_EQ(&first, &registry.Counter("tm_a_total", "A.", {{"k", "1"}}));
}

TEST(MetricsRegistryTest, CountersIgnoreNegativeAndNaN) {
  MetricsRegistry registry;
  Counter& counter = registry.Counter("tm_b_total", "B.");
  counter.Increment(2);
  counter.Increment(-1);
  counter.Increment(std::nan(""));
  EXPECT_EQ(counter.Value(), 2);
}

TEST(MetricsRegistryTest, ConcurrentIncrementsAreExact) {
  MetricsRegistry registry;
  constexpr int kThreads = 8;
  constexpr int kPerThread = 20000;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&registry, t] {
      // Half the threads look the child up themselves, racing its creation.
      Counter& counter = registry.Counter("tm_c_total", "C.", {{"shared", "yes"}});
      Gauge& gauge = registry.Gauge("tm_g", "G.");
      Histogram& histogram = registry.Histogram("tm_h_seconds", "H.", {}, {1});
      for (int i = 0; i < kPerThread; ++i) {
        counter.Increment();
        gauge.Increment(t % 2 == 0 ? 1 : -1);
        histogram.Observe(i % 2 == 0 ? 0.5 : 2);
      }
    });
  }
  std::thread scraper([&registry] {
    for (int i = 0; i < 50; ++i) registry.Serialize();
  });
  for (std::thread& thread : threads) thread.join();
  scraper.join();
  EXPECT_EQ(registry.Counter("tm_c_total", "C.", {{"shared", "yes"}}).Value(),
            kThreads * kPerThread);
  EXPECT_EQ(registry.Gauge("tm_g", "G.").Value(), 0);
  std::string text = registry.Serialize();
  EXPECT_NE(text.find("tm_h_seconds_bucket{le=\"1\"} 80000\n"), std::string::npos) << text;
  EXPECT_NE(text.find("tm_h_seconds_count 160000\n"), std::string::npos) << text;
  EXPECT_NE(text.find("tm_h_seconds_sum 200000\n"), std::string::npos) << text;
}

TEST(MetricsRegistryDeathTest, TypeConflictAborts) {
  MetricsRegistry registry;
  registry.Counter("tm_x_total", "X.");
  EXPECT_DEATH(registry.Gauge("tm_x_total", "X."), "two types");
}

TEST(MetricsRegistryDeathTest, InvalidNamesAbort) {
  MetricsRegistry registry;
  EXPECT_DEATH(registry.Counter("9bad", "X."), "invalid metric name");
  EXPECT_DEATH(registry.Counter("tm_ok_total", "X.", {{"bad-label", "v"}}), "invalid label name");
  EXPECT_DEATH(registry.Histogram("tm_h", "X.", {{"le", "1"}}), "reserved");
  EXPECT_DEATH(registry.Histogram("tm_h2", "X.", {}, {1, 0.5}), "increase strictly");
}

}  // namespace
}  // namespace tmk::metrics
