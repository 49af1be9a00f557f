#pragma once
// A dialing floor on a real PostgreSQL in virtual time (R17, R19, R20): one ACTIVE campaign in
// dialing's projection with a small disposition set, customers and leads generated set-based,
// agents logged in READY, the DialerRuntime on SimulatedTelephony and a VirtualTimeScheduler, and
// simulated agents who wrap up every call through CallWrapUp as the desktop would.
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/common/core/hlc.h"
#include "services/common/core/uuid.h"
#include "services/dialing/api/agent_events.h"
#include "services/dialing/api/agent_sessions.h"
#include "services/dialing/api/call_ledger.h"
#include "services/dialing/api/call_wrap_up.h"
#include "services/dialing/api/campaign_runtime_events.h"
#include "services/dialing/api/hopper_filler.h"
#include "services/dialing/api/wrap_up_events.h"
#include "services/dialing/runtime/dialer_runtime.h"
#include "services/dialing/store/agent_store.h"
#include "services/dialing/store/call_store.h"
#include "services/dialing/store/campaign_projection_store.h"
#include "services/dialing/store/campaign_runtime_store.h"
#include "services/dialing/store/time_columns.h"
#include "services/dialing/telephony/simulated_agents.h"
#include "services/dialing/telephony/simulated_telephony.h"
#include "services/dialing/telephony/virtual_time_scheduler.h"
#include "telemarketing/events/v1/call_events.pb.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"
#include "tests/dialing/store/dialing_store_fixture.h"
#include "tests/support/daytime_windows.h"

namespace tmk::dialing::testing {

namespace v1 = telemarketing::dialing::v1;

inline constexpr char kCampaignId[] = "00000000-0000-7000-8000-00000000c001";

// Wednesday 2026-06-10 10:00 UTC: inside the campaign's windows and the legal bounds.
inline TimePoint FloorStart() {
  return absl::ToChronoTime(
      absl::FromCivil(absl::CivilSecond(2026, 6, 10, 10, 0, 0), absl::UTCTimeZone()));
}

class DialerFloorTest : public DialingStoreTest {
 protected:
  void SetUp() override {
    DialingStoreTest::SetUp();
    hopper_ = std::make_unique<HopperFiller>(*pool_, scheduler_, projection_);
    CreateCampaign();
  }

  // The projected campaign: a satisfaction survey (no marketing consent needed) calling every
  // day 08:00-21:00 UTC, agents choosing INTERESTED (follow-up by cadence) or NO_THANKS (stop).
  void CreateCampaign() {
    telemarketing::events::v1::CampaignSnapshot s;
    auto* c = s.mutable_campaign();
    c->set_campaign_id(kCampaignId);
    c->set_display_name("survey");
    c->set_state(telemarketing::campaigns::v1::CAMPAIGN_STATE_ACTIVE);
    c->set_type(telemarketing::common::v1::CAMPAIGN_TYPE_SATISFACTION_SURVEY);
    ::tmk::testing::CallEveryDaytime(*c->mutable_calling_windows(), "UTC");
    auto add = [&](const std::string& code, telemarketing::campaigns::v1::SchedulingEffect effect,
                   telemarketing::common::v1::IntentionClass intention) {
      auto* d = s.mutable_disposition_set()->add_dispositions();
      d->set_code(code);
      d->set_display_name(code);
      d->set_outcome(telemarketing::common::v1::CALL_OUTCOME_REACHED);
      d->set_effect(effect);
      d->set_intention_class(intention);
    };
    add("INTERESTED", telemarketing::campaigns::v1::SCHEDULING_EFFECT_CADENCE,
        telemarketing::common::v1::INTENTION_CLASS_INTERESTED);
    add("NO_THANKS", telemarketing::campaigns::v1::SCHEDULING_EFFECT_STOP,
        telemarketing::common::v1::INTENTION_CLASS_UNSPECIFIED);
    s.set_region_id("t");
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  projection_.Upsert(tx, {kCampaignId, "t", 3, HlcTimestamp{1, 0, "t"},
                                          s.SerializeAsString()});
                }).ok());
  }

  // `customers` customers with one valid phone each, each a NEW lead of the campaign.
  void LoadLeads(int customers) {
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  tx.exec_params(
                      "INSERT INTO customer_projection SELECT 'cust-' || c, 't', false, 1, 1,"
                      " '', 1, 0, 't', now() FROM generate_series(1, $1::int) c",
                      customers);
                  tx.exec_params(
                      "INSERT INTO customer_phones SELECT 'cust-' || c, 'cp-' || c, 0, 2,"
                      " '+86139' || lpad(c::text, 8, '0') FROM generate_series(1, $1::int) c",
                      customers);
                  tx.exec_params(
                      absl::StrCat("INSERT INTO leads (lead_id, campaign_id, customer_id,"
                                   " contact_point_id, state, revision, create_time, update_time)"
                                   " SELECT md5('lead' || c)::uuid, $2, 'cust-' || c, 'cp-' || c,"
                                   " 1, 1, ", MicrosToTime(3), ", ", MicrosToTime(3),
                                   " FROM generate_series(1, $1::int) c"),
                      customers, kCampaignId, Micros(scheduler_.Now()));
                }).ok());
  }

  // `agents` agents logged in READY on the campaign.
  void LogIn(int agents) {
    for (int i = 0; i < agents; ++i) {
      v1::Agent agent = NewAgent(absl::StrCat("E", i));
      ASSERT_TRUE(Run([&](pqxx::work& tx) {
                    AgentStore().Insert(tx, agent);
                    AgentSessions::Login login;
                    login.station_id = absl::StrCat("ext-", i);
                    login.campaign_ids = {kCampaignId};
                    ASSERT_TRUE(sessions_.Start(tx, agent, login).ok());
                  }).ok());
    }
  }

  // The campaign's runtime RUNNING in `mode` (telemarketing.common.v1.DialMode).
  v1::CampaignRuntime Running(int mode) {
    v1::CampaignRuntime r;
    r.set_campaign_id(kCampaignId);
    r.set_dialing_state(v1::DIALING_STATE_RUNNING);
    r.set_dial_mode(static_cast<telemarketing::common::v1::DialMode>(mode));
    r.set_abandon_target(0.03);
    r.set_power_ratio(1.5);
    r.set_revision(1);
    EXPECT_TRUE(Run([&](pqxx::work& tx) { CampaignRuntimeStore().Put(tx, r); }).ok());
    return r;
  }

  // A dialer process: its telephony and runtime (a restart builds a new one on the same schema).
  void StartDialer(const SimulationProfile& profile = {}) {
    telephony_ = *SimulatedTelephony::Create(scheduler_, profile);
    runtime_ = std::make_unique<DialerRuntime>(*pool_, scheduler_, *telephony_, sessions_,
                                               *hopper_, ledger_, projection_, dialer_settings_);
    absl::Status started = runtime_->Start();
    ASSERT_TRUE(started.ok()) << started;
  }

  // Every call the campaign placed, as stored.
  std::vector<v1::Call> Calls() {
    std::vector<v1::Call> out;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  out = CallStore().List(tx, {kCampaignId, "", "", ""}, 100000, "");
                }).ok());
    return out;
  }

  // The campaign's dialing state as stored: what GetCampaignRuntime answers (R20).
  v1::DialingState StoredState() {
    v1::DialingState state = v1::DIALING_STATE_UNSPECIFIED;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  state = CampaignRuntimeStore().Find(tx, kCampaignId)->dialing_state();
                }).ok());
    return state;
  }

  // Agents wrap up every ended call after a simulated wrap-up time, as the desktop would.
  void StartAgents() {
    agents_ = std::make_unique<SimulatedAgents>(*SimulatedAgents::Create(
        scheduler_, {DurationDistribution::LogNormal(20, 10),
                     {{"INTERESTED", 1}, {"NO_THANKS", 1}},
                     7}));
    WatchWrapUps();
  }

  void WatchWrapUps() {
    std::vector<v1::AgentSession> wrapping;
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  AgentSessionStore::Filter f;
                  f.states = {5};  // WRAP_UP
                  wrapping = AgentSessionStore().List(tx, f, "", 1000);
                }).ok());
    for (const v1::AgentSession& s : wrapping) {
      if (!wrapping_.insert(s.current_call_id()).second) continue;
      agents_->WrapUp(s.session_id(), [this, call_id = s.current_call_id()](
                                          const std::string& session_id,
                                          const std::string& code) {
        SubmitWrapUp(session_id, call_id, code);
      });
    }
    scheduler_.After(std::chrono::seconds(1), [this] { WatchWrapUps(); });
  }

  void SubmitWrapUp(const std::string& session_id, const std::string& call_id,
                    const std::string& code) {
    v1::SubmitDispositionRequest request;
    request.set_session_id(session_id);
    request.set_call_id(call_id);
    request.set_disposition_code(code);
    request.set_request_id(NewId());
    v1::Call call;
    absl::Status done = pool_->Transact([&](pqxx::work& tx) -> absl::Status {
      // An inbound call no cross-sell attached to a campaign takes a service outcome (R18).
      std::optional<CallRow> held = CallStore().Find(tx, call_id);
      if (held && held->call.campaign_id().empty()) {
        request.set_disposition_code("SERVICE_RESOLVED");
      }
      absl::StatusOr<v1::SubmitDispositionResponse> r = wrap_up_.Submit(tx, request, "agent");
      if (!r.ok()) return r.status();
      call = r->call();
      return absl::OkStatus();
    });
    EXPECT_TRUE(done.ok()) << done;
    ++wrap_ups_;
    if (done.ok()) runtime_->WrappedUp(call);
  }

  // A call of another campaign's lead to `customer` at `at`, abandoned or not.
  void CalledElsewhere(const std::string& customer, TimePoint at, bool abandoned) {
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  tx.exec_params(absl::StrCat("INSERT INTO customer_calls (customer_id, call_time,"
                                              " lead_id, abandoned) VALUES ($1, ",
                                              MicrosToTime(2), ", $3::uuid, $4)"),
                                 customer, Micros(at), NewId(), abandoned);
                }).ok());
  }

  // The region's contact policy: calls legal 08:00-21:00 every day, at most `per_day` calls a
  // day to one customer across campaigns.
  void PolicyWithDailyCap(int per_day) {
    telemarketing::events::v1::ContactPolicySnapshot s;
    auto* policy = s.mutable_contact_policy();
    policy->set_region_id("t");
    ::tmk::testing::EveryDaytime(*policy->add_legal_bounds());
    policy->mutable_frequency_cap()->set_max_calls_per_day(per_day);
    s.set_region_id("t");
    ASSERT_TRUE(Run([&](pqxx::work& tx) {
                  projection_.UpsertContactPolicy(
                      tx, {"t", HlcTimestamp{1, 0, "t"}, s.SerializeAsString()});
                }).ok());
  }

  // Every CallEvent in the outbox, by call, in sequence order.
  std::map<std::string, std::vector<telemarketing::events::v1::CallEvent>> Events() {
    std::map<std::string, std::vector<telemarketing::events::v1::CallEvent>> out;
    EXPECT_TRUE(Run([&](pqxx::work& tx) {
                  for (const pqxx::row& row :
                       tx.exec("SELECT payload FROM outbox WHERE topic = 'tm.calls.v1'"
                               " AND event_type = 'telemarketing.events.v1.CallEvent'"
                               " ORDER BY seq")) {
                    telemarketing::events::v1::CallEvent e;
                    EXPECT_TRUE(e.ParseFromString(pqxx::binarystring(row[0]).str()));
                    out[e.call_id()].push_back(e);
                  }
                }).ok());
    return out;
  }

  VirtualTimeScheduler scheduler_{FloorStart()};
  HybridLogicalClock hlc_{scheduler_, "t"};
  AgentEvents agent_events_{"t", scheduler_, hlc_};
  AgentSessions sessions_{scheduler_, agent_events_};
  CampaignProjectionStore projection_;
  CallLedger ledger_{"t", scheduler_, hlc_};
  WrapUpEvents wrap_events_{"t", scheduler_, hlc_};
  CallWrapUp wrap_up_{scheduler_, sessions_, ledger_, wrap_events_, projection_};
  std::unique_ptr<HopperFiller> hopper_;
  DialerSettings dialer_settings_;  // the next StartDialer's
  CampaignRuntimeEvents runtime_events_{"t", scheduler_, hlc_};
  std::unique_ptr<SimulatedTelephony> telephony_;
  std::unique_ptr<DialerRuntime> runtime_;
  std::unique_ptr<SimulatedAgents> agents_;
  std::set<std::string> wrapping_;
  int wrap_ups_ = 0;
};

}  // namespace tmk::dialing::testing
