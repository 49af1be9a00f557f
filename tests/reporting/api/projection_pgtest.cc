// The reporting projection on PostgreSQL (R26-R28): one generated set of events fed in order,
// shuffled, and with every event delivered twice (half under a new ce_id, as a relay re-publish
// would) gives identical projections, whose sums match counts computed independently from the
// raw events; the inbox and consumption counts see every duplicate. Batches (one transaction for
// many events, as the consumer applies a backlog) give the very same projection, and a batch
// holding a malformed event writes nothing; the lead tally is lead_progress counted, also when two
// replicas race on a new lead. The campaign rollups (no agent; 15 minutes and UTC
// days) hold call_rollup's sums, and reports read from them answer exactly as call_rollup does.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <random>
#include <thread>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/common/pg/migration.h"
#include "services/reporting/api/live_floor.h"
#include "services/reporting/api/projection_consumer.h"
#include "services/reporting/domain/report_bucket.h"
#include "services/reporting/store/call_projection_store.h"
#include "services/reporting/store/campaign_results_store.h"
#include "services/reporting/store/lead_projection_store.h"
#include "services/reporting/store/pg_time.h"
#include "services/reporting/store/report_query_store.h"
#include "tests/reporting/support/call_event_set.h"
#include "tests/support/pg_fixture.h"

namespace tmk::reporting {
std::vector<pg::Migration> Migrations();

namespace {
using testing::CallEventSet;

class ProjectionTest : public tmk::testing::PgSchemaTest {
 protected:
  // Feeds `events` into this test's schema, one transaction per event (`batch` 1) or per
  // `batch` events, and dumps every projection table as text.
  std::string Project(const std::vector<events::ConsumedEvent>& events, size_t batch = 1) {
    ApplyServiceMigrations(Migrations());
    LiveFloor live;
    ProjectionConsumer consumer(*pool_, live);
    for (size_t i = 0; i < events.size(); i += batch) {
      const auto first = events.begin() + static_cast<long>(i);
      absl::Status handled =
          batch == 1 ? consumer.Handle(*first)
                     : consumer.HandleBatch({first, first + static_cast<long>(
                                                            std::min(batch, events.size() - i))});
      EXPECT_TRUE(handled.ok()) << handled;
    }
    std::string dump;
    for (const char* table :
         {"call_rollup", "call_campaign_rollup", "call_campaign_day_rollup", "agent_rollup",
          "lead_progress", "intention_move_rollup", "intention_move_day_rollup", "timeline_entry",
          "call_open",
          "agent_current", "campaign_lead_span",
          // Keys a lead passed through on the way hold zero: which ones depends on the order.
          "(SELECT * FROM lead_tally WHERE leads <> 0)"}) {
      dump += Scalar(std::string("SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM ") +
                     table + " t");
      dump += "\n--\n";
    }
    return dump;
  }
  void Fresh() {
    TearDown();
    SetUp();
  }
};

TEST_F(ProjectionTest, OrderShuffleAndDuplicatesGiveIdenticalReportsMatchingTheRawEvents) {
  const CallEventSet set = testing::GenerateCallEvents({});
  const std::vector<events::ConsumedEvent>& events = set.events;
  const testing::CallEventCounts& x = set.counts;
  const std::string in_order = Project(events);

  // Rollup sums against the counts taken while generating.
  EXPECT_EQ(Scalar("SELECT sum(dial_attempts) FROM call_rollup"), std::to_string(x.calls));
  EXPECT_EQ(Scalar("SELECT sum(contacts) FROM call_rollup"), std::to_string(x.answered));
  EXPECT_EQ(Scalar("SELECT sum(handled) FROM call_rollup"), std::to_string(x.handled));
  EXPECT_EQ(Scalar("SELECT sum(abandoned) FROM call_rollup"), std::to_string(x.abandoned));
  EXPECT_EQ(Scalar("SELECT sum(machine_detected) FROM call_rollup"), std::to_string(x.machines));
  EXPECT_EQ(Scalar("SELECT sum(orders) FROM call_rollup"), std::to_string(x.orders));
  EXPECT_EQ(Scalar("SELECT sum(talk_ms) FROM call_rollup"), std::to_string(x.talk_ms));
  EXPECT_EQ(Scalar("SELECT sum(wait_ms) FROM call_rollup"), std::to_string(x.wait_ms));
  EXPECT_EQ(Scalar("SELECT sum(duration_ms) FROM agent_rollup WHERE state = 4"),
            std::to_string(x.agent_on_call_ms));
  EXPECT_EQ(Scalar("SELECT count(*) FROM call_open"), "0");
  EXPECT_EQ(Scalar("SELECT sum(consumed) FROM event_consumption"), std::to_string(events.size()));
  EXPECT_GT(std::stoll(Scalar("SELECT count(DISTINCT bucket_start) FROM call_rollup")), 3);
  // The lead tally and spans are lead_progress counted (what migration 0004 computes from it),
  // so a campaign's results read from them are those read lead by lead (R27).
  const char* const tally_of_progress =
      "SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM (SELECT campaign_id, variant_id,"
      " stages_entered, stage, intention, contacts > 0, first_intention,"
      " coalesce(order_attempts, -1), coalesce(order_contacts, -1), count(*) FROM lead_progress"
      " GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9) t";
  EXPECT_EQ(Scalar("SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM (SELECT *"
                   " FROM lead_tally WHERE leads <> 0) t"),
            Scalar(tally_of_progress));
  EXPECT_EQ(Scalar("SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM campaign_lead_span t"),
            Scalar("SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM (SELECT campaign_id,"
                   " min(first_time), max(latest_time) FROM lead_progress GROUP BY 1) t"));
  EXPECT_GT(std::stoll(Scalar("SELECT count(*) FROM lead_tally WHERE order_attempts >= 0")), 0)
      << "the generated events hold orders";

  std::vector<events::ConsumedEvent> shuffled = events;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(3));
  Fresh();
  EXPECT_EQ(Project(shuffled), in_order) << "shuffled events changed the projection";

  // Every event twice: the same ce_id (a redelivery) or, for every other one, a new ce_id (a
  // relay re-publish): both change nothing.
  std::vector<events::ConsumedEvent> doubled = shuffled;
  int64_t same_id = 0;
  for (size_t i = 0; i < shuffled.size(); ++i) {
    events::ConsumedEvent again = shuffled[i];
    if (i % 2 == 0 && again.topic == "tm.calls.v1") {
      again.id += "-republished";
    } else {
      ++same_id;
    }
    doubled.insert(doubled.begin() + static_cast<long>(std::mt19937(i)() % doubled.size()), again);
  }
  Fresh();
  EXPECT_EQ(Project(doubled), in_order) << "duplicates changed the projection";
  // Same ce_id: dropped by the inbox and counted as such; a new ce_id is consumed (so
  // reconciliation shows more consumed than produced) but changes no report.
  EXPECT_EQ(Scalar("SELECT sum(duplicates) FROM event_consumption"), std::to_string(same_id));
  EXPECT_EQ(Scalar("SELECT sum(consumed) FROM event_consumption"),
            std::to_string(doubled.size() - same_id));
}

TEST_F(ProjectionTest, BatchesGiveTheSameReportsAsSingleEvents) {
  const CallEventSet set = testing::GenerateCallEvents({});
  std::vector<events::ConsumedEvent> doubled = set.events;
  // Redeliveries inside one batch and across batches, and re-publishes under new ids.
  for (size_t i = 0; i < set.events.size(); i += 3) {
    events::ConsumedEvent again = set.events[i];
    if (i % 2 == 0) again.id += "-republished";
    doubled.insert(doubled.begin() + static_cast<long>(std::mt19937(i)() % doubled.size()), again);
  }
  const std::string single = Project(doubled);
  const std::string counts = Scalar(
      "SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM event_consumption t");
  for (size_t batch : {2, 7, 100, 1000}) {
    Fresh();
    EXPECT_EQ(Project(doubled, batch), single) << "batches of " << batch;
    EXPECT_EQ(Scalar("SELECT string_agg(t::text, E'\\n' ORDER BY t::text) FROM event_consumption t"),
              counts)
        << "batches of " << batch;
  }
}

TEST_F(ProjectionTest, ABatchWithAMalformedEventWritesNothing) {
  testing::CallEventSetOptions options;
  options.calls = 20;
  const CallEventSet set = testing::GenerateCallEvents(options);
  std::vector<events::ConsumedEvent> batch(set.events.begin(), set.events.begin() + 30);
  batch[17].payload = "not a protobuf";
  ApplyServiceMigrations(Migrations());
  LiveFloor live;
  ProjectionConsumer consumer(*pool_, live);
  absl::Status status = consumer.HandleBatch(batch);
  EXPECT_TRUE(absl::IsInvalidArgument(status)) << status;
  for (const char* table : {"call_step", "call_rollup", "agent_rollup", "event_consumption"}) {
    EXPECT_EQ(Scalar(std::string("SELECT count(*) FROM ") + table), "0") << table;
  }
  // The consumer then applies them one by one: the malformed one alone is refused.
  for (size_t i = 0; i < batch.size(); ++i) {
    EXPECT_EQ(consumer.Handle(batch[i]).ok(), i != 17) << i;
  }
  EXPECT_EQ(Scalar("SELECT sum(consumed) FROM event_consumption"), "29");
}

// Every row of a campaign rollup against call_rollup summed at its grain, as text.
std::string CampaignRollupAgainstCallRollup(const std::string& table, const std::string& bucket) {
  std::vector<std::string> sums, differs;
  for (const std::string& c : CallProjectionStore::MeasureColumns()) {
    sums.push_back(absl::StrCat("sum(", c, ")::bigint AS ", c));
    differs.push_back(absl::StrCat("x.", c, " IS DISTINCT FROM y.", c));
  }
  return absl::StrCat(
      "SELECT count(*) FROM (SELECT ", bucket, " AS bucket_start, region_id, campaign_id,"
      " variant_id, queue_id, direction, ", absl::StrJoin(sums, ", "),
      " FROM call_rollup GROUP BY 1, 2, 3, 4, 5, 6) x FULL JOIN ", table,
      " y USING (bucket_start, region_id, campaign_id, variant_id, queue_id, direction) WHERE ",
      absl::StrJoin(differs, " OR "));
}

TEST_F(ProjectionTest, CampaignRollupsAnswerReportsExactlyAsTheAgentRollup) {
  testing::CallEventSetOptions options;
  options.calls = 400;
  options.campaigns = 3;
  options.seconds_between_calls = 1000;  // four and a half days
  const CallEventSet set = testing::GenerateCallEvents(options);
  std::vector<events::ConsumedEvent> shuffled = set.events;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(5));
  Project(shuffled, 50);

  EXPECT_EQ(Scalar(CampaignRollupAgainstCallRollup("call_campaign_rollup", "bucket_start")), "0");
  EXPECT_EQ(Scalar(CampaignRollupAgainstCallRollup(
                "call_campaign_day_rollup",
                "date_trunc('day', bucket_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC'")),
            "0");
  EXPECT_GE(std::stoll(Scalar("SELECT count(*) FROM call_campaign_day_rollup")), 4 * 3);
  // Intention-class moves per UTC day are the quarter hours' summed (R27).
  EXPECT_EQ(Scalar("SELECT count(*) FROM (SELECT date_trunc('day', bucket_start AT TIME ZONE 'UTC')"
                   " AT TIME ZONE 'UTC' AS d, campaign_id, variant_id, from_class, to_class,"
                   " sum(leads) FROM intention_move_rollup GROUP BY 1, 2, 3, 4, 5) q"
                   " FULL JOIN intention_move_day_rollup r ON (q.d, q.campaign_id, q.variant_id,"
                   " q.from_class, q.to_class) = (r.bucket_start, r.campaign_id, r.variant_id,"
                   " r.from_class, r.to_class) WHERE q.sum IS DISTINCT FROM r.leads"),
            "0");
  EXPECT_GE(std::stoll(Scalar("SELECT count(*) FROM intention_move_day_rollup")), 4);

  std::vector<std::string> agents;
  ReportQueryStore queries;
  const TimePoint day = UtcDayStart(TimePoint(std::chrono::seconds(options.start_unix_seconds)));
  struct Question {
    TimePoint start, end;
    BucketWidth width;
    std::string zone;
  };
  const std::vector<Question> questions = {
      // Partial first and last days around whole ones; only whole days; one partial day.
      {day + std::chrono::hours(15) + kRollupBucket, day + std::chrono::hours(24 * 3 + 5),
       BucketWidth::kTotal, "UTC"},
      {day + std::chrono::hours(24), day + std::chrono::hours(24 * 3), BucketWidth::kTotal,
       "Asia/Shanghai"},
      {day + std::chrono::hours(16), day + std::chrono::hours(20), BucketWidth::kTotal, "UTC"},
      {day, day + std::chrono::hours(24 * 5), BucketWidth::kDay, "UTC"},
      {day, day + std::chrono::hours(24 * 5), BucketWidth::kWeek, "UTC"},
      {day, day + std::chrono::hours(24 * 5), BucketWidth::kDay, "Asia/Shanghai"},
      {day + std::chrono::hours(20), day + std::chrono::hours(30), BucketWidth::kHour, "UTC"},
      {day + std::chrono::hours(20), day + std::chrono::hours(22), BucketWidth::kQuarterHour,
       "UTC"},
  };
  auto text = [](const std::vector<CallRow>& rows) {
    std::string out;
    for (const CallRow& r : rows) {
      out += absl::StrCat(ToMicros(r.bucket), " ", r.key, " ", r.direction, ":");
      CallMeasures m = r.measures;
      m.Zip(CallMeasures{}, [&](int64_t& v, int64_t) { out += absl::StrCat(" ", v); });
      out += "\n";
    }
    return out;
  };
  // A campaign's class moves over each question's period, whole days from the day rollup,
  // equal the quarter hours summed.
  const CampaignResultsStore results;
  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
    for (const Question& q : questions) {
      std::map<std::string, int64_t> direct;
      for (const auto& row : tx.exec_params(
               "SELECT campaign_id || ' ' || variant_id || ' ' || from_class || ' ' || to_class,"
               " sum(leads)::bigint FROM intention_move_rollup WHERE bucket_start >= "
               TM_PG_MICROS("$1") " AND bucket_start < " TM_PG_MICROS("$2") " GROUP BY 1",
               ToMicros(q.start), ToMicros(q.end))) {
        direct[row[0].as<std::string>()] = row[1].as<int64_t>();
      }
      std::map<std::string, int64_t> read;
      for (const auto& campaign : {"camp-0", "camp-1", "camp-2"}) {
        for (const auto& [variant, sales] : results.Sales(tx, campaign, q.start, q.end)) {
          for (const auto& [move, leads] : sales.intention_moves) {
            read[absl::StrCat(campaign, " ", variant, " ", move.first, " ", move.second)] = leads;
          }
        }
      }
      EXPECT_EQ(read, direct) << "question " << (&q - questions.data());
    }
    return absl::OkStatus();
  }).ok());

  ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
    for (const auto& row : tx.exec("SELECT DISTINCT agent_id FROM call_rollup")) {
      agents.push_back(row[0].as<std::string>());
    }
    for (const Question& q : questions) {
      for (SplitBy split : {SplitBy::kNone, SplitBy::kCampaign, SplitBy::kRegion,
                            SplitBy::kVariant, SplitBy::kQueue}) {
        ReportScope scope;
        scope.start = q.start;
        scope.end = q.end;
        scope.width = q.width;
        scope.time_zone = q.zone;
        const std::string campaign_rollups = text(queries.CallRows(tx, scope, split, 0));
        // Every agent named: only call_rollup can answer that.
        scope.agent_ids = agents;
        EXPECT_EQ(campaign_rollups, text(queries.CallRows(tx, scope, split, 0)))
            << "question " << (&q - questions.data()) << " split " << static_cast<int>(split);
        EXPECT_FALSE(campaign_rollups.empty());
      }
    }
    return absl::OkStatus();
  }).ok());
}

// Two reporting replicas can wrap up the same new lead at once (its calls sit on different
// partitions). The one whose merge meets the other's fresh row cannot take that row's old key
// back out of the tally: it refuses its batch (ABORTED, so the consumer applies it again) rather
// than miscount the campaign's results (R27).
TEST_F(ProjectionTest, ALeadInsertedConcurrentlyRefusesTheBatchInsteadOfMiscounting) {
  ApplyServiceMigrations(Migrations());
  const LeadProjectionStore leads;
  const TimePoint at = TimePoint(std::chrono::seconds(1'790'000'000));
  const LeadDisposition first{"lead-1", "camp-1", "", "call-1", at, 0, 1, 0, 1, false, 1, 1};
  LeadDisposition second = first;
  second.call_id = "call-2";
  second.time = at + std::chrono::minutes(5);
  second.previous_stage = 1;
  second.stage = 2;

  std::promise<void> inserted;
  std::atomic<int> other_backend{0};
  std::thread replica([&] {
    absl::Status done = pool_->Transact([&](pqxx::work& tx) {
      absl::Status applied = leads.ApplyDispositions(tx, {first});
      inserted.set_value();
      // Commits only once the other replica's merge waits on this uncommitted row.
      while (other_backend == 0 ||
             Scalar(absl::StrCat("SELECT wait_event_type FROM pg_stat_activity WHERE pid = ",
                                 other_backend.load())) != "Lock") {
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      return applied;
    });
    EXPECT_TRUE(done.ok()) << done;
  });
  inserted.get_future().wait();
  const absl::Status refused = pool_->Transact([&](pqxx::work& tx) {
    other_backend = tx.exec("SELECT pg_backend_pid()")[0][0].as<int>();
    return leads.ApplyDispositions(tx, {second});
  });
  replica.join();
  EXPECT_EQ(refused.code(), absl::StatusCode::kAborted) << refused;
  EXPECT_EQ(Scalar("SELECT string_agg(stage || ':' || leads, ',') FROM lead_tally"), "1:1");

  const absl::Status again = pool_->Transact(
      [&](pqxx::work& tx) { return leads.ApplyDispositions(tx, {second}); });
  EXPECT_TRUE(again.ok()) << again;
  EXPECT_EQ(Scalar("SELECT string_agg(stage || ':' || leads, ',' ORDER BY stage) FROM lead_tally"),
            "1:0,2:1");
}

// A campaign's whole life reads its leads from lead_tally; a period that misses any of its
// wrap-ups counts them lead by lead. Where both periods hold the same leads (one starting at the
// campaign's first wrap-up, one at the earliest latest wrap-up of its leads), the results agree.
TEST_F(ProjectionTest, CampaignSalesFromTheTallyEqualThoseCountedLeadByLead) {
  const CallEventSet set = testing::GenerateCallEvents({});
  std::vector<events::ConsumedEvent> shuffled = set.events;
  std::shuffle(shuffled.begin(), shuffled.end(), std::mt19937(11));
  Project(shuffled, 25);
  const CampaignResultsStore results;
  const auto text = [](const std::map<std::string, VariantSales>& sales) {
    std::string out;
    for (const auto& [variant, v] : sales) {
      out += absl::StrCat(variant, " reached ", v.leads_reached, " orders ", v.orders, ":");
      for (const auto& [stage, n] : v.stage_entered) absl::StrAppend(&out, " e", stage, "=", n);
      for (const auto& [stage, n] : v.stage_current) absl::StrAppend(&out, " c", stage, "=", n);
      for (const auto& [c, n] : v.intention_current) absl::StrAppend(&out, " i", c, "=", n);
      for (auto [c, orders] : v.orders_by_first_class) {
        std::sort(orders.begin(), orders.end());  // a multiset: its order carries nothing
        for (const auto& [attempts, contacts] : orders) {
          absl::StrAppend(&out, " o", c, "=", attempts, "/", contacts);
        }
      }
      out += "\n";
    }
    return out;
  };
  int compared = 0;
  for (const auto& campaign : {"camp-0", "camp-1", "camp-2"}) {
    const std::string bounds = Scalar(absl::StrCat(
        "SELECT " TM_PG_EPOCH_MICROS("min(first_time)") " || ' ' || "
        TM_PG_EPOCH_MICROS("min(latest_time)") " || ' ' || " TM_PG_EPOCH_MICROS("max(latest_time)")
        " FROM lead_progress WHERE campaign_id = '", campaign, "'"));
    if (bounds.empty()) continue;
    const std::vector<std::string> b = absl::StrSplit(bounds, ' ');
    const TimePoint first = FromMicros(std::stoll(b[0])), earliest_latest = FromMicros(std::stoll(b[1]));
    const TimePoint end = FromMicros(std::stoll(b[2])) + std::chrono::hours(1);
    if (earliest_latest == first) continue;  // no period holds every lead without the first wrap-up
    ASSERT_TRUE(pool_->Transact([&](pqxx::work& tx) {
      const std::string from_tally = text(results.Sales(tx, campaign, first, end));
      EXPECT_NE(from_tally, "");
      EXPECT_EQ(from_tally, text(results.Sales(tx, campaign, earliest_latest, end))) << campaign;
      return absl::OkStatus();
    }).ok());
    ++compared;
  }
  EXPECT_GT(compared, 0) << "no campaign had a period to compare";
}

}  // namespace
}  // namespace tmk::reporting
