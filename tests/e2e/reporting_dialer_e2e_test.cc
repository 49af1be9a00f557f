// Reporting on the dialer's own events (issue 6; R4, R26-R29, R31): one suite runs contacts,
// campaigns, dialing (the fast real-time simulator) and reporting. An ACTIVE campaign's leads are
// power-dialed for agents who wrap up every call from their desktop streams, some with
// orders, until a few dozen calls have ended; then the agents log out. As an integrator would, the
// test reads tm.calls.v1, tm.agents.v1 and tm.orders.v1, counts the figures itself from the raw
// events, waits until ReconcileEvents shows reporting consumed everything dialing's outbox
// published, and checks GetSlaReport, GetCampaignResults, ListAgentAssessments,
// GetCustomerTimeline and the CSV of ExportReport against those counts exactly (durations to the
// millisecond the reports keep).
//
// The suite runs in a region of its own: its consumer groups are new, and every event of its
// sources is this test's.
#include <gtest/gtest.h>

#include <google/protobuf/util/time_util.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <thread>

#include "services/common/core/clock.h"
#include "services/contacts/domain/import_csv.h"
#include "telemarketing/dialing/v1/agent_desktop_service.grpc.pb.h"
#include "telemarketing/dialing/v1/dialing_service.grpc.pb.h"
#include "telemarketing/events/v1/agent_events.pb.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "telemarketing/events/v1/order_events.pb.h"
#include "telemarketing/reporting/v1/reporting_service.grpc.pb.h"
#include "tests/support/dialing_floor_builder.h"
#include "tests/support/kafka_support.h"
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
using testing::DialingFloorBuilder;

constexpr int kLeads = 60;
constexpr int kAgents = 5;
constexpr int kEndedCalls = 36;                 // "some dozens" before dialing stops
constexpr int kServiceLevelSeconds = 10;        // the SLA report's threshold in this test
constexpr int64_t kAbandonConnectLimitMs = 2000;  // R20: answered, no agent within 2 s

int64_t Ms(const google::protobuf::Duration& d) { return TimeUtil::DurationToMilliseconds(d); }

// `counts[key]`, 0 when absent.
int64_t CountOf(const std::map<std::string, int64_t>& counts, const std::string& key) {
  auto it = counts.find(key);
  return it == counts.end() ? 0 : it->second;
}

// One agent at the desk (R19): logged in READY on the campaign, wrapping up each call that ends on
// the desktop at once, every third with an order of one or two, the others NOT_NOW. The
// simulator's SimulatedAgents do not wrap up through the runtime, so the test's agents do.
class DeskAgent {
 public:
  DeskAgent(const std::shared_ptr<grpc::Channel>& channel, DialingFloorBuilder::Caller as,
            std::string user, std::string agent_id)
      : desktop_(dv1::AgentDesktopService::NewStub(channel)),
        as_(std::move(as)),
        user_(std::move(user)),
        agent_id_(std::move(agent_id)) {}
  ~DeskAgent() { Stop(); }

  // Logs in on `campaign_id` and watches the desktop until Stop.
  grpc::Status Start(const std::string& campaign_id) {
    dv1::StartSessionRequest login;
    login.set_agent_id(agent_id_);
    login.set_station_id("sip:" + user_ + "@pbx.gd");
    login.add_campaign_ids(campaign_id);
    dv1::StartSessionResponse session;
    grpc::Status status = desktop_->StartSession(As().get(), login, &session);
    if (!status.ok()) return status;
    session_id_ = session.session().session_id();
    stream_context_ = As();
    dv1::StreamDesktopRequest watch;
    watch.set_session_id(session_id_);
    feed_ = desktop_->StreamDesktop(stream_context_.get(), watch);
    thread_ = std::thread([this] { Run(); });
    return grpc::Status::OK;
  }

  void Stop() {
    if (!thread_.joinable()) return;
    stream_context_->TryCancel();
    thread_.join();
  }

  // Stops watching and ends the session: the shift is over, every state span is closed.
  grpc::Status LogOut() {
    Stop();
    dv1::EndSessionRequest end;
    end.set_session_id(session_id_);
    end.set_request_id(testing::UniqueName("logout"));
    dv1::EndSessionResponse ended;
    return desktop_->EndSession(As().get(), end, &ended);
  }

  const std::string& agent_id() const { return agent_id_; }
  int wrap_ups() const { return wrap_ups_.load(); }
  std::vector<std::string> errors() const {
    std::lock_guard<std::mutex> lock(mu_);
    return errors_;
  }

 private:
  std::unique_ptr<grpc::ClientContext> As() const { return as_(user_, {"agent"}); }

  void Run() {
    dv1::StreamDesktopResponse message;
    while (feed_->Read(&message)) {
      if (message.has_call_ended()) WrapUp(message.call_ended().call_id());
    }
  }

  void WrapUp(const std::string& call_id) {
    dv1::SubmitDispositionRequest wrap;
    wrap.set_session_id(session_id_);
    wrap.set_call_id(call_id);
    wrap.set_request_id(testing::UniqueName("wrap"));
    const int n = wrap_ups_.load();
    if (n % 3 == 0) {
      wrap.set_disposition_code("ORDER");
      *wrap.mutable_order() = DialingFloorBuilder::Order(1 + (n / 3) % 2);
    } else {
      wrap.set_disposition_code("NOT_NOW");
    }
    dv1::SubmitDispositionResponse wrapped;
    grpc::Status status = DialingFloorBuilder::Eventually(
        [&] { return desktop_->SubmitDisposition(As().get(), wrap, &wrapped); });
    if (status.ok()) {
      ++wrap_ups_;
      return;
    }
    std::lock_guard<std::mutex> lock(mu_);
    errors_.push_back(call_id + ": " + status.error_message());
  }

  std::unique_ptr<dv1::AgentDesktopService::Stub> desktop_;
  DialingFloorBuilder::Caller as_;
  std::string user_;
  std::string agent_id_;
  std::string session_id_;
  std::unique_ptr<grpc::ClientContext> stream_context_;
  std::unique_ptr<grpc::ClientReader<dv1::StreamDesktopResponse>> feed_;
  std::thread thread_;
  std::atomic<int> wrap_ups_{0};
  mutable std::mutex mu_;
  std::vector<std::string> errors_;
};

// The figures of one campaign as an integrator counts them from the raw events, by the
// definitions the README and the contracts give (R20, R26-R28), with none of reporting's code.
struct RawFigures {
  int64_t leads_loaded = 0;
  int64_t calls = 0, reached = 0, handled = 0, abandoned = 0, within_threshold = 0;
  int64_t wait_ms = 0;                    // over handled calls
  int64_t handle_ms = 0, handle_count = 0;  // talk + hold + wrap-up over handled calls that ended
  int64_t orders = 0;
  double revenue = 0;
  std::map<std::string, int64_t> handled_by_agent, contacts_by_agent, orders_by_agent;
  // Closed state spans on tm.agents.v1: agent -> state -> ms.
  std::map<std::string, std::map<int, int64_t>> state_ms_by_agent;
  std::map<int, std::set<std::string>> leads_by_stage;  // leads that entered each sale stage
  std::map<int, int64_t> leads_by_intention;  // each classified lead's latest intention class
  std::set<std::string> leads_contacted;      // leads the dialer counted a contact with
  std::map<std::string, std::vector<std::string>> calls_by_customer;
  std::map<std::string, std::vector<std::string>> orders_by_customer;
};

// One call's life from its steps, each sequence once (Kafka may redeliver).
struct CallLife {
  std::map<int64_t, ev1::CallEvent> steps;
};

RawFigures CountFigures(const std::map<std::string, CallLife>& calls,
                        const std::vector<ev1::LeadsLoaded>& loads,
                        const std::vector<ev1::AgentEvent>& agent_events,
                        const std::vector<dv1::Order>& orders) {
  RawFigures f;
  for (const auto& l : loads) f.leads_loaded += l.created();
  std::map<std::string, std::pair<int64_t, int>> latest_intention;  // lead -> (ms, class)
  for (const auto& [call_id, life] : calls) {
    bool answered = false, machine = false, connected = false, abandoned_step = false,
         ended = false;
    int64_t wait_ms = 0, talk_ms = 0, hold_ms = 0, wrap_ms = 0;
    std::string agent, customer;
    for (const auto& [sequence, e] : life.steps) {  // in sequence order
      if (!e.customer_id().empty()) customer = e.customer_id();
      if (e.has_answered()) answered = true;
      if (e.has_machine_detected()) machine = true;
      if (e.has_abandoned()) abandoned_step = true;
      if (e.has_agent_connected() && !connected) {
        connected = true;
        wait_ms = Ms(e.agent_connected().wait_duration());
        agent = e.agent_connected().agent_id().empty() ? e.agent_id()
                                                       : e.agent_connected().agent_id();
      }
      if (e.has_ended()) {
        ended = true;
        talk_ms = Ms(e.ended().talk_duration());
        hold_ms = Ms(e.ended().hold_duration());
      }
      if (e.has_dispositioned()) {
        const ev1::CallDispositioned& d = e.dispositioned();
        wrap_ms = Ms(d.wrap_up_duration());
        for (int stage : {static_cast<int>(d.previous_stage()), static_cast<int>(d.stage())}) {
          if (stage != common::SALE_STAGE_UNSPECIFIED) f.leads_by_stage[stage].insert(e.lead_id());
        }
        if (d.lead_contacts() > 0) f.leads_contacted.insert(e.lead_id());
        const int64_t at = TimeUtil::TimestampToMilliseconds(e.occur_time());
        auto& latest = latest_intention[e.lead_id()];
        if (at >= latest.first) latest = {at, d.intention_class()};
      }
    }
    ++f.calls;
    f.calls_by_customer[customer].push_back(call_id);
    const bool reached = answered && !machine;
    f.reached += reached;
    if (connected) {
      ++f.handled;
      ++f.handled_by_agent[agent];
      f.contacts_by_agent[agent] += reached;
      f.wait_ms += wait_ms;
      f.within_threshold += wait_ms <= kServiceLevelSeconds * 1000;
      if (ended) {
        ++f.handle_count;
        f.handle_ms += talk_ms + hold_ms + wrap_ms;
      }
    }
    // R20: answered by a person, and no agent within 2 s (or none at all).
    if (reached && (connected ? wait_ms > kAbandonConnectLimitMs : abandoned_step || ended)) {
      ++f.abandoned;
    }
  }
  // An unanswered call's system wrap-up leaves a lead unclassified: not in the distribution.
  for (const auto& [lead, latest] : latest_intention) {
    if (latest.second != common::INTENTION_CLASS_UNSPECIFIED) ++f.leads_by_intention[latest.second];
  }
  for (const auto& a : agent_events) {
    if (a.has_state_changed()) {
      f.state_ms_by_agent[a.agent_id()][a.state_changed().previous_state()] +=
          Ms(a.state_changed().previous_state_duration());
    }
  }
  for (const auto& o : orders) {
    ++f.orders;
    ++f.orders_by_agent[o.agent_id()];
    f.revenue += o.total().units() + o.total().nanos() / 1e9;
    f.orders_by_customer[o.customer_id()].push_back(o.order_id());
  }
  return f;
}

double ToDouble(const common::Money& m) { return m.units() + m.nanos() / 1e9; }

// The records of an exported CSV, header first, read as a spreadsheet would.
std::vector<std::vector<std::string>> ReadCsv(const std::string& csv) {
  std::istringstream in(csv);
  contacts::CsvReader reader(in);
  std::vector<std::vector<std::string>> records;
  for (;;) {
    auto record = reader.Next();
    EXPECT_TRUE(record.ok()) << record.status();
    if (!record.ok() || !record->has_value()) return records;
    records.push_back((*record)->values);
  }
}

// The column of `name` in a CSV header; fails the test when it is missing.
size_t Column(const std::vector<std::string>& header, const std::string& name) {
  auto it = std::find(header.begin(), header.end(), name);
  EXPECT_NE(it, header.end()) << "no column " << name;
  return it == header.end() ? 0 : static_cast<size_t>(it - header.begin());
}

class ReportingDialerEndToEnd : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    region_ = new std::string("repd-" + testing::UniqueName("r").substr(2));
    // Dialing's contacts projection starts at the end of the shared broker's customers; reporting
    // replays its topics from offset zero, as a new group on a fresh schema does.
    testing::SkipBacklog(testing::KafkaBrokers(), "dialing-contacts." + *region_,
                         {"tm.contacts.v1", "tm.contact-consent.v1"});
    testing::SuiteProcess::Options options;
    options.region = *region_;
    options.services = "contacts,campaigns,dialing,reporting";
    options.extra_args = testing::JwtServerArgs();
    options.extra_args.push_back("--dialing-simulation-profile=fast");
    suite_ = new testing::SuiteProcess(options);
  }
  static void TearDownTestSuite() {
    delete suite_;
    delete region_;
  }
  void SetUp() override {
    ASSERT_TRUE(suite_->running()) << testing::Tail(suite_->log_path());
    reporting_ = rv1::ReportingService::NewStub(suite_->channel());
    dialing_ = dv1::DialingService::NewStub(suite_->channel());
  }

  static std::unique_ptr<grpc::ClientContext> As(const std::string& who,
                                                 std::vector<std::string> roles = {"supervisor"}) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", testing::BearerToken(who, std::move(roles), {*region_}));
    return context;
  }
  static DialingFloorBuilder::Caller Caller() {
    return [](const std::string& who, std::vector<std::string> roles) { return As(who, roles); };
  }

  // Every call of the campaign, newest first.
  std::vector<dv1::Call> Calls(const std::string& campaign_id) {
    std::vector<dv1::Call> calls;
    dv1::ListCallsRequest list;
    list.set_campaign_id(campaign_id);
    list.set_page_size(100);
    for (;;) {
      dv1::ListCallsResponse page;
      grpc::Status status = dialing_->ListCalls(As("alice").get(), list, &page);
      EXPECT_TRUE(status.ok()) << status.error_message();
      calls.insert(calls.end(), page.calls().begin(), page.calls().end());
      if (!status.ok() || page.next_page_token().empty()) return calls;
      list.set_page_token(page.next_page_token());
    }
  }

  // Dialing's reconciliation rows once reporting has applied everything its outbox published,
  // and two looks a second apart agree (nothing still on the way).
  std::vector<rv1::ReconciliationRow> BalancedDialingRows() {
    const std::string source = "//telemarketing/" + *region_ + "/dialing";
    std::string previous;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    std::vector<rv1::ReconciliationRow> rows;
    while (std::chrono::steady_clock::now() < deadline) {
      rv1::ReconcileEventsRequest request;
      request.add_sources(source);
      rv1::ReconcileEventsResponse response;
      grpc::Status status = reporting_->ReconcileEvents(As("root", {"admin"}).get(), request,
                                                        &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      rows.assign(response.rows().begin(), response.rows().end());
      bool balanced = !rows.empty();
      std::string now;
      for (const auto& r : rows) {
        balanced = balanced && r.missing() == 0 && r.produced() == r.consumed();
        now += r.event_type() + "=" + std::to_string(r.produced()) + ";";
      }
      if (balanced && now == previous) return rows;
      previous = balanced ? now : "";
      std::this_thread::sleep_for(std::chrono::seconds(1));
    }
    ADD_FAILURE() << "reporting did not catch up with dialing's outbox";
    return rows;
  }

  static inline std::string* region_ = nullptr;
  static inline testing::SuiteProcess* suite_ = nullptr;
  std::unique_ptr<rv1::ReportingService::Stub> reporting_;
  std::unique_ptr<dv1::DialingService::Stub> dialing_;
};

TEST_F(ReportingDialerEndToEnd, ReportsOfASimulatedFloorMatchCountsFromTheDialersEvents) {
  const TimePoint test_start = std::chrono::system_clock::now();
  const std::string brokers = testing::KafkaBrokers();
  testing::TopicReader calls_topic(brokers, "tm.calls.v1");
  testing::TopicReader agents_topic(brokers, "tm.agents.v1");
  testing::TopicReader orders_topic(brokers, "tm.orders.v1");
  DialingFloorBuilder floor(suite_->channel(), Caller());
  const std::string campaign_id = floor.ActiveCampaign(floor.BuildList(kLeads));
  ASSERT_FALSE(campaign_id.empty());

  dv1::LoadLeadsRequest load;
  load.set_campaign_id(campaign_id);
  load.set_request_id(testing::UniqueName("load"));
  dv1::LoadLeadsResponse loaded;
  ASSERT_TRUE(DialingFloorBuilder::Eventually([&] {
                return dialing_->LoadLeads(As("alice").get(), load, &loaded);
              }).ok());
  ASSERT_EQ(loaded.created(), kLeads);

  std::vector<std::unique_ptr<DeskAgent>> agents;
  for (int i = 0; i < kAgents; ++i) {
    const std::string user = testing::UniqueName("agent");
    const std::string agent_id = floor.CreateAgent(user);
    ASSERT_FALSE(agent_id.empty());
    agents.push_back(std::make_unique<DeskAgent>(suite_->channel(), Caller(), user, agent_id));
    grpc::Status started = agents.back()->Start(campaign_id);
    ASSERT_TRUE(started.ok()) << started.error_message();
  }

  // Power dialing, two calls per ready agent: at times more customers answer than agents are
  // free, so some wait past 2 s or hang up unserved, and the abandon figures are exercised (R20).
  dv1::UpdateCampaignRuntimeRequest power;
  power.mutable_campaign_runtime()->set_campaign_id(campaign_id);
  power.mutable_campaign_runtime()->set_dial_mode(common::DIAL_MODE_POWER);
  power.mutable_campaign_runtime()->set_power_ratio(2.0);
  power.mutable_update_mask()->add_paths("dial_mode");
  power.mutable_update_mask()->add_paths("power_ratio");
  power.set_request_id(testing::UniqueName("power"));
  dv1::UpdateCampaignRuntimeResponse powered;
  grpc::Status status = DialingFloorBuilder::Eventually(
      [&] { return dialing_->UpdateCampaignRuntime(As("alice").get(), power, &powered); });
  ASSERT_TRUE(status.ok()) << status.error_message();

  dv1::StartDialingRequest start;
  start.set_campaign_id(campaign_id);
  start.set_request_id(testing::UniqueName("start"));
  dv1::StartDialingResponse started;
  status = DialingFloorBuilder::Eventually(
      [&] { return dialing_->StartDialing(As("alice").get(), start, &started); });
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(started.campaign_runtime().dial_mode(), common::DIAL_MODE_POWER);
  EXPECT_EQ(started.campaign_runtime().power_ratio(), 2.0);

  // The floor runs until some dozens of calls have ended (read as an integrator would).
  std::vector<events::ConsumedEvent> call_events;
  auto ended_calls = [&](const std::vector<events::ConsumedEvent>& more) {
    std::set<std::string> ended;
    using Events = std::vector<events::ConsumedEvent>;
    for (const Events* events : std::initializer_list<const Events*>{&call_events, &more}) {
      for (const auto& e : *events) {
        ev1::CallEvent call;
        if (e.type == ev1::CallEvent::descriptor()->full_name() &&
            call.ParseFromString(e.payload) && call.campaign_id() == campaign_id &&
            call.has_ended()) {
          ended.insert(call.call_id());
        }
      }
    }
    return static_cast<int>(ended.size());
  };
  std::vector<events::ConsumedEvent> read = calls_topic.ReadUntil(
      [&](const auto& more) { return ended_calls(more) >= kEndedCalls; }, std::chrono::minutes(4));
  call_events.insert(call_events.end(), read.begin(), read.end());
  ASSERT_GE(ended_calls({}), kEndedCalls) << "the simulated floor ended too few calls";

  dv1::StopDialingRequest stop;
  stop.set_campaign_id(campaign_id);
  stop.set_request_id(testing::UniqueName("stop"));
  dv1::StopDialingResponse stopped;
  status = dialing_->StopDialing(As("alice").get(), stop, &stopped);
  ASSERT_TRUE(status.ok()) << status.error_message();

  // Calls still in flight end and are wrapped up: every call final, or ended without an agent.
  auto settled = [&] {
    for (const dv1::Call& c : Calls(campaign_id)) {
      const bool final = c.state() == dv1::CALL_STATE_DISPOSITIONED ||
                         (c.state() == dv1::CALL_STATE_ENDED && !c.has_agent_connect_time());
      if (!final) return false;
    }
    return true;
  };
  const auto settle_deadline = std::chrono::steady_clock::now() + std::chrono::seconds(90);
  while (!settled() && std::chrono::steady_clock::now() < settle_deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(500));
  }
  ASSERT_TRUE(settled()) << "calls still in flight 90 s after StopDialing";
  for (const auto& agent : agents) {
    grpc::Status logged_out = agent->LogOut();
    EXPECT_TRUE(logged_out.ok()) << logged_out.error_message();
    for (const std::string& error : agent->errors()) ADD_FAILURE() << "wrap-up refused: " << error;
  }

  // Reporting has applied everything dialing published; the integrator reads the same events.
  const std::vector<rv1::ReconciliationRow> rows = BalancedDialingRows();
  std::map<std::string, int64_t> produced_on;  // topic -> events dialing published there
  for (const auto& r : rows) produced_on[r.topic()] += r.produced();
  const std::string dialing_source = "//telemarketing/" + *region_ + "/dialing";
  auto read_all = [&](testing::TopicReader& reader, const std::string& topic,
                      std::vector<events::ConsumedEvent> so_far) {
    auto count = [&](const std::vector<events::ConsumedEvent>& events) {
      return std::count_if(events.begin(), events.end(),
                           [&](const auto& e) { return e.source == dialing_source; });
    };
    std::vector<events::ConsumedEvent> more = reader.ReadUntil(
        [&](const auto& m) { return count(so_far) + count(m) >= produced_on[topic]; },
        std::chrono::seconds(60));
    so_far.insert(so_far.end(), more.begin(), more.end());
    EXPECT_EQ(count(so_far), produced_on[topic]) << topic;
    return so_far;
  };
  call_events = read_all(calls_topic, "tm.calls.v1", std::move(call_events));
  const auto agent_events = read_all(agents_topic, "tm.agents.v1", {});
  const auto order_events = read_all(orders_topic, "tm.orders.v1", {});

  std::map<std::string, CallLife> calls;
  std::vector<ev1::LeadsLoaded> loads;
  for (const auto& e : call_events) {
    if (e.source != dialing_source) continue;
    ev1::CallEvent call;
    ev1::LeadsLoaded leads;
    if (e.type == ev1::CallEvent::descriptor()->full_name() && call.ParseFromString(e.payload) &&
        call.campaign_id() == campaign_id) {
      calls[call.call_id()].steps[call.sequence()] = call;
    } else if (e.type == ev1::LeadsLoaded::descriptor()->full_name() &&
               leads.ParseFromString(e.payload) && leads.campaign_id() == campaign_id) {
      loads.push_back(leads);
    }
  }
  std::set<std::string> agent_ids;
  for (const auto& a : agents) agent_ids.insert(a->agent_id());
  std::vector<ev1::AgentEvent> agent_changes;
  for (const auto& e : agent_events) {
    ev1::AgentEvent a;
    if (e.source == dialing_source && a.ParseFromString(e.payload) &&
        agent_ids.count(a.agent_id())) {
      agent_changes.push_back(a);
    }
  }
  std::vector<dv1::Order> orders;
  for (const auto& e : order_events) {
    ev1::OrderCaptured captured;
    if (e.source == dialing_source && e.type == ev1::OrderCaptured::descriptor()->full_name() &&
        captured.ParseFromString(e.payload) && captured.order().campaign_id() == campaign_id) {
      orders.push_back(captured.order());
    }
  }
  RawFigures raw = CountFigures(calls, loads, agent_changes, orders);
  std::printf("floor: %lld calls, %lld reached, %lld handled, %lld abandoned, %lld orders\n",
              static_cast<long long>(raw.calls), static_cast<long long>(raw.reached),
              static_cast<long long>(raw.handled), static_cast<long long>(raw.abandoned),
              static_cast<long long>(raw.orders));
  ASSERT_GE(raw.calls, kEndedCalls);
  ASSERT_GT(raw.handled, 0);
  ASSERT_GT(raw.orders, 0) << "every third wrap-up orders";

  // The period: every 15-minute bucket the test's calls and agent spans started in.
  const TimePoint now = std::chrono::system_clock::now();
  rv1::ReportPeriod period;
  *period.mutable_start_time() =
      TimeUtil::MillisecondsToTimestamp(UnixMillis(test_start - std::chrono::minutes(15)));
  *period.mutable_end_time() =
      TimeUtil::MillisecondsToTimestamp(UnixMillis(now + std::chrono::minutes(15)));
  period.set_granularity(rv1::GRANULARITY_TOTAL);

  // SLA (R26), the campaign as one row.
  rv1::GetSlaReportRequest sla_request;
  *sla_request.mutable_period() = period;
  sla_request.set_dimension(rv1::SLA_DIMENSION_CAMPAIGN);
  sla_request.mutable_filter()->add_campaign_ids(campaign_id);
  sla_request.mutable_service_level_threshold()->set_seconds(kServiceLevelSeconds);
  rv1::GetSlaReportResponse sla;
  status = reporting_->GetSlaReport(As("sup").get(), sla_request, &sla);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const rv1::SlaRow& t = sla.total();
  EXPECT_EQ(t.dial_attempts(), raw.calls);
  EXPECT_EQ(t.contacts(), raw.reached);
  EXPECT_EQ(t.calls_offered(), raw.reached);
  EXPECT_EQ(t.calls_handled(), raw.handled);
  EXPECT_EQ(t.calls_abandoned(), raw.abandoned);
  EXPECT_DOUBLE_EQ(t.abandon_rate(), raw.reached ? double(raw.abandoned) / raw.reached : 0);
  EXPECT_EQ(Ms(t.average_wait_time()), raw.wait_ms / raw.handled);
  EXPECT_EQ(Ms(t.average_handle_time()), raw.handle_count ? raw.handle_ms / raw.handle_count : 0);
  EXPECT_DOUBLE_EQ(t.service_level(), raw.reached ? double(raw.within_threshold) / raw.reached : 0);
  EXPECT_DOUBLE_EQ(t.contact_rate(), double(raw.reached) / raw.calls);
  ASSERT_EQ(sla.rows_size(), 1);
  EXPECT_EQ(sla.rows(0).dimension_key(), campaign_id);
  EXPECT_EQ(sla.rows(0).calls_handled(), raw.handled);

  // Campaign results (R27): leads, attempts, contacts, orders, revenue, funnel, classes.
  rv1::GetCampaignResultsRequest results_request;
  results_request.set_campaign_id(campaign_id);
  rv1::GetCampaignResultsResponse results;
  status = reporting_->GetCampaignResults(As("sup").get(), results_request, &results);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const rv1::CampaignMeasures& m = results.results().totals();
  EXPECT_EQ(m.leads(), raw.leads_loaded);
  EXPECT_EQ(m.leads(), kLeads);
  EXPECT_EQ(m.dial_attempts(), raw.calls);
  EXPECT_EQ(m.contacts(), raw.reached);
  EXPECT_DOUBLE_EQ(m.contact_rate(), double(raw.reached) / raw.calls);
  EXPECT_EQ(m.orders(), raw.orders);
  EXPECT_NEAR(ToDouble(m.revenue()), raw.revenue, 1e-6);
  EXPECT_EQ(m.revenue().currency_code(), "CNY");
  ASSERT_EQ(m.funnel_size(), 4);
  for (const rv1::FunnelStage& stage : m.funnel()) {
    auto entered = raw.leads_by_stage.find(stage.stage());
    const size_t leads = entered == raw.leads_by_stage.end() ? 0 : entered->second.size();
    EXPECT_EQ(stage.leads_entered(), static_cast<int64_t>(leads))
        << common::SaleStage_Name(stage.stage());
  }
  std::map<int, int64_t> intentions;
  for (const auto& ic : m.intention_distribution()) {
    if (ic.leads() > 0) intentions[ic.intention_class()] = ic.leads();
  }
  EXPECT_EQ(intentions, raw.leads_by_intention);
  EXPECT_DOUBLE_EQ(m.conversion_rate(),
                   raw.leads_contacted.empty()
                       ? 0
                       : double(raw.orders) / static_cast<double>(raw.leads_contacted.size()));

  // Agent assessments (R28): one row per agent over the period.
  rv1::ListAgentAssessmentsRequest assess;
  *assess.mutable_period() = period;
  for (const std::string& id : agent_ids) assess.mutable_filter()->add_agent_ids(id);
  rv1::ListAgentAssessmentsResponse assessments;
  status = reporting_->ListAgentAssessments(As("sup").get(), assess, &assessments);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::set<std::string> assessed;
  for (const rv1::AgentAssessment& a : assessments.assessments()) {
    assessed.insert(a.agent_id());
    auto state_ms = raw.state_ms_by_agent[a.agent_id()];
    EXPECT_EQ(Ms(a.talk_time()), state_ms[dv1::AGENT_STATE_ON_CALL]) << a.agent_id();
    EXPECT_EQ(Ms(a.wrap_up_time()), state_ms[dv1::AGENT_STATE_WRAP_UP]) << a.agent_id();
    EXPECT_EQ(Ms(a.ready_time()), state_ms[dv1::AGENT_STATE_READY]) << a.agent_id();
    EXPECT_EQ(Ms(a.pause_time()), state_ms[dv1::AGENT_STATE_PAUSED]) << a.agent_id();
    EXPECT_EQ(Ms(a.logged_in_time()),
              state_ms[dv1::AGENT_STATE_ON_CALL] + state_ms[dv1::AGENT_STATE_WRAP_UP] +
                  state_ms[dv1::AGENT_STATE_READY] + state_ms[dv1::AGENT_STATE_PAUSED] +
                  state_ms[dv1::AGENT_STATE_RESERVED])
        << a.agent_id();
    EXPECT_EQ(a.calls_handled(), CountOf(raw.handled_by_agent, a.agent_id())) << a.agent_id();
    EXPECT_EQ(a.contacts(), CountOf(raw.contacts_by_agent, a.agent_id())) << a.agent_id();
    EXPECT_EQ(a.orders(), CountOf(raw.orders_by_agent, a.agent_id())) << a.agent_id();
  }
  EXPECT_EQ(assessed, agent_ids) << "every agent who worked the shift has a row";

  // The timeline (R4) of the customer with the most calls: each of its calls and orders.
  std::string customer_id;
  for (const auto& [customer, ids] : raw.calls_by_customer) {
    if (customer_id.empty() || ids.size() > raw.calls_by_customer.at(customer_id).size() ||
        (ids.size() == raw.calls_by_customer.at(customer_id).size() &&
         raw.orders_by_customer.count(customer))) {
      customer_id = customer;
    }
  }
  rv1::GetCustomerTimelineRequest timeline_request;
  timeline_request.set_customer_id(customer_id);
  rv1::GetCustomerTimelineResponse timeline;
  status = reporting_->GetCustomerTimeline(As("sup").get(), timeline_request, &timeline);
  ASSERT_TRUE(status.ok()) << status.error_message();
  std::multiset<std::string> timeline_calls, timeline_orders;
  for (const rv1::TimelineEntry& e : timeline.entries()) {
    if (e.kind() == rv1::TIMELINE_ENTRY_KIND_CALL) timeline_calls.insert(e.call_id());
    if (e.kind() == rv1::TIMELINE_ENTRY_KIND_ORDER) timeline_orders.insert(e.order_id());
    if (e.kind() == rv1::TIMELINE_ENTRY_KIND_CALL && calls.count(e.call_id())) {
      const auto& steps = calls.at(e.call_id()).steps;
      for (const auto& [sequence, step] : steps) {
        if (step.has_ended()) {
          EXPECT_EQ(Ms(e.talk_duration()), Ms(step.ended().talk_duration()));
        }
        if (step.has_dispositioned()) {
          EXPECT_EQ(e.disposition_code(), step.dispositioned().disposition_code());
        }
      }
    }
  }
  const auto& customer_calls = raw.calls_by_customer.at(customer_id);
  EXPECT_EQ(timeline_calls,
            std::multiset<std::string>(customer_calls.begin(), customer_calls.end()));
  const auto& customer_orders = raw.orders_by_customer[customer_id];
  EXPECT_EQ(timeline_orders,
            std::multiset<std::string>(customer_orders.begin(), customer_orders.end()));

  // The same SLA and assessments as CSV (ExportReport): the cells say what the RPCs said.
  auto export_csv = [&](const rv1::ExportReportRequest& request) {
    auto context = As("sup");
    auto reader = reporting_->ExportReport(context.get(), request);
    rv1::ExportReportResponse chunk;
    std::string csv;
    while (reader->Read(&chunk)) csv += chunk.csv_chunk();
    grpc::Status finished = reader->Finish();
    EXPECT_TRUE(finished.ok()) << finished.error_message();
    return ReadCsv(csv);
  };
  rv1::ExportReportRequest sla_export;
  *sla_export.mutable_sla_report() = sla_request;
  const auto sla_csv = export_csv(sla_export);
  ASSERT_EQ(sla_csv.size(), 2u) << "a header and the campaign's row";
  const auto& header = sla_csv[0];
  const auto& row = sla_csv[1];
  EXPECT_EQ(row[Column(header, "dimension_key")], campaign_id);
  EXPECT_EQ(row[Column(header, "dial_attempts")], std::to_string(raw.calls));
  EXPECT_EQ(row[Column(header, "contacts")], std::to_string(raw.reached));
  EXPECT_EQ(row[Column(header, "calls_offered")], std::to_string(raw.reached));
  EXPECT_EQ(row[Column(header, "calls_handled")], std::to_string(raw.handled));
  EXPECT_EQ(row[Column(header, "calls_abandoned")], std::to_string(raw.abandoned));
  // Durations in seconds with the milliseconds the report keeps.
  EXPECT_NEAR(std::stod(row[Column(header, "average_wait_time")]),
              (raw.wait_ms / raw.handled) / 1000.0, 1e-9);
  EXPECT_NEAR(std::stod(row[Column(header, "service_level")]),
              raw.reached ? double(raw.within_threshold) / raw.reached : 0, 1e-6);

  rv1::ExportReportRequest agents_export;
  *agents_export.mutable_agent_assessments() = assess;
  const auto agents_csv = export_csv(agents_export);
  ASSERT_EQ(agents_csv.size(), agent_ids.size() + 1) << "a header and a row per agent";
  const size_t agent_col = Column(agents_csv[0], "agent_id");
  const size_t handled_col = Column(agents_csv[0], "calls_handled");
  const size_t orders_col = Column(agents_csv[0], "orders");
  for (size_t i = 1; i < agents_csv.size(); ++i) {
    const std::string& agent = agents_csv[i][agent_col];
    EXPECT_EQ(agents_csv[i][handled_col], std::to_string(CountOf(raw.handled_by_agent, agent)));
    EXPECT_EQ(agents_csv[i][orders_col], std::to_string(CountOf(raw.orders_by_agent, agent)));
  }
}

}  // namespace
}  // namespace tmk
