// scripts/bench reporting (issue 6): a generated floor's call events through real Kafka into the
// reporting projection (the production consumer, inbox and rollups), then
//   - consume rate (events/s) of the whole backlog,
//   - end-to-end lag (produce -> applied) p50/p99 at a fixed produce rate,
//   - query latency of the SLA and campaign reports on the rollups against the same questions
//     asked as plain SQL aggregates over a raw events table holding the same events (COPY), with
//     both answers checked equal.
//   reporting_benchmark [--events=N] [--rate=R] [--lag-seconds=S] [--batch=B]
// Needs TM_TEST_PG_DSN and TM_TEST_KAFKA_BROKERS (scripts/dev-env env). Exits non-zero only when
// an event was lost or the rollups disagree with the raw events.
#include <gtest/gtest.h>
#include <pqxx/pqxx>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <thread>

#include "absl/time/time.h"
#include "services/common/events/event_consumer.h"
#include "services/common/events/kafka_event_publisher.h"
#include "services/reporting/api/live_floor.h"
#include "services/reporting/api/projection_consumer.h"
#include "services/reporting/domain/report_bucket.h"
#include "services/reporting/domain/report_formulas.h"
#include "services/reporting/store/campaign_results_store.h"
#include "services/reporting/store/report_query_store.h"
#include "tests/reporting/support/call_event_set.h"
#include "tests/support/kafka_support.h"
#include "tests/support/pg_fixture.h"

namespace tmk::reporting {
std::vector<pg::Migration> Migrations();

namespace {

struct Settings {
  int64_t events = 1'000'000;
  int rate = 5000;
  int lag_seconds = 20;
  int batch = ProjectionConsumer::kBatchEvents;  // as the reporting module consumes
};
Settings g_settings;

constexpr int kCallsPerSlice = 50'000;
constexpr int kCampaigns = 20;
constexpr int64_t kPeriodSeconds = 30 * 86400;  // the backlog spans 30 days

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

double Percentile(std::vector<double> values, double p) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  return values[std::min(values.size() - 1, static_cast<size_t>(p * values.size()))];
}

// Median wall time of `runs` runs of `query`, in milliseconds.
template <class Query>
double MedianMillis(int runs, Query query) {
  std::vector<double> ms;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = std::chrono::steady_clock::now();
    query();
    ms.push_back(Seconds(std::chrono::steady_clock::now() - t0) * 1000);
  }
  return Percentile(ms, 0.5);
}

class ReportingBenchmark : public tmk::testing::PgSchemaTest {
 protected:
  void SetUp() override {
    PgSchemaTest::SetUp();
    ApplyServiceMigrations(Migrations());
    // The baseline: every call step as one row, as a naive event store would keep it.
    ASSERT_TRUE(pool_->Transact([](pqxx::work& tx) {
      tx.exec("CREATE TABLE raw_call_event (call_id text, sequence bigint, occur_time timestamptz,"
              " campaign_id text, agent_id text, variant_id text, step text, wait_ms bigint,"
              " talk_ms bigint, wrap_ms bigint, order_id text)");
      return absl::OkStatus();
    }).ok());
  }

  // Runs a read; a failure fails the benchmark with its status.
  void Read(const pg::PgPool::Work& work) {
    absl::Status status = pool_->Transact(work);
    ASSERT_TRUE(status.ok()) << status;
  }

  void CopyRaw(const std::vector<testing::RawCallStep>& rows) {
    ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
      pqxx::stream_to copy(tx, "raw_call_event",
                           std::vector<std::string>{"call_id", "sequence", "occur_time",
                                                    "campaign_id", "agent_id", "variant_id", "step",
                                                    "wait_ms", "talk_ms", "wrap_ms", "order_id"});
      for (const auto& r : rows) {
        const absl::Time t = absl::FromUnixMicros(r.occur_unix_micros);
        copy << std::make_tuple(r.call_id, r.sequence,
                                absl::FormatTime("%Y-%m-%d %H:%M:%E6S+00", t, absl::UTCTimeZone()),
                                r.campaign_id, r.agent_id, r.variant_id, r.step, r.wait_ms,
                                r.talk_ms, r.wrap_ms, r.order_id);
      }
      copy.complete();
      return absl::OkStatus();
    }).ok());
  }
};

TEST_F(ReportingBenchmark, ConsumeRateLagAndQueriesAgainstRawEvents) {
  const Settings& s = g_settings;
  const std::string brokers = tmk::testing::KafkaBrokers();
  const std::string prefix = tmk::testing::UniqueName("bench") + ".";
  tmk::testing::CreateTopic(brokers, prefix + "tm.calls.v1", 6);
  tmk::testing::CreateTopic(brokers, prefix + "tm.agents.v1", 3);
  events::KafkaConfig kafka;
  kafka.brokers = brokers;
  auto publisher = events::KafkaEventPublisher::Create(kafka, "bench", "dialing");
  ASSERT_TRUE(publisher.ok()) << publisher.status();

  // 1. The backlog: produced to Kafka and copied into the raw table, slice by slice.
  const int64_t start = 1'790'000'000;
  // About 4.4 events per generated call.
  const int64_t calls = std::max<int64_t>(1, s.events * 10 / 44);
  testing::CallEventCounts total;
  int64_t produced = 0;
  auto produce_started = std::chrono::steady_clock::now();
  double copy_seconds = 0;
  for (int64_t first = 0; first < calls; first += kCallsPerSlice) {
    testing::CallEventSetOptions options;
    options.first_call = first;
    options.calls = static_cast<int>(std::min<int64_t>(kCallsPerSlice, calls - first));
    options.campaigns = kCampaigns;
    options.agents = 200;
    options.start_unix_seconds = start;
    options.seconds_between_calls = static_cast<int>(std::max<int64_t>(1, kPeriodSeconds / calls));
    options.seed = 7;
    options.region = "bench";
    testing::CallEventSet set = testing::GenerateCallEvents(options);
    std::vector<events::OutboundEvent> out = testing::ToOutbound(set.events, prefix);
    // Stamped as sent now (the payloads keep the calls' times): the broker's time retention (7
    // days on the dev broker) would delete a backlog dated in the past while it is consumed.
    const TimePoint sent = std::chrono::system_clock::now();
    for (auto& e : out) e.time = sent;
    for (size_t i = 0; i < out.size(); i += 10000) {
      std::vector<events::OutboundEvent> batch(out.begin() + i,
                                               out.begin() + std::min(out.size(), i + 10000));
      absl::Status sent = (*publisher)->PublishBatch(batch);
      ASSERT_TRUE(sent.ok()) << sent;
    }
    produced += static_cast<int64_t>(out.size());
    auto copy_started = std::chrono::steady_clock::now();
    CopyRaw(set.raw);
    copy_seconds += Seconds(std::chrono::steady_clock::now() - copy_started);
    total.calls += set.counts.calls;
    total.answered += set.counts.answered;
    total.handled += set.counts.handled;
    total.abandoned += set.counts.abandoned;
    total.orders += set.counts.orders;
  }
  const double produce_seconds = Seconds(std::chrono::steady_clock::now() - produce_started) - copy_seconds;
  ASSERT_TRUE(pool_->Transact([](pqxx::work& tx) {
    tx.exec("CREATE INDEX ON raw_call_event (campaign_id, occur_time)");
    tx.exec("ANALYZE raw_call_event");
    return absl::OkStatus();
  }).ok());

  // 2. The projection consumes the backlog through the production consumer.
  LiveFloor live;
  ProjectionConsumer projection(*pool_, live);
  std::mutex lag_mu;
  std::vector<double> lags_ms;
  std::atomic<bool> measuring{false};
  // The lag of an applied event: now (after its commit) less its send time.
  auto applied = [&](const events::ConsumedEvent& event) {
    absl::Time sent;
    std::string error;
    if (measuring && absl::ParseTime(absl::RFC3339_full, event.time, &sent, &error)) {
      std::lock_guard<std::mutex> lock(lag_mu);
      lags_ms.push_back(absl::ToDoubleMilliseconds(absl::Now() - sent));
    }
  };
  // Batched as the reporting module consumes (one transaction per batch of what has arrived).
  auto consumer = events::EventConsumer::Create(
      kafka, tmk::testing::UniqueName("bench-reporting"),
      {prefix + "tm.calls.v1", prefix + "tm.agents.v1"},
      [&](const events::ConsumedEvent& event) {
        absl::Status status = projection.Handle(event);
        if (status.ok()) applied(event);
        return status;
      },
      events::EventConsumer::Batching{
          [&](const std::vector<events::ConsumedEvent>& batch) {
            absl::Status status = projection.HandleBatch(batch);
            if (status.ok()) {
              for (const auto& event : batch) applied(event);
            }
            return status;
          },
          g_settings.batch});
  ASSERT_TRUE(consumer.ok()) << consumer.status();
  const auto consume_started = std::chrono::steady_clock::now();
  (*consumer)->Start();
  // Progress every 5 s: a large backlog takes minutes.
  auto reported = consume_started;
  int64_t reported_applied = 0;
  for (int64_t done = 0; done < produced;
       done = (*consumer)->handled() + (*consumer)->skipped()) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    const auto now = std::chrono::steady_clock::now();
    if (now - reported >= std::chrono::seconds(5)) {
      std::fprintf(stderr, "  consumed %lld / %lld events, %.0f events/s\n",
                   static_cast<long long>(done), static_cast<long long>(produced),
                   (done - reported_applied) / Seconds(now - reported));
      reported = now;
      reported_applied = done;
    }
  }
  const double consume_seconds = Seconds(std::chrono::steady_clock::now() - consume_started);
  EXPECT_EQ((*consumer)->skipped(), 0);
  EXPECT_EQ(Scalar("SELECT sum(dial_attempts) FROM call_rollup"), std::to_string(total.calls));
  EXPECT_EQ(Scalar("SELECT sum(handled) FROM call_rollup"), std::to_string(total.handled));
  EXPECT_EQ(Scalar("SELECT sum(abandoned) FROM call_rollup"), std::to_string(total.abandoned));
  EXPECT_EQ(Scalar("SELECT sum(orders) FROM call_rollup"), std::to_string(total.orders));

  // 3. The same questions of the rollups and of the raw events, over the backlog's 30 days (all
  // the campaigns have done so far: the lag phase's calls come later).
  ReportScope scope;
  scope.start = TimePoint(std::chrono::seconds(start - start % 900));
  scope.end = TimePoint(std::chrono::seconds(start + kPeriodSeconds + 900));
  scope.width = BucketWidth::kTotal;
  ReportQueryStore queries;
  CampaignResultsStore results;
  const size_t sl20 = *ServiceLevelIndex(std::chrono::seconds(20));
  std::map<std::string, std::vector<double>> rollup_sla, raw_sla;
  const double rollup_sla_ms = MedianMillis(5, [&] {
    Read([&](pqxx::work& tx) {
      rollup_sla.clear();
      for (const CallRow& r : queries.CallRows(tx, scope, SplitBy::kCampaign, 0)) {
        rollup_sla[r.key] = {double(r.measures.dial_attempts), double(r.measures.offered),
                             double(r.measures.handled), double(r.measures.abandoned),
                             double(AverageWaitTime(r.measures).count()),
                             double(AverageHandleTime(r.measures).count()),
                             ServiceLevel(r.measures, sl20)};
      }
      return absl::OkStatus();
    });
  });
  const std::string raw_sla_sql =
      "WITH calls AS (SELECT call_id, min(campaign_id) AS campaign_id,"
      " bool_or(step = 'answered') AS answered, bool_or(step = 'machine') AS machine,"
      " bool_or(step = 'connected') AS connected, bool_or(step = 'abandoned') AS abandoned,"
      " bool_or(step = 'ended') AS ended, max(wait_ms) FILTER (WHERE step = 'connected') AS wait_ms,"
      " sum(talk_ms + wrap_ms) AS handle_ms FROM raw_call_event"
      " WHERE occur_time >= $1::timestamptz AND occur_time < $2::timestamptz GROUP BY call_id)"
      " SELECT campaign_id, count(*), count(*) FILTER (WHERE answered AND NOT machine),"
      " count(*) FILTER (WHERE connected),"
      " count(*) FILTER (WHERE answered AND NOT machine AND"
      "   CASE WHEN connected THEN wait_ms > 2000 ELSE abandoned OR ended END),"
      " coalesce(div(sum(wait_ms) FILTER (WHERE connected),"
      "   nullif(count(*) FILTER (WHERE connected), 0)), 0)::bigint,"
      " coalesce(div(sum(handle_ms) FILTER (WHERE connected AND ended),"
      "   nullif(count(*) FILTER (WHERE connected AND ended), 0)), 0)::bigint,"
      " coalesce(count(*) FILTER (WHERE connected AND wait_ms <= 20000)::float8"
      "   / nullif(count(*) FILTER (WHERE answered AND NOT machine), 0), 0)"
      " FROM calls GROUP BY campaign_id";
  const std::string from = absl::FormatTime(absl::FromChrono(scope.start));
  const std::string to = absl::FormatTime(absl::FromChrono(scope.end));
  const double raw_sla_ms = MedianMillis(3, [&] {
    Read([&](pqxx::work& tx) {
      raw_sla.clear();
      for (const auto& row : tx.exec_params(raw_sla_sql, from, to)) {
        raw_sla[row[0].as<std::string>()] = {
            row[1].as<double>(), row[2].as<double>(), row[3].as<double>(), row[4].as<double>(),
            double(row[5].as<int64_t>()), double(row[6].as<int64_t>()), row[7].as<double>()};
      }
      return absl::OkStatus();
    });
  });
  // The backlog's campaigns only (the lag phase's calls are "now", outside the period).
  EXPECT_EQ(rollup_sla.size(), raw_sla.size());
  for (const auto& [campaign, figures] : raw_sla) {
    ASSERT_EQ(rollup_sla[campaign].size(), figures.size()) << campaign;
    for (size_t i = 0; i < figures.size(); ++i) {
      EXPECT_NEAR(rollup_sla[campaign][i], figures[i], 1e-9) << campaign << " measure " << i;
    }
  }

  const std::string campaign = "camp-3";
  std::map<std::string, std::vector<int64_t>> rollup_campaign, raw_campaign;
  const double rollup_campaign_ms = MedianMillis(5, [&] {
    Read([&](pqxx::work& tx) {
      rollup_campaign.clear();
      ReportScope one = scope;
      one.campaign_ids = {campaign};
      for (const CallRow& r : queries.CallRows(tx, one, SplitBy::kVariant, 0)) {
        rollup_campaign[r.key] = {r.measures.dial_attempts, r.measures.contacts, r.measures.orders};
      }
      // The funnel, classes and orders of the campaign's leads: part of the report, not compared
      // (the raw table has no lead state to compare them with).
      results.Sales(tx, campaign, scope.start, scope.end);
      return absl::OkStatus();
    });
  });
  const double raw_campaign_ms = MedianMillis(3, [&] {
    Read([&](pqxx::work& tx) {
      raw_campaign.clear();
      for (const auto& row : tx.exec_params(
               "WITH calls AS (SELECT call_id, min(variant_id) AS variant_id,"
               " bool_or(step = 'answered') AS answered, bool_or(step = 'machine') AS machine,"
               " bool_or(order_id <> '') AS ordered FROM raw_call_event WHERE campaign_id = $1"
               " AND occur_time >= $2::timestamptz AND occur_time < $3::timestamptz"
               " GROUP BY call_id)"
               " SELECT variant_id, count(*), count(*) FILTER (WHERE answered AND NOT machine),"
               " count(*) FILTER (WHERE ordered)"
               " FROM calls GROUP BY variant_id",
               campaign, from, to)) {
        raw_campaign[row[0].as<std::string>()] = {row[1].as<int64_t>(), row[2].as<int64_t>(),
                                                  row[3].as<int64_t>()};
      }
      return absl::OkStatus();
    });
  });
  EXPECT_EQ(rollup_campaign, raw_campaign);
  // A period that covers only some of the campaign's leads reads their state lead by lead
  // (lead_progress), not the tally: days 11 to 20 of the 30.
  const TimePoint middle = UtcDayStart(scope.start) + 10 * kUtcDay;
  const double partial_sales_ms = MedianMillis(5, [&] {
    Read([&](pqxx::work& tx) {
      results.Sales(tx, campaign, middle, middle + 10 * kUtcDay);
      return absl::OkStatus();
    });
  });

  // 4. Lag at a fixed produce rate: new calls "now", stamped with their send time.
  const int64_t lag_calls = std::max<int64_t>(1, int64_t{s.rate} * s.lag_seconds * 10 / 44);
  testing::CallEventSetOptions live_options;
  live_options.first_call = calls + 1;
  live_options.calls = static_cast<int>(lag_calls);
  live_options.campaigns = kCampaigns;
  live_options.start_unix_seconds = absl::ToUnixSeconds(absl::Now());
  live_options.seconds_between_calls = 1;
  live_options.seed = 7;
  live_options.region = "bench";
  std::vector<events::OutboundEvent> live_events =
      testing::ToOutbound(testing::GenerateCallEvents(live_options).events, prefix);
  const int64_t before_live = (*consumer)->handled();
  measuring = true;
  const auto tick = std::chrono::milliseconds(10);
  const size_t per_tick = std::max<size_t>(1, static_cast<size_t>(s.rate) / 100);
  auto next = std::chrono::steady_clock::now();
  for (size_t i = 0; i < live_events.size(); i += per_tick) {
    std::vector<events::OutboundEvent> batch(
        live_events.begin() + i, live_events.begin() + std::min(live_events.size(), i + per_tick));
    const TimePoint now = std::chrono::system_clock::now();
    for (auto& e : batch) e.time = now;  // ce_time = send time: the consumer measures the lag
    ASSERT_TRUE((*publisher)->PublishBatch(batch).ok());
    next += tick;
    std::this_thread::sleep_until(next);
  }
  const auto live_deadline = std::chrono::steady_clock::now() + std::chrono::minutes(10);
  while ((*consumer)->handled() - before_live < static_cast<int64_t>(live_events.size()) &&
         std::chrono::steady_clock::now() < live_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  (*consumer)->Stop();
  measuring = false;

  std::printf("\nreporting benchmark: %lld events (%lld calls, %d campaigns over 30 days)\n",
              static_cast<long long>(produced), static_cast<long long>(total.calls), kCampaigns);
  std::printf("  produce to Kafka                 %10.0f events/s\n", produced / produce_seconds);
  std::printf("  COPY into the raw table          %10.0f rows/s\n", produced / copy_seconds);
  std::printf("  consume into the projection      %10.0f events/s  (%.1f s)\n",
              produced / consume_seconds, consume_seconds);
  std::printf("  lag at %d events/s for %d s     p50 %.0f ms  p99 %.0f ms  max %.0f ms  (%zu events)\n",
              s.rate, s.lag_seconds, Percentile(lags_ms, 0.5), Percentile(lags_ms, 0.99),
              Percentile(lags_ms, 1.0), lags_ms.size());
  std::printf("  SLA by campaign, 30 days         rollups %8.2f ms   raw aggregate %10.1f ms   %8.0fx\n",
              rollup_sla_ms, raw_sla_ms, raw_sla_ms / rollup_sla_ms);
  std::printf("  campaign results, one campaign   rollups %8.2f ms   raw aggregate %10.1f ms   %8.0fx\n",
              rollup_campaign_ms, raw_campaign_ms, raw_campaign_ms / rollup_campaign_ms);
  std::printf("  campaign results' leads, days 11-20 (lead by lead)  %8.2f ms\n", partial_sales_ms);
  std::printf("  targets: >= 100x faster than the raw aggregate; lag p99 < 1000 ms at 5000 events/s\n");
}

}  // namespace
}  // namespace tmk::reporting

int main(int argc, char** argv) {
  ::testing::InitGoogleTest(&argc, argv);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      return arg.rfind(name, 0) == 0 ? arg.c_str() + std::strlen(name) : nullptr;
    };
    if (const char* v = value("--events=")) {
      tmk::reporting::g_settings.events = std::atoll(v);
    } else if (const char* v = value("--rate=")) {
      tmk::reporting::g_settings.rate = std::atoi(v);
    } else if (const char* v = value("--lag-seconds=")) {
      tmk::reporting::g_settings.lag_seconds = std::atoi(v);
    } else if (const char* v = value("--batch=")) {
      tmk::reporting::g_settings.batch = std::atoi(v);
    } else {
      std::fprintf(stderr, "unknown argument %s\n", argv[i]);
      return 2;
    }
  }
  return RUN_ALL_TESTS();
}
