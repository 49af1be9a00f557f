// The hopper benchmark (issue 5, R17, R20): hopper fill latency for 1,000 agents over millions of
// leads on the real PostgreSQL.
//
//   hopper_benchmark [--leads=N] [--campaigns=C] [--agents=A] [--dial-level=L] [--rounds=R]
//                    [--keep]
//
// Generates N leads over C campaigns in a fresh schema with set-based INSERT ... SELECT (each
// customer a lead of 4 campaigns; 10 % stopped, 30 % scheduled later, 0.5 % due callbacks, 5 %
// VIP; 2 % of customers with only a wrong-party number, 1 % on the do-not-call list), then runs R
// rounds in which dialers take half of every campaign's hopper and the HopperFiller refills it to
// A x L / C ready leads. Prints the fill latency per campaign fill (p50, p99, max) and per round
// (all campaigns), the take latency, and checks that no screened-out or do-not-call customer was
// ever taken (exits non-zero if one was). The clock is fixed at a Wednesday noon (UTC), inside the
// default legal hours, so a run measures the same work whenever it runs.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "services/common/core/clock.h"
#include "services/common/events/outbox.h"
#include "services/common/pg/migration.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/api/hopper_filler.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/hopper_store.h"
#include "services/dialing/store/time_columns.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"
#include "tests/support/daytime_windows.h"

namespace tmk::dialing {
std::vector<pg::Migration> Migrations();  // generated from services/dialing/migrations

namespace bench {
namespace {

using Clock = std::chrono::steady_clock;

struct Flags {
  long leads = 1'000'000;
  int campaigns = 20;
  int agents = 1000;
  double dial_level = 2.0;
  int rounds = 50;
  bool keep = false;  // leave the schema for inspection
};

Flags ParseFlags(int argc, char** argv) {
  Flags f;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&](const char* name) -> const char* {
      const std::string prefix = absl::StrCat("--", name, "=");
      return arg.rfind(prefix, 0) == 0 ? argv[i] + prefix.size() : nullptr;
    };
    if (const char* v = value("leads")) f.leads = std::atol(v);
    else if (const char* v = value("campaigns")) f.campaigns = std::atoi(v);
    else if (const char* v = value("agents")) f.agents = std::atoi(v);
    else if (const char* v = value("dial-level")) f.dial_level = std::atof(v);
    else if (const char* v = value("rounds")) f.rounds = std::atoi(v);
    else if (arg == "--keep") f.keep = true;
    else {
      std::fprintf(stderr, "unknown argument %s\n", argv[i]);
      std::exit(2);
    }
  }
  if (f.leads < 4 * f.campaigns || f.campaigns < 1 || f.campaigns % 5 != 0 || f.agents < 1 ||
      f.rounds < 1) {
    std::fprintf(stderr, "need --leads >= 4 x campaigns, campaigns a multiple of 5, agents and "
                         "rounds >= 1\n");
    std::exit(2);
  }
  return f;
}

void Check(const absl::Status& status, const char* what) {
  if (status.ok()) return;
  std::fprintf(stderr, "%s: %s\n", what, std::string(status.message()).c_str());
  std::exit(1);
}

double Ms(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * (v.size() - 1) + 0.5))];
}

std::string CampaignId(int k) {
  char id[37];
  std::snprintf(id, sizeof id, "00000000-0000-7000-8000-%012d", k + 1);
  return id;
}

// An ACTIVE follow-up-visit campaign (service purpose: no marketing consent needed) calling both
// kinds of customer every day 08:00-21:00 UTC.
std::string Snapshot(int k) {
  telemarketing::events::v1::CampaignSnapshot s;
  auto* c = s.mutable_campaign();
  c->set_campaign_id(CampaignId(k));
  c->set_state(telemarketing::campaigns::v1::CAMPAIGN_STATE_ACTIVE);
  c->set_type(telemarketing::common::v1::CAMPAIGN_TYPE_FOLLOW_UP_VISIT);
  ::tmk::testing::CallEveryDaytime(*c->mutable_calling_windows(), "UTC");
  s.set_region_id("bench");
  return s.SerializeAsString();
}

// Set-based generation in the database: no client round trip per row.
void Generate(pg::PgPool& pool, const Flags& f, TimePoint now) {
  const long customers = f.leads / 4;
  // $1 customers; the leads step also $2 campaigns, $3 leads, $4 now (micros).
  struct Step {
    std::string name;
    std::string sql;
  };
  const std::string now_sql = MicrosToTime(4);
  const std::vector<Step> steps = {
      {"customers", "INSERT INTO customer_projection SELECT 'cust-' || c, 'bench', false, 1 + c % 2,"
                    " CASE WHEN c % 20 = 0 THEN 3 ELSE 1 END, '', 1, 0, 'bench', now()"
                    " FROM generate_series(0, $1::bigint - 1) c"},
      {"phones (2 % wrong party)",
       "INSERT INTO customer_phones SELECT 'cust-' || c, 'cp-' || c, 0,"
       " CASE WHEN c % 50 = 7 THEN 4 ELSE 2 END, '+86139' || lpad(c::text, 8, '0')"
       " FROM generate_series(0, $1::bigint - 1) c"},
      {"do-not-call entries (1 %)",
       "INSERT INTO dnc_projection SELECT 'dnc-' || c, 1, 'bench', '', 'cust-' || c, '', 0, NULL,"
       " false, 1, 0, 'bench' FROM generate_series(0, $1::bigint - 1) c WHERE c % 100 = 3"},
      // Lead i: customer i % customers, in campaign (block * 5 + customer % 5) % campaigns, so
      // each customer is a lead of 4 different campaigns.
      {"leads",
       absl::StrCat(
           "INSERT INTO leads (lead_id, campaign_id, customer_id, contact_point_id, state,"
           " priority, next_attempt_time, revision, create_time, update_time)"
           " SELECT md5('lead' || i)::uuid,"
           " '00000000-0000-7000-8000-' || lpad((((i / $1::bigint) * 5 + (i % $1::bigint) % 5)"
           " % $2::int + 1)::text, 12, '0'), 'cust-' || (i % $1::bigint), 'cp-' || (i % $1::bigint),"
           " CASE WHEN i % 10 = 0 THEN 7 WHEN i % 10 IN (1, 2, 3) THEN 2"
           " WHEN i % 200 = 5 THEN 3 ELSE 1 END,"
           " CASE WHEN (i % $1::bigint) % 20 = 0 THEN 10 ELSE 0 END,"
           " CASE WHEN i % 10 IN (1, 2, 3) THEN ", now_sql, " + (1 + i % 48) * interval '1 hour'"
           " WHEN i % 200 = 5 THEN ", now_sql, " - interval '1 minute' END,"
           " 1, ", now_sql, " - interval '1 day', ", now_sql, " - interval '1 day'"
           " FROM generate_series(0, $3::bigint - 1) i")},
      {"analyze", ""}};
  for (const Step& step : steps) {
    const auto t0 = Clock::now();
    Check(pool.Transact([&](pqxx::work& tx) {
            tx.exec("SET LOCAL synchronous_commit = off");
            if (step.sql.empty()) {
              tx.exec("ANALYZE");
            } else if (step.name == "leads") {
              tx.exec_params(step.sql, customers, f.campaigns, f.leads, Micros(now));
            } else {
              tx.exec_params(step.sql, customers);
            }
            return absl::OkStatus();
          }),
          "generate");
    std::printf("  %-30s %8.1f s\n", step.name.c_str(), Ms(Clock::now() - t0) / 1000);
    std::fflush(stdout);
  }
}

int Run(const Flags& f) {
  const char* dsn = std::getenv("TM_TEST_PG_DSN");
  if (!dsn) {
    std::fprintf(stderr, "TM_TEST_PG_DSN is not set (eval \"$(scripts/dev-env env)\")\n");
    return 2;
  }
  pg::PgConfig config;
  config.dsn = dsn;
  const std::string schema = absl::StrCat("bench_hopper_", ::getpid());
  pg::PgPool pool(config, schema);
  Check(pg::ApplyMigrations(pool, events::EventTableMigrations()), "migrate");
  Check(pg::ApplyMigrations(pool, Migrations()), "migrate");

  ManualClock clock(absl::ToChronoTime(
      absl::FromCivil(absl::CivilSecond(2026, 11, 25, 12, 0, 0), absl::UTCTimeZone())));
  CampaignProjectionStore campaigns;
  Check(pool.Transact([&](pqxx::work& tx) {
          for (int k = 0; k < f.campaigns; ++k) {
            campaigns.Upsert(tx, {CampaignId(k), "bench", 3, {1, 0, "bench"}, Snapshot(k)});
          }
          return absl::OkStatus();
        }),
        "campaigns");
  std::printf("hopper benchmark: %ld leads, %ld customers, %d campaigns, %d agents x dial level "
              "%.1f\ngenerating (schema %s):\n",
              f.leads, f.leads / 4, f.campaigns, f.agents, f.dial_level, schema.c_str());
  const auto g0 = Clock::now();
  Generate(pool, f, clock.Now());
  const double generate_s = Ms(Clock::now() - g0) / 1000;

  HopperFillerOptions options;
  options.floor = static_cast<int>(f.agents * f.dial_level / f.campaigns + 0.5);
  options.entry_ttl = std::chrono::hours(1);  // rounds are 2 s apart: no entry goes stale
  HopperFiller filler(pool, clock, campaigns, options);
  HopperStore hopper;
  const int take = options.floor / 2;

  std::vector<double> fills, first_fills, rounds, takes;
  long queued = 0, held = 0;
  for (int r = 0; r < f.rounds; ++r) {
    const auto round0 = Clock::now();
    for (int k = 0; k < f.campaigns; ++k) {
      const auto t0 = Clock::now();
      absl::StatusOr<HopperFill> fill = filler.Fill(CampaignId(k));
      Check(fill.status(), "fill");
      (r == 0 ? first_fills : fills).push_back(Ms(Clock::now() - t0));
      queued += fill->queued;
      held += fill->held;
    }
    rounds.push_back(Ms(Clock::now() - round0));
    // Between fills the dialers take half of every hopper, one lead per transaction.
    for (int k = 0; k < f.campaigns; ++k) {
      for (int n = 0; n < take; ++n) {
        const auto t0 = Clock::now();
        Check(pool.Transact([&](pqxx::work& tx) {
                hopper.Take(tx, CampaignId(k), "", clock.Now());
                return absl::OkStatus();
              }),
              "take");
        takes.push_back(Ms(Clock::now() - t0));
      }
    }
    clock.Advance(std::chrono::seconds(2));
  }

  long bad = 0;
  Check(pool.Transact([&](pqxx::work& tx) {
          bad = tx.exec1(
                      "SELECT count(*) FROM customer_calls c WHERE EXISTS (SELECT 1 FROM"
                      " dnc_projection d WHERE d.customer_id = c.customer_id) OR EXISTS (SELECT 1"
                      " FROM customer_phones p WHERE p.customer_id = c.customer_id AND"
                      " p.status = 4)")[0]
                    .as<long>();
          return absl::OkStatus();
        }),
        "check");

  std::printf("\nresults (%d rounds; target %d ready leads per campaign, %d taken per round):\n",
              f.rounds, options.floor, take);
  std::printf("  generation                      %10.1f s\n", generate_s);
  std::printf("  first fill per campaign (empty) p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms\n",
              Percentile(first_fills, 0.5), Percentile(first_fills, 0.99),
              *std::max_element(first_fills.begin(), first_fills.end()));
  if (!fills.empty()) {
    std::printf("  refill per campaign             p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms\n",
                Percentile(fills, 0.5), Percentile(fills, 0.99),
                *std::max_element(fills.begin(), fills.end()));
  }
  std::printf("  fill of all %2d campaigns        p50 %8.2f ms  p99 %8.2f ms  max %8.2f ms\n",
              f.campaigns, Percentile(rounds, 0.5), Percentile(rounds, 0.99),
              *std::max_element(rounds.begin(), rounds.end()));
  std::printf("  take one lead                   p50 %8.2f ms  p99 %8.2f ms\n",
              Percentile(takes, 0.5), Percentile(takes, 0.99));
  std::printf("  leads queued %ld, held with a reason %ld, taken %zu\n", queued, held,
              takes.size());
  std::printf("  do-not-call or wrong-party customers taken: %ld (must be 0)\n", bad);

  if (!f.keep) {
    Check(pool.Transact([&](pqxx::work& tx) {
            tx.exec("DROP SCHEMA " + tx.quote_name(schema) + " CASCADE");
            return absl::OkStatus();
          }),
          "drop");
  }
  return bad == 0 ? 0 : 1;
}

}  // namespace
}  // namespace bench
}  // namespace tmk::dialing

int main(int argc, char** argv) {
  return tmk::dialing::bench::Run(tmk::dialing::bench::ParseFlags(argc, argv));
}
