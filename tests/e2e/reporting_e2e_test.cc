// Reporting through the running suite (issue 6; R4, R26-R29): a producer publishes a campaign's
// calls, agent states, orders and leads to Kafka exactly as the dialer's relay would (CloudEvents
// headers, keyed by aggregate), and the SLA report, campaign results, agent assessments, customer
// timeline and CSV export answer figures that match counts computed here from the raw events.
// The live floor pushes a new call within a second; ReconcileEvents balances the real dialing
// producer's outbox counts and names a producer it cannot ask. Bad input and the wrong roles get
// the documented statuses.
//
// The suite runs in a region of its own, so its consumer group is new and replays every topic
// from offset zero into the fresh database (the replay the issue asks for), and only this test's
// events carry its region's sources.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <set>
#include <thread>

#include "google/protobuf/util/time_util.h"
#include "services/common/core/clock.h"
#include "services/common/core/uuid.h"
#include "services/common/events/kafka_event_publisher.h"
#include "services/common/events/proto_event.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "telemarketing/events/v1/agent_events.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "telemarketing/events/v1/order_events.pb.h"
#include "telemarketing/reporting/v1/reporting_service.grpc.pb.h"
#include "tests/support/rpc_error.h"
#include "tests/support/suite_process.h"
#include "tests/support/suite_tokens.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace rv1 = telemarketing::reporting::v1;
namespace ev1 = telemarketing::events::v1;
namespace dv1 = telemarketing::dialing::v1;
namespace common = telemarketing::common::v1;
using google::protobuf::util::TimeUtil;

// The raw facts of the generated calls, counted independently of reporting.
struct RawCounts {
  int64_t calls = 0, reached = 0, handled = 0, abandoned = 0, within_20s = 0, orders = 0;
  int64_t wait_ms = 0, handle_ms = 0;
  double revenue = 0;
  std::map<std::string, int64_t> handled_by_agent;
  std::map<std::string, int64_t> talk_ms_by_agent;
  std::map<std::string, int64_t> events_by_type;
};

class ReportingEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    region_ = new std::string("rep-" + testing::UniqueName("r").substr(2));
    testing::SuiteProcess::Options options;
    options.region = *region_;
    // The producers reconciliation asks and reporting itself; contacts is not needed (dialing and
    // campaigns call it only to load lists and render scripts, which this test does not).
    options.services = "reporting,dialing,campaigns";
    options.extra_args = testing::JwtServerArgs();
    options.extra_args.push_back("--contacts-address=127.0.0.1:9");
    suite_ = new testing::SuiteProcess(options);
    events::KafkaConfig kafka;
    kafka.brokers = testing::KafkaBrokers();
    // "dialer-sim": the dialer does not publish calls yet (issue 5); this test stands in for it
    // under a source of its own, which reconciliation cannot ask for outbox counts.
    auto publisher = events::KafkaEventPublisher::Create(kafka, *region_, "dialer-sim");
    ASSERT_TRUE(publisher.ok()) << publisher.status();
    publisher_ = publisher->release();
  }
  static void TearDownTestSuite() {
    delete publisher_;
    delete suite_;
    delete region_;
  }
  void SetUp() override {
    ASSERT_TRUE(suite_->running()) << testing::Tail(suite_->log_path());
    reporting_ = rv1::ReportingService::NewStub(suite_->channel());
  }

  // Retries `done` every 300 ms for up to 90 s.
  template <class Done>
  static void Eventually(Done done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
    }
  }

  static std::unique_ptr<grpc::ClientContext> As(const std::string& who,
                                                 std::vector<std::string> roles = {"supervisor"}) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", testing::BearerToken(who, std::move(roles), {*region_}));
    return context;
  }

  void Publish(const std::vector<events::OutboundEvent>& batch) {
    absl::Status published = publisher_->PublishBatch(batch);
    ASSERT_TRUE(published.ok()) << published;
  }

  // One campaign's calls over an hour: answered or not, an agent within or after 2 s or none,
  // orders on some, and the agents' on-call spans; counted into `raw` as they are made.
  std::vector<events::OutboundEvent> CampaignEvents(const std::string& campaign_id,
                                                    const std::string& customer_id,
                                                    TimePoint start, RawCounts& raw) {
    std::vector<events::OutboundEvent> out;
    auto add = [&](const std::string& topic, const std::string& key,
                   const google::protobuf::Message& payload) {
      out.push_back(events::MakeEvent(topic, key, key, payload, clock_));
      ++raw.events_by_type[payload.GetDescriptor()->full_name()];
    };
    ev1::LeadsLoaded loaded;
    loaded.set_campaign_id(campaign_id);
    loaded.set_created(500);
    *loaded.mutable_occur_time() = TimeUtil::MillisecondsToTimestamp(UnixMillis(start));
    loaded.set_region_id(*region_);
    add("tm.calls.v1", campaign_id, loaded);
    for (int i = 0; i < 40; ++i) {
      const std::string call_id = NewId(clock_);
      const std::string agent_id = "agent-" + std::to_string(i % 3) + "-" + campaign_id.substr(0, 8);
      const TimePoint t0 = start + std::chrono::seconds(90 * i);
      const bool answered = i % 4 != 0;
      const bool connects = answered && i % 7 != 1;
      const int64_t wait_ms = (i % 5) * 700 + (i % 9 == 0 ? 25000 : 0);
      const bool orders = connects && i % 3 == 0;
      const int64_t talk_ms = 40000 + i * 1000, wrap_ms = 10000;
      int64_t seq = 0;
      auto step = [&](int seconds) {
        ev1::CallEvent e;
        e.set_call_id(call_id);
        e.set_sequence(++seq);
        *e.mutable_occur_time() =
            TimeUtil::MillisecondsToTimestamp(UnixMillis(t0 + std::chrono::seconds(seconds)));
        e.set_direction(common::CALL_DIRECTION_OUTBOUND);
        e.set_campaign_id(campaign_id);
        e.set_lead_id("lead-" + std::to_string(i) + "-" + campaign_id);
        e.set_customer_id(i % 10 == 0 ? customer_id : NewId(clock_));
        e.set_variant_id(i % 2 == 0 ? "A" : "B");
        e.set_region_id(*region_);
        return e;
      };
      ev1::CallEvent created = step(0);
      created.mutable_created()->set_attempt_number(1);
      add("tm.calls.v1", call_id, created);
      ++raw.calls;
      if (answered) {
        ev1::CallEvent a = step(10);
        a.mutable_answered();
        add("tm.calls.v1", call_id, a);
        ++raw.reached;
      }
      if (connects) {
        ev1::CallEvent c = step(11);
        c.set_agent_id(agent_id);
        c.mutable_agent_connected()->set_agent_id(agent_id);
        *c.mutable_agent_connected()->mutable_wait_duration() = TimeUtil::MillisecondsToDuration(wait_ms);
        add("tm.calls.v1", call_id, c);
        ++raw.handled;
        ++raw.handled_by_agent[agent_id];
        raw.wait_ms += wait_ms;
        raw.handle_ms += talk_ms + wrap_ms;
        if (wait_ms <= 20000) ++raw.within_20s;
        if (wait_ms > 2000) ++raw.abandoned;
      } else if (answered) {
        ev1::CallEvent ab = step(14);
        ab.mutable_abandoned()->set_reason(dv1::ABANDON_REASON_NO_AGENT_AVAILABLE);
        add("tm.calls.v1", call_id, ab);
        ++raw.abandoned;
      }
      ev1::CallEvent ended = step(70);
      ended.mutable_ended()->set_outcome(connects ? common::CALL_OUTCOME_REACHED
                                                  : common::CALL_OUTCOME_NO_ANSWER);
      *ended.mutable_ended()->mutable_talk_duration() =
          TimeUtil::MillisecondsToDuration(connects ? talk_ms : 0);
      add("tm.calls.v1", call_id, ended);
      if (!connects) continue;
      ev1::CallEvent d = step(80);
      d.set_agent_id(agent_id);
      ev1::CallDispositioned& disp = *d.mutable_dispositioned();
      disp.set_disposition_code(orders ? "SALE" : "CALL_BACK");
      disp.set_previous_stage(common::SALE_STAGE_LIST_SCREENING);
      disp.set_stage(orders ? common::SALE_STAGE_ORDER : common::SALE_STAGE_FOLLOW_UP);
      disp.set_intention_class(orders ? common::INTENTION_CLASS_BUY_NOW
                                      : common::INTENTION_CLASS_INTERESTED);
      disp.set_lead_attempts(2);
      disp.set_lead_contacts(1);
      *disp.mutable_wrap_up_duration() = TimeUtil::MillisecondsToDuration(wrap_ms);
      ev1::AgentEvent span;
      span.set_agent_id(agent_id);
      span.set_region_id(*region_);
      *span.mutable_occur_time() = ended.occur_time();
      span.mutable_state_changed()->set_previous_state(dv1::AGENT_STATE_ON_CALL);
      span.mutable_state_changed()->set_state(dv1::AGENT_STATE_WRAP_UP);
      *span.mutable_state_changed()->mutable_previous_state_duration() =
          TimeUtil::MillisecondsToDuration(talk_ms);
      add("tm.agents.v1", agent_id, span);
      raw.talk_ms_by_agent[agent_id] += talk_ms;
      if (orders) {
        const std::string order_id = NewId(clock_);
        disp.set_order_id(order_id);
        disp.set_counts_as_conversion(true);
        ev1::OrderCaptured captured;
        dv1::Order& order = *captured.mutable_order();
        order.set_order_id(order_id);
        order.set_call_id(call_id);
        order.set_campaign_id(campaign_id);
        order.set_customer_id(d.customer_id());
        order.set_agent_id(agent_id);
        order.set_variant_id(d.variant_id());
        order.set_state(dv1::ORDER_STATE_CAPTURED);
        order.mutable_total()->set_currency_code("CNY");
        order.mutable_total()->set_units(199);
        order.mutable_total()->set_nanos(500000000);
        *order.mutable_create_time() = d.occur_time();
        captured.set_region_id(*region_);
        add("tm.orders.v1", order_id, captured);
        ++raw.orders;
        raw.revenue += 199.5;
      }
      add("tm.calls.v1", call_id, d);
    }
    return out;
  }

  // The SLA report of one campaign over [start, start + 2 h), as one total.
  rv1::GetSlaReportResponse Sla(const std::string& campaign_id, TimePoint start) {
    rv1::GetSlaReportRequest request;
    *request.mutable_period()->mutable_start_time() = TimeUtil::MillisecondsToTimestamp(UnixMillis(start));
    *request.mutable_period()->mutable_end_time() =
        TimeUtil::MillisecondsToTimestamp(UnixMillis(start + std::chrono::hours(2)));
    request.mutable_period()->set_granularity(rv1::GRANULARITY_HOUR);
    request.set_dimension(rv1::SLA_DIMENSION_CAMPAIGN);
    request.mutable_filter()->add_campaign_ids(campaign_id);
    rv1::GetSlaReportResponse response;
    grpc::Status status = reporting_->GetSlaReport(As("sup").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return response;
  }

  static inline std::string* region_ = nullptr;
  static inline testing::SuiteProcess* suite_ = nullptr;
  static inline events::KafkaEventPublisher* publisher_ = nullptr;
  SystemClock clock_;
  std::unique_ptr<rv1::ReportingService::Stub> reporting_;
};

TEST_F(ReportingEndToEnd, ReportsMatchCountsTakenFromTheRawEvents) {
  const std::string campaign_id = NewId(clock_);
  const std::string customer_id = NewId(clock_);
  // Two hours ago, on an hour boundary: the calls fill several 15-minute buckets.
  const TimePoint start = TimePoint(std::chrono::hours(
      std::chrono::duration_cast<std::chrono::hours>(clock_.Now().time_since_epoch()).count() - 2));
  RawCounts raw;
  std::vector<events::OutboundEvent> batch = CampaignEvents(campaign_id, customer_id, start, raw);
  Publish(batch);

  // The projection catches up within seconds; the figures are checked once every event is in
  // (or after the deadline, where the comparisons below say what is missing).
  rv1::GetSlaReportResponse sla;
  Eventually([&] {
    sla = Sla(campaign_id, start);
    return sla.total().dial_attempts() == raw.calls && sla.total().calls_handled() == raw.handled &&
           TimeUtil::DurationToMilliseconds(sla.total().average_handle_time()) ==
               raw.handle_ms / raw.handled;
  });
  const rv1::SlaRow& t = sla.total();
  EXPECT_EQ(t.dial_attempts(), raw.calls);
  EXPECT_EQ(t.contacts(), raw.reached);
  EXPECT_EQ(t.calls_offered(), raw.reached);
  EXPECT_EQ(t.calls_handled(), raw.handled);
  EXPECT_EQ(t.calls_abandoned(), raw.abandoned);
  EXPECT_DOUBLE_EQ(t.abandon_rate(), static_cast<double>(raw.abandoned) / raw.reached);
  EXPECT_EQ(TimeUtil::DurationToMilliseconds(t.average_wait_time()), raw.wait_ms / raw.handled);
  EXPECT_EQ(TimeUtil::DurationToMilliseconds(t.average_handle_time()), raw.handle_ms / raw.handled);
  EXPECT_DOUBLE_EQ(t.service_level(), static_cast<double>(raw.within_20s) / raw.reached);
  EXPECT_DOUBLE_EQ(t.contact_rate(), static_cast<double>(raw.reached) / raw.calls);
  // Hour buckets: the rows add up to the total.
  int64_t offered = 0;
  for (const rv1::SlaRow& row : sla.rows()) {
    EXPECT_EQ(row.dimension_key(), campaign_id);
    offered += row.calls_offered();
  }
  EXPECT_EQ(offered, raw.reached);
  EXPECT_GE(sla.rows_size(), 1);

  // Campaign results: orders and revenue from tm.orders.v1, leads from LeadsLoaded, variants.
  rv1::GetCampaignResultsRequest results_request;
  results_request.set_campaign_id(campaign_id);
  results_request.set_include_variants(true);
  rv1::GetCampaignResultsResponse results;
  Eventually([&] {
    results.Clear();
    grpc::Status status =
        reporting_->GetCampaignResults(As("sup").get(), results_request, &results);
    EXPECT_TRUE(status.ok()) << status.error_message();
    return results.results().totals().orders() == raw.orders;
  });
  const rv1::CampaignMeasures& m = results.results().totals();
  EXPECT_EQ(m.leads(), 500);
  EXPECT_EQ(m.dial_attempts(), raw.calls);
  EXPECT_EQ(m.contacts(), raw.reached);
  EXPECT_EQ(m.orders(), raw.orders);
  EXPECT_NEAR(m.revenue().units() + m.revenue().nanos() / 1e9, raw.revenue, 1e-6);
  EXPECT_EQ(m.revenue().currency_code(), "CNY");
  ASSERT_EQ(m.funnel_size(), 4);
  EXPECT_EQ(m.funnel(3).stage(), common::SALE_STAGE_ORDER);
  EXPECT_EQ(m.funnel(3).leads_entered(), raw.orders);
  EXPECT_EQ(m.funnel(0).leads_entered(), raw.handled);  // every wrap-up left list screening
  EXPECT_EQ(results.results().variants().size(), 2u);
  EXPECT_EQ(results.results().variants().at("A").dial_attempts() +
                results.results().variants().at("B").dial_attempts(),
            raw.calls);

  // Agent assessments: one row per agent over the period, handled calls and talk time.
  rv1::ListAgentAssessmentsRequest assess;
  *assess.mutable_period()->mutable_start_time() = TimeUtil::MillisecondsToTimestamp(UnixMillis(start));
  *assess.mutable_period()->mutable_end_time() =
      TimeUtil::MillisecondsToTimestamp(UnixMillis(start + std::chrono::hours(2)));
  assess.mutable_period()->set_granularity(rv1::GRANULARITY_TOTAL);
  for (const auto& [agent, n] : raw.handled_by_agent) assess.mutable_filter()->add_agent_ids(agent);
  rv1::ListAgentAssessmentsResponse assessments;
  Eventually([&] {
    assessments.Clear();
    EXPECT_TRUE(
        reporting_->ListAgentAssessments(As("qa", {"qa_analyst"}).get(), assess, &assessments).ok());
    int64_t talk_ms = 0, expected_ms = 0;
    for (const auto& a : assessments.assessments()) talk_ms += TimeUtil::DurationToMilliseconds(a.talk_time());
    for (const auto& [agent, ms] : raw.talk_ms_by_agent) expected_ms += ms;
    return talk_ms == expected_ms;
  });
  ASSERT_EQ(assessments.assessments_size(), static_cast<int>(raw.handled_by_agent.size()));
  for (const rv1::AgentAssessment& a : assessments.assessments()) {
    EXPECT_EQ(a.calls_handled(), raw.handled_by_agent[a.agent_id()]) << a.agent_id();
    EXPECT_EQ(TimeUtil::DurationToMilliseconds(a.talk_time()), raw.talk_ms_by_agent[a.agent_id()]);
  }

  // The customer's timeline: calls 0, 10, 20 and 30 of the campaign, and any orders, newest first.
  rv1::GetCustomerTimelineRequest timeline_request;
  timeline_request.set_customer_id(customer_id);
  timeline_request.set_page_size(2);
  std::vector<rv1::TimelineEntry> entries;
  for (int page = 0; page < 10; ++page) {
    rv1::GetCustomerTimelineResponse timeline;
    grpc::Status status =
        reporting_->GetCustomerTimeline(As("agent-x", {"agent"}).get(), timeline_request, &timeline);
    ASSERT_TRUE(status.ok()) << status.error_message();
    entries.insert(entries.end(), timeline.entries().begin(), timeline.entries().end());
    if (timeline.next_page_token().empty()) break;
    timeline_request.set_page_token(timeline.next_page_token());
  }
  int calls_of_customer = 0;
  for (const auto& e : entries) calls_of_customer += e.kind() == rv1::TIMELINE_ENTRY_KIND_CALL;
  EXPECT_EQ(calls_of_customer, 4);
  for (size_t i = 1; i < entries.size(); ++i) {
    EXPECT_GE(TimeUtil::TimestampToMilliseconds(entries[i - 1].occur_time()),
              TimeUtil::TimestampToMilliseconds(entries[i].occur_time()));
  }

  // The SLA report as CSV: a header, then one row per report row.
  rv1::ExportReportRequest export_request;
  *export_request.mutable_sla_report() = rv1::GetSlaReportRequest();
  rv1::GetSlaReportRequest& sla_request = *export_request.mutable_sla_report();
  *sla_request.mutable_period()->mutable_start_time() = TimeUtil::MillisecondsToTimestamp(UnixMillis(start));
  *sla_request.mutable_period()->mutable_end_time() =
      TimeUtil::MillisecondsToTimestamp(UnixMillis(start + std::chrono::hours(2)));
  sla_request.mutable_period()->set_granularity(rv1::GRANULARITY_15_MINUTES);
  sla_request.mutable_filter()->add_campaign_ids(campaign_id);
  auto context = As("sup");
  auto reader = reporting_->ExportReport(context.get(), export_request);
  rv1::ExportReportResponse chunk;
  std::string csv;
  int64_t rows = 0;
  while (reader->Read(&chunk)) {
    csv += chunk.csv_chunk();
    rows += chunk.row_count();
  }
  ASSERT_TRUE(reader->Finish().ok());
  EXPECT_EQ(csv.rfind("bucket_start,dimension_key,", 0), 0u) << csv.substr(0, 200);
  EXPECT_NE(csv.find("calls_offered"), std::string::npos);
  EXPECT_EQ(rows, std::count(csv.begin(), csv.end(), '\n'));
  EXPECT_GT(rows, 2);
}

TEST_F(ReportingEndToEnd, LiveFloorShowsANewCallWithinASecond) {
  const std::string campaign_id = NewId(clock_);
  rv1::StreamLiveFloorRequest request;
  request.mutable_filter()->add_campaign_ids(campaign_id);
  request.set_include_agents(true);
  auto context = As("sup");
  auto stream = reporting_->StreamLiveFloor(context.get(), request);
  rv1::StreamLiveFloorResponse push;
  ASSERT_TRUE(stream->Read(&push));
  EXPECT_EQ(push.floor().calls_in_progress(), 0);

  ev1::CallEvent created;
  created.set_call_id(NewId(clock_));
  created.set_sequence(1);
  *created.mutable_occur_time() = TimeUtil::MillisecondsToTimestamp(UnixMillis(clock_.Now()));
  created.set_direction(common::CALL_DIRECTION_OUTBOUND);
  created.set_campaign_id(campaign_id);
  created.set_region_id(*region_);
  created.mutable_created()->set_attempt_number(1);
  const auto sent = std::chrono::steady_clock::now();
  Publish({events::MakeEvent("tm.calls.v1", created.call_id(), created.call_id(), created, clock_)});
  bool seen = false;
  while (stream->Read(&push)) {
    if (push.floor().calls_in_progress() == 1) {
      seen = true;
      break;
    }
  }
  const auto lag = std::chrono::steady_clock::now() - sent;
  ASSERT_TRUE(seen);
  ASSERT_EQ(push.floor().campaigns_size(), 1);
  EXPECT_EQ(push.floor().campaigns(0).calls_in_progress(), 1);
  std::printf("live floor lag: %lld ms\n",
              static_cast<long long>(std::chrono::duration_cast<std::chrono::milliseconds>(lag).count()));
  // Within a second of the event on a quiet machine; the bound leaves room for a loaded CI box.
  EXPECT_LT(lag, std::chrono::seconds(3));
  context->TryCancel();
}

TEST_F(ReportingEndToEnd, ReconciliationBalancesTheDialingOutboxAndNamesWhatItCannotAsk) {
  // A real producer: dialing publishes AgentUpdated through its outbox and relay.
  auto dialing = dv1::DialingService::NewStub(suite_->channel());
  dv1::CreateAgentRequest create;
  create.mutable_agent()->set_display_name("Reconciled Agent");
  create.mutable_agent()->set_employee_number("E-1");
  create.mutable_agent()->set_user_id("reconciled");
  create.mutable_agent()->set_center_id("gz");
  create.mutable_agent()->set_blending_mode(dv1::BLENDING_MODE_OUTBOUND_ONLY);
  dv1::CreateAgentResponse created;
  grpc::Status status = dialing->CreateAgent(As("root", {"admin"}).get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();

  const std::string dialing_source = "//telemarketing/" + *region_ + "/dialing";
  rv1::ReconcileEventsResponse reconciled;
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  bool balanced_row = false;
  do {
    reconciled.Clear();
    status = reporting_->ReconcileEvents(As("root", {"admin"}).get(), rv1::ReconcileEventsRequest(),
                                         &reconciled);
    ASSERT_TRUE(status.ok()) << status.error_message();
    for (const auto& row : reconciled.rows()) {
      if (row.source() == dialing_source && row.event_type() == "telemarketing.events.v1.AgentEvent" &&
          row.produced() >= 1 && row.missing() == 0) {
        EXPECT_EQ(row.consumed(), row.produced());
        EXPECT_EQ(row.topic(), "tm.agents.v1");
        balanced_row = true;
      }
    }
    if (balanced_row) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
  } while (std::chrono::steady_clock::now() < deadline);
  EXPECT_TRUE(balanced_row);
  // This test's stand-in producer has no outbox reporting can read.
  const std::string sim = "//telemarketing/" + *region_ + "/dialer-sim";
  std::set<std::string> unreachable(reconciled.unreachable_sources().begin(),
                                    reconciled.unreachable_sources().end());
  if (std::any_of(reconciled.rows().begin(), reconciled.rows().end(),
                  [&](const auto& r) { return r.source() == sim; })) {
    EXPECT_TRUE(unreachable.count(sim));
    EXPECT_FALSE(reconciled.balanced());
  }
}

TEST_F(ReportingEndToEnd, BadInputAndWrongRolesAreRefused) {
  rv1::GetSlaReportRequest request;
  request.mutable_service_level_threshold()->set_seconds(25);
  request.mutable_period()->set_time_zone("Mars/Olympus");
  rv1::GetSlaReportResponse response;
  grpc::Status status = reporting_->GetSlaReport(As("sup").get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  auto violations = testing::FieldViolations(status);
  EXPECT_TRUE(violations.count("period.start_time"));
  EXPECT_TRUE(violations.count("period.end_time"));
  EXPECT_TRUE(violations.count("period.time_zone"));
  EXPECT_TRUE(violations.count("service_level_threshold"));

  status = reporting_->GetSlaReport(As("agent-1", {"agent"}).get(), request, &response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);

  rv1::GetCampaignResultsRequest results;
  results.set_campaign_id(NewId(clock_));
  rv1::GetCampaignResultsResponse results_response;
  status = reporting_->GetCampaignResults(As("sup").get(), results, &results_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::NOT_FOUND);
  results.set_campaign_id("not-an-id");
  status = reporting_->GetCampaignResults(As("sup").get(), results, &results_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(testing::FieldViolations(status).count("campaign_id"));

  rv1::GetCustomerTimelineRequest timeline;
  timeline.set_customer_id(NewId(clock_));
  timeline.set_page_token("garbage");
  rv1::GetCustomerTimelineResponse timeline_response;
  status = reporting_->GetCustomerTimeline(As("sup").get(), timeline, &timeline_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(testing::FieldViolations(status).count("page_token"));

  rv1::ReconcileEventsRequest reconcile;
  rv1::ReconcileEventsResponse reconcile_response;
  status = reporting_->ReconcileEvents(As("sup").get(), reconcile, &reconcile_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::PERMISSION_DENIED);
  *reconcile.mutable_start_time() = TimeUtil::SecondsToTimestamp(1);
  status = reporting_->ReconcileEvents(As("root", {"admin"}).get(), reconcile, &reconcile_response);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(testing::FieldViolations(status).count("start_time"));

  rv1::ExportReportRequest empty_export;
  auto context = As("sup");
  auto reader = reporting_->ExportReport(context.get(), empty_export);
  rv1::ExportReportResponse chunk;
  while (reader->Read(&chunk)) {
  }
  status = reader->Finish();
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_TRUE(testing::FieldViolations(status).count("report"));
}

}  // namespace
}  // namespace tmk
