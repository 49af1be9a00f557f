// Inbound callers recognised while their call is served (R18 cross-sell, R5, R4) on a real
// PostgreSQL in virtual time: the InboundRouter asks a CallerDirectory that answers after a set
// delay. An answer before an agent is free is on the first offer; one after the offer puts the
// customer on the call and offers it to the agent again; either way every event from then on
// names the customer (CallEnded always does), CallCreated does not. A failing lookup, an unknown
// number and an answer after the call ended leave the caller unknown and the call served. Last,
// the production directory's bound on lookups while contacts is stuck.
#include <condition_variable>
#include <map>
#include <mutex>
#include <vector>

#include "services/common/grpc/proto_conversions.h"
#include "services/dialing/api/desktop_feed.h"
#include "services/dialing/runtime/contacts_caller_directory.h"
#include "services/dialing/runtime/inbound_router.h"
#include "services/dialing/store/agent_group_store.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/inbound_queue_store.h"
#include "services/dialing/telephony/real_time_scheduler.h"
#include "tests/dialing/runtime/dialer_floor_fixture.h"
#include "tests/dialing/runtime/service_queue.h"
#include "tests/dialing/runtime/virtual_caller_directory.h"

namespace tmk::dialing {
namespace {

namespace v1 = telemarketing::dialing::v1;
namespace ev = telemarketing::events::v1;
using std::chrono::milliseconds;
using std::chrono::minutes;
using std::chrono::seconds;

constexpr char kQueueNumber[] = "+8610086";
constexpr char kCaller[] = "+8613800138000";
const KnownCaller kCustomer{"cust-7", "cp-7-mobile"};

// One offer of a call to the agent's desktop, and who the stored call named then.
struct Offer {
  std::string call_id;
  std::string customer_id;
  TimePoint at;
};

class CallerIdentificationTest : public testing::DialerFloorTest {
 protected:
  // A queue on kQueueNumber served by one inbound-only agent (logged in with LogInAgent);
  // callers at `per_hour`, patient for 10 minutes, talking 60 s; `known_callers`: whether every
  // caller dials from kCaller (else from numbers nobody has).
  void StartQueue(bool known_callers, double per_hour = 60) {
    v1::AgentGroup group;
    group.set_agent_group_id(group_id_);
    group.set_display_name("service");
    group.set_revision(1);
    const v1::InboundQueue queue =
        testing::ServiceQueue(queue_id_, group_id_, kQueueNumber, minutes(15));
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  AgentGroupStore().Insert(tx, group);
                  InboundQueueStore().Insert(tx, queue);
                }).ok());
    SimulationProfile profile;
    profile.talk_time = DurationDistribution::Fixed(60);
    profile.known_caller_share = 1;
    profile.inbound = {{kQueueNumber, per_hour, DurationDistribution::Fixed(600)}};
    StartDialer(profile);
    if (known_callers) telephony_->SetCallerPool({kCaller});
    callers_.known[kCaller] = kCustomer;
    router_ = std::make_unique<InboundRouter>(*pool_, scheduler_, *telephony_, sessions_, ledger_,
                                              projection_, callers_, &feed_);
    runtime_->SetInbound(router_.get());
    ASSERT_TRUE(router_->Reload().ok());
    telephony_->StartArrivals();
    StartAgents();
  }

  // The agent READY on the queue; every offer to its desktop recorded with the stored customer.
  void LogInAgent() {
    v1::Agent agent = NewAgent("CSR", {group_id_});
    agent.set_blending_mode(v1::BLENDING_MODE_INBOUND_ONLY);
    std::string session_id;
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  AgentStore().Insert(tx, agent);
                  AgentSessions::Login login;
                  login.station_id = "ext-1";
                  login.queue_ids = {queue_id_};
                  absl::StatusOr<v1::AgentSession> s = sessions_.Start(tx, agent, login);
                  ASSERT_TRUE(s.ok()) << s.status();
                  session_id = s->session_id();
                }).ok());
    feed_.Subscribe(session_id, [this](const DesktopNotice& notice) {
      if (notice.kind != DesktopNotice::Kind::kOffered) return;
      Offer offer{notice.call_id, "", scheduler_.Now()};
      EXPECT_TRUE(Run([&](pqxx::work& tx) {
                    offer.customer_id = CallStore().Find(tx, notice.call_id)->call.customer_id();
                  }).ok());
      offers_[notice.call_id].push_back(offer);
    });
    router_->Serve();
  }

  // The inbound calls as stored, by id.
  std::map<std::string, v1::Call> InboundCalls() {
    std::map<std::string, v1::Call> out;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  for (const pqxx::row& row : tx.exec("SELECT record FROM calls")) {
                    v1::Call c;
                    c.ParseFromString(pqxx::binarystring(row[0]).str());
                    out[c.call_id()] = c;
                  }
                }).ok());
    return out;
  }

  // Every call served as an unknown caller: offered once, never a customer on row or event.
  void ExpectAllUnknown() {
    const auto calls = InboundCalls();
    const auto events = Events();
    int connected = 0;
    for (const auto& [call_id, call] : calls) {
      SCOPED_TRACE(call_id);
      EXPECT_TRUE(call.customer_id().empty());
      EXPECT_LE(offers_[call_id].size(), 1u) << "nothing new to offer again";
      for (const ev::CallEvent& e : events.at(call_id)) EXPECT_TRUE(e.customer_id().empty());
      connected += call.has_agent_connect_time();
    }
    EXPECT_EQ(callers_.asked.size(), calls.size()) << "every caller looked up";
    EXPECT_GT(connected, 5) << "the calls were served all the same";
  }

  std::string group_id_ = NewId();
  std::string queue_id_ = NewId();
  testing::VirtualCallerDirectory callers_{scheduler_};
  DesktopFeed feed_;
  std::unique_ptr<InboundRouter> router_;
  std::map<std::string, std::vector<Offer>> offers_;  // by call id
};

// Callers wait for the agent, who logs in after the lookups answered: the first offer of each
// already shows the customer; the events name them from the connect on (R4 timeline).
TEST_F(CallerIdentificationTest, AnswerBeforeTheOfferIsOnTheFirstOffer) {
  callers_.delay = milliseconds(300);
  StartQueue(/*known_callers=*/true);
  scheduler_.RunUntil(testing::FloorStart() + minutes(5));
  LogInAgent();
  scheduler_.RunUntil(testing::FloorStart() + minutes(40));

  const auto calls = InboundCalls();
  const auto events = Events();
  // Listed among the customer's calls (its history on later offers), not only in the record.
  EXPECT_EQ(Scalar(absl::StrCat("SELECT count(*) FROM calls WHERE customer_id = '",
                                kCustomer.customer_id, "'")),
            std::to_string(calls.size()));
  int waited = 0;
  for (const auto& [call_id, call] : calls) {
    SCOPED_TRACE(call_id);
    EXPECT_EQ(call.customer_id(), kCustomer.customer_id);
    EXPECT_EQ(call.contact_point_id(), kCustomer.contact_point_id);
    const std::vector<Offer>& offered = offers_[call_id];
    if (offered.empty()) continue;
    const TimePoint created = grpcx::FromProtoTime(call.create_time());
    if (offered.front().at - created < callers_.delay) continue;  // offered at once
    ++waited;
    EXPECT_EQ(offered.front().customer_id, kCustomer.customer_id) << "on the first offer";
    EXPECT_EQ(offered.size(), 1u) << "nothing new to offer again";
    for (const ev::CallEvent& e : events.at(call_id)) {
      EXPECT_EQ(e.customer_id().empty(), e.has_created() || e.has_queued())
          << "named from the connect on: " << e.ShortDebugString();
    }
  }
  EXPECT_GE(waited, 3) << "callers of the first five minutes waited for the agent";
}

// The agent is free when the caller arrives: offered at once as unknown, then again with the
// customer once the lookup answers, mid-conversation; CallEnded and the wrap-up name them.
TEST_F(CallerIdentificationTest, AnswerAfterTheOfferOffersTheCallAgain) {
  callers_.delay = seconds(5);
  StartQueue(/*known_callers=*/true, /*per_hour=*/20);  // the agent mostly free
  LogInAgent();
  scheduler_.RunUntil(testing::FloorStart() + minutes(60));

  const auto events = Events();
  int again = 0;
  for (const auto& [call_id, call] : InboundCalls()) {
    SCOPED_TRACE(call_id);
    const std::vector<Offer>& offered = offers_[call_id];
    if (!call.has_agent_connect_time()) continue;
    EXPECT_EQ(call.customer_id(), kCustomer.customer_id);
    const TimePoint created = grpcx::FromProtoTime(call.create_time());
    if (offered.front().at - created >= callers_.delay) continue;  // waited: on the first offer
    ++again;
    ASSERT_EQ(offered.size(), 2u);
    EXPECT_TRUE(offered[0].customer_id.empty()) << "offered before the answer";
    EXPECT_EQ(offered[1].customer_id, kCustomer.customer_id);
    // Stored times are in microseconds.
    EXPECT_NEAR(std::chrono::duration<double>(offered[1].at - created).count(), 5, 1e-3)
        << "pushed as the answer came";
    for (const ev::CallEvent& e : events.at(call_id)) {
      if (e.has_agent_connected()) {
        EXPECT_TRUE(e.customer_id().empty()) << "connected before the answer";
      }
      if (e.has_ended() || e.has_dispositioned()) {
        EXPECT_EQ(e.customer_id(), kCustomer.customer_id);
        EXPECT_EQ(e.contact_point_id(), kCustomer.contact_point_id);
      }
    }
  }
  EXPECT_GE(again, 3) << "calls the free agent took at once";
}

TEST_F(CallerIdentificationTest, FailedLookupLeavesTheCallerUnknown) {
  callers_.failure = absl::UnavailableError("contacts is down");
  StartQueue(/*known_callers=*/true);
  LogInAgent();
  scheduler_.RunUntil(testing::FloorStart() + minutes(30));
  ExpectAllUnknown();
}

TEST_F(CallerIdentificationTest, NumberNobodyHasIsAnUnknownCaller) {
  StartQueue(/*known_callers=*/false);
  LogInAgent();
  scheduler_.RunUntil(testing::FloorStart() + minutes(30));
  ExpectAllUnknown();
}

// A lookup slower than the call: the ended call and its published events stay as they were.
TEST_F(CallerIdentificationTest, AnswerAfterTheCallEndedChangesNothing) {
  callers_.delay = minutes(20);
  StartQueue(/*known_callers=*/true);
  LogInAgent();
  scheduler_.RunUntil(testing::FloorStart() + minutes(15));
  runtime_->Stop();
  scheduler_.RunUntil(testing::FloorStart() + minutes(60));  // every answer is in
  int early = 0;
  for (const auto& [call_id, call] : InboundCalls()) {
    if (grpcx::FromProtoTime(call.create_time()) >= testing::FloorStart() + minutes(3)) continue;
    SCOPED_TRACE(call_id);
    ++early;
    EXPECT_TRUE(call.customer_id().empty()) << "ended before the answer";
    EXPECT_EQ(offers_[call_id].size(), 1u);
    EXPECT_EQ(call.state(), v1::CALL_STATE_DISPOSITIONED) << "served all the same";
  }
  EXPECT_GE(early, 1) << "callers of the first three minutes";
}

// The production directory's bound (no PostgreSQL needed, kept beside the router's tests): with
// contacts stuck, one lookup runs, two wait and the rest are refused at once, so a slow contacts
// never builds a backlog; once contacts answers, each waiting call gets its customer on the
// phone of the number contacts showed, masked as dialing sees it (R6).
class StuckContacts final : public contacts_client::CustomerDirectory {
 public:
  absl::StatusOr<telemarketing::contacts::v1::Customer> GetCustomer(
      const auth::Principal&, std::string_view) override {
    return absl::UnimplementedError("not asked");
  }
  absl::StatusOr<telemarketing::contacts::v1::ListCustomersResponse> ListCustomers(
      const auth::Principal&, std::string_view, int, std::string_view) override {
    return absl::UnimplementedError("not asked");
  }
  absl::StatusOr<telemarketing::contacts::v1::LookupCustomersByPhoneResponse>
  LookupCustomersByPhone(const auth::Principal& who, std::string_view,
                         const telemarketing::common::v1::ChangeContext& context) override {
    std::unique_lock<std::mutex> lock(mu);
    asked_for.push_back(context.call_id());
    credentials.push_back(who.credential);
    asked.notify_all();
    released.wait(lock, [this] { return open; });
    telemarketing::contacts::v1::LookupCustomersByPhoneResponse found;
    found.set_normalized_phone_number("+86138****8000");
    auto* customer = found.add_customers();
    customer->set_customer_id("cust-7");
    auto* home = customer->add_contact_points();
    home->set_contact_point_id("cp-home");
    home->set_normalized_value("+86755****1234");
    auto* mobile = customer->add_contact_points();
    mobile->set_contact_point_id("cp-mobile");
    mobile->set_normalized_value("+86138****8000");
    return found;
  }
  void Release() {
    std::lock_guard<std::mutex> lock(mu);
    open = true;
    released.notify_all();
  }

  std::mutex mu;
  std::condition_variable asked, released;
  bool open = false;
  std::vector<std::string> asked_for, credentials;
};

TEST(ContactsCallerDirectoryTest, StuckContactsRefusesBeyondTheBoundThenAnswers) {
  StuckContacts contacts;
  RealTimeScheduler scheduler;
  scheduler.Start();
  std::mutex mu;
  std::condition_variable changed;
  std::map<std::string, absl::StatusOr<std::optional<KnownCaller>>> answers;
  {
    auth::Principal dialing;
    dialing.credential = "Bearer dialing-jwt";
    ContactsCallerDirectory directory(contacts, scheduler, dialing, /*workers=*/1,
                                      /*max_queued=*/2);
    auto wait_for = [&](size_t n) {
      std::unique_lock<std::mutex> lock(mu);
      return changed.wait_for(lock, seconds(10), [&] { return answers.size() >= n; });
    };
    for (int i = 0; i < 6; ++i) {
      const std::string call_id = "call-" + std::to_string(i);
      directory.Identify(call_id, kCaller,
                         [&, call_id](const absl::StatusOr<std::optional<KnownCaller>>& caller) {
                           EXPECT_TRUE(scheduler.InSchedulerThread());
                           std::lock_guard<std::mutex> lock(mu);
                           answers.emplace(call_id, caller);
                           changed.notify_all();
                         });
      if (i == 0) {  // the worker holds the first lookup before the others come
        std::unique_lock<std::mutex> lock(contacts.mu);
        ASSERT_TRUE(contacts.asked.wait_for(lock, seconds(10),
                                            [&] { return !contacts.asked_for.empty(); }));
      }
    }
    ASSERT_TRUE(wait_for(3)) << "the refusals come at once";
    {
      std::lock_guard<std::mutex> lock(mu);
      for (const auto& [call_id, caller] : answers) {
        EXPECT_TRUE(absl::IsResourceExhausted(caller.status())) << call_id;
      }
    }
    contacts.Release();
    ASSERT_TRUE(wait_for(6));
  }
  scheduler.Stop();
  int known = 0;
  for (const auto& [call_id, caller] : answers) {
    if (!caller.ok()) continue;
    ++known;
    ASSERT_TRUE(caller->has_value()) << call_id;
    EXPECT_EQ((*caller)->customer_id, "cust-7");
    EXPECT_EQ((*caller)->contact_point_id, "cp-mobile") << "the phone of the caller's number";
  }
  EXPECT_EQ(known, 3) << "one running and two waiting";
  EXPECT_EQ(contacts.asked_for, (std::vector<std::string>{"call-0", "call-1", "call-2"}))
      << "each lookup names its call for contacts' audit";
  for (const std::string& credential : contacts.credentials) {
    EXPECT_EQ(credential, "Bearer dialing-jwt") << "dialing's own principal";
  }
}

}  // namespace
}  // namespace tmk::dialing
