// A campaign from design to roll-out through the running suite (issue 4; R7-R10, R14), as a
// supervisor does it: a list built in contacts from a segment, two scripts authored, reviewed by
// someone else and approved, a disposition set, a campaign piloted with two variants and
// activated with the winning one — and every change read back from tm.campaigns.v1 as an
// integrator would. Bad input and out-of-order transitions get the documented statuses; updates of
// disposition sets and goals make a new revision only when they change something.
#include <google/protobuf/util/time_util.h>
#include <gtest/gtest.h>

#include <memory>
#include <set>

#include "telemarketing/campaigns/v1/campaigns_service.grpc.pb.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"
#include "tests/support/dialing_floor_builder.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
#include "tests/support/tagged_list.h"
#include "tests/support/jwt_suite_test.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::campaigns::v1;
namespace contacts = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;

class CampaignsEndToEnd : public testing::JwtSuiteTest<CampaignsEndToEnd> {
 public:  // read by JwtSuiteTest
  static constexpr char kServices[] = "contacts,campaigns";

 protected:
  void SetUp() override {
    JwtSuiteTest::SetUp();
    campaigns_ = v1::CampaignsService::NewStub(suite_->channel());
    contacts_ = contacts::ContactsService::NewStub(suite_->channel());
  }

  // Three customers tagged for this test, evaluated into a list (R8).
  std::pair<std::string, std::vector<std::string>> BuildList() {
    const std::string tag = testing::UniqueName("camp");  // lower case: a valid tag
    std::vector<std::string> ids;
    for (int i = 0; i < 3; ++i) {
      contacts::CreateCustomerRequest request;
      request.mutable_customer()->set_display_name("王芳" + std::to_string(i));
      request.mutable_customer()->set_kind(common::CUSTOMER_KIND_B2C);
      request.mutable_customer()->add_tags(tag);
      auto* phone = request.mutable_customer()->add_contact_points();
      phone->set_type(contacts::CONTACT_POINT_TYPE_MOBILE);
      phone->set_value("1380013100" + std::to_string(i));
      contacts::CreateCustomerResponse response;
      grpc::Status status = contacts_->CreateCustomer(As("alice").get(), request, &response);
      EXPECT_TRUE(status.ok()) << status.error_message();
      ids.push_back(response.customer().customer_id());
    }
    return {testing::TaggedList(*contacts_, [] { return As("alice"); }, tag, "campaign e2e",
                                common::CONTACT_PURPOSE_SURVEY),
            ids};
  }

  // A promotion script with every compliance statement, a question and two endings; authored
  // by alice, submitted, approved by bob (R9: reviewer ≠ author).
  v1::ScriptVersion ApprovedScript(const std::string& greeting) {
    v1::CreateScriptRequest create;
    create.mutable_script()->set_display_name("broadband upgrade " + greeting);
    create.mutable_script()->set_campaign_type(common::CAMPAIGN_TYPE_PROMOTION);
    v1::CreateScriptResponse script;
    grpc::Status status = campaigns_->CreateScript(As("alice").get(), create, &script);
    EXPECT_TRUE(status.ok()) << status.error_message();

    v1::CreateScriptVersionRequest draft;
    draft.set_script_id(script.script().script_id());
    v1::ScriptVersion* doc = draft.mutable_script_version();
    doc->set_start_node_id("hello");
    auto text = [doc](const std::string& id, const std::string& body, const std::string& next) {
      v1::ScriptNode* node = doc->add_nodes();
      node->set_node_id(id);
      node->set_title(id);
      node->mutable_text()->set_text(body);
      node->mutable_text()->set_next_node_id(next);
    };
    auto statement = [doc](const std::string& id, v1::ComplianceStatementKind kind,
                           const std::string& body, const std::string& next) {
      v1::ScriptNode* node = doc->add_nodes();
      node->set_node_id(id);
      node->set_title(id);
      node->mutable_compliance()->set_kind(kind);
      node->mutable_compliance()->set_text(body);
      node->mutable_compliance()->set_mandatory(true);
      node->mutable_compliance()->set_next_node_id(next);
    };
    text("hello", greeting + ", {{customer.display_name}}.", "identity");
    statement("identity", v1::COMPLIANCE_STATEMENT_KIND_IDENTITY, "I am calling from GD Telecom.", "recorded");
    statement("recorded", v1::COMPLIANCE_STATEMENT_KIND_RECORDING_NOTICE, "This call is recorded.", "purpose");
    statement("purpose", v1::COMPLIANCE_STATEMENT_KIND_PURPOSE, "We offer a faster plan.", "privacy");
    statement("privacy", v1::COMPLIANCE_STATEMENT_KIND_PRIVACY, "Your data is used for this offer only.", "price");
    statement("price", v1::COMPLIANCE_STATEMENT_KIND_PRICE_AND_TERMS, "CNY 99 a month, 12 months.", "cooling");
    statement("cooling", v1::COMPLIANCE_STATEMENT_KIND_COOLING_OFF, "You may cancel within 7 days.", "optout");
    statement("optout", v1::COMPLIANCE_STATEMENT_KIND_OPT_OUT, "Say so and we will not call again.", "ask");
    v1::ScriptNode* ask = doc->add_nodes();
    ask->set_node_id("ask");
    ask->set_title("ask");
    ask->mutable_question()->set_prompt("Would you like to upgrade?");
    for (const auto& [id, next] : {std::pair<std::string, std::string>{"yes", "order"}, {"no", "bye"}}) {
      v1::AnswerOption* option = ask->mutable_question()->add_options();
      option->set_option_id(id);
      option->set_label(id);
      option->set_next_node_id(next);
    }
    for (const auto& [id, code] : {std::pair<std::string, std::string>{"order", "ORDER"}, {"bye", "NOT_NOW"}}) {
      v1::ScriptNode* end = doc->add_nodes();
      end->set_node_id(id);
      end->set_title(id);
      end->mutable_close()->set_text("Thank you.");
      end->mutable_close()->set_suggested_disposition_code(code);
    }
    v1::CreateScriptVersionResponse version;
    status = campaigns_->CreateScriptVersion(As("alice").get(), draft, &version);
    EXPECT_TRUE(status.ok()) << status.error_message() << testing::FieldViolations(status).size();

    v1::SubmitScriptVersionRequest submit;
    submit.set_script_id(script.script().script_id());
    submit.set_version(version.script_version().version());
    v1::SubmitScriptVersionResponse submitted;
    status = campaigns_->SubmitScriptVersion(As("alice").get(), submit, &submitted);
    EXPECT_TRUE(status.ok()) << status.error_message();

    v1::ApproveScriptVersionRequest approve;
    approve.set_script_id(script.script().script_id());
    approve.set_version(version.script_version().version());
    v1::ApproveScriptVersionResponse approved;
    status = campaigns_->ApproveScriptVersion(As("alice").get(), approve, &approved);
    EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION)
        << "the author approved their own script";
    status = campaigns_->ApproveScriptVersion(As("bob").get(), approve, &approved);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(approved.script_version().state(), v1::SCRIPT_VERSION_STATE_APPROVED);
    return approved.script_version();
  }

  std::string DispositionSet() {
    v1::CreateDispositionSetRequest request;
    v1::DispositionSet* set = request.mutable_disposition_set();
    set->set_display_name("promotion codes");
    auto add = [set](const std::string& code, common::CallOutcome outcome,
                     common::IntentionClass intention, v1::SchedulingEffect effect) {
      v1::Disposition* d = set->add_dispositions();
      d->set_code(code);
      d->set_display_name(code);
      d->set_outcome(outcome);
      d->set_intention_class(intention);
      d->set_effect(effect);
      return d;
    };
    v1::Disposition* order = add("ORDER", common::CALL_OUTCOME_REACHED, common::INTENTION_CLASS_BUY_NOW,
                                 v1::SCHEDULING_EFFECT_ORDER);
    order->set_requires_order(true);
    order->set_counts_as_conversion(true);
    order->set_stage(common::SALE_STAGE_ORDER);
    add("NOT_NOW", common::CALL_OUTCOME_REACHED, common::INTENTION_CLASS_NOT_NOW,
        v1::SCHEDULING_EFFECT_CADENCE);
    add("NO_ANSWER", common::CALL_OUTCOME_NO_ANSWER, common::INTENTION_CLASS_UNSPECIFIED,
        v1::SCHEDULING_EFFECT_RETRY);
    v1::CreateDispositionSetResponse response;
    grpc::Status status = campaigns_->CreateDispositionSet(As("alice").get(), request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message() << " "
                             << (testing::FieldViolations(status).empty()
                                     ? ""
                                     : testing::FieldViolations(status).begin()->first + ": " +
                                           testing::FieldViolations(status).begin()->second);
    return response.disposition_set().disposition_set_id();
  }

  std::unique_ptr<v1::CampaignsService::Stub> campaigns_;
  std::unique_ptr<contacts::ContactsService::Stub> contacts_;
};

TEST_F(CampaignsEndToEnd, DesignPilotWithTwoVariantsAndRollOutTheWinner) {
  testing::TopicReader snapshots(testing::KafkaBrokers(), "tm.campaigns.v1");
  auto [list_id, customers] = BuildList();
  ASSERT_FALSE(list_id.empty());
  v1::ScriptVersion script_a = ApprovedScript("Good evening");
  v1::ScriptVersion script_b = ApprovedScript("Hello");
  std::string disposition_set_id = DispositionSet();
  ASSERT_FALSE(disposition_set_id.empty());

  v1::CreateCampaignRequest create;
  create.set_request_id(testing::UniqueName("create"));
  v1::Campaign* c = create.mutable_campaign();
  c->set_display_name("Broadband upgrade, Guangzhou");
  c->set_type(common::CAMPAIGN_TYPE_PROMOTION);
  c->set_target_list_id(list_id);
  c->set_disposition_set_id(disposition_set_id);
  c->set_script_id(script_a.script_id());
  c->set_script_version(script_a.version());
  c->set_default_dial_mode(common::DIAL_MODE_PREDICTIVE);
  c->mutable_calling_windows()->set_fallback_time_zone("Asia/Shanghai");
  c->mutable_pilot()->set_sample_fraction(1.0);
  for (const auto& [id, script] : {std::pair<std::string, v1::ScriptVersion>{"A", script_a}, {"B", script_b}}) {
    v1::PilotVariant* variant = c->mutable_pilot()->add_variants();
    variant->set_variant_id(id);
    variant->set_weight(1);
    variant->set_script_id(script.script_id());
    variant->set_script_version(script.version());
  }
  v1::CreateCampaignResponse created;
  grpc::Status status = campaigns_->CreateCampaign(As("alice").get(), create, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::Campaign& campaign = created.campaign();
  EXPECT_EQ(campaign.state(), v1::CAMPAIGN_STATE_DRAFT);
  EXPECT_EQ(campaign.region_id(), "gd");
  EXPECT_EQ(campaign.creator_id(), "alice");
  EXPECT_FALSE(campaign.calling_windows().windows().empty()) << "the region's default windows (R10)";
  EXPECT_FALSE(campaign.contact_strategy().cadence_rules().empty()) << "the R12 default cadence";

  // A retry of the same create returns the same campaign; another request under that id is refused.
  v1::CreateCampaignResponse retried;
  ASSERT_TRUE(campaigns_->CreateCampaign(As("alice").get(), create, &retried).ok());
  EXPECT_EQ(retried.campaign().campaign_id(), campaign.campaign_id());
  create.mutable_campaign()->set_display_name("something else");
  EXPECT_EQ(campaigns_->CreateCampaign(As("alice").get(), create, &retried).error_code(),
            grpc::StatusCode::ALREADY_EXISTS);

  // An agent may read campaigns but not run them.
  v1::StartPilotRequest pilot;
  pilot.set_campaign_id(campaign.campaign_id());
  v1::StartPilotResponse piloted;
  EXPECT_EQ(campaigns_->StartPilot(As("carol", {"agent"}).get(), pilot, &piloted).error_code(),
            grpc::StatusCode::PERMISSION_DENIED);

  v1::CheckCampaignReadinessRequest readiness;
  readiness.set_campaign_id(campaign.campaign_id());
  readiness.set_target_state(v1::CAMPAIGN_STATE_PILOT);
  v1::CheckCampaignReadinessResponse ready;
  ASSERT_TRUE(campaigns_->CheckCampaignReadiness(As("alice").get(), readiness, &ready).ok());
  EXPECT_TRUE(ready.ready()) << ready.DebugString();

  // A forecast from assumed rates (R16), kept as the baseline for forecast vs actual (R27); the
  // list size defaults to the target list's, read from contacts.
  v1::ForecastCampaignRequest forecast;
  forecast.set_campaign_id(campaign.campaign_id());
  forecast.set_request_id(testing::UniqueName("forecast"));
  forecast.set_save_as_baseline(true);
  v1::ForecastAssumptions* rates = forecast.mutable_assumptions();
  rates->set_basis(v1::FORECAST_BASIS_ASSUMED);
  rates->set_contact_rate(0.5);
  rates->set_conversion_rate(0.2);
  rates->set_attempts_per_lead(2);
  rates->mutable_mean_handle_time()->set_seconds(150);
  rates->mutable_mean_unreached_time()->set_seconds(20);
  rates->set_occupancy(0.8);
  forecast.mutable_constraints()->set_agents(2);
  forecast.mutable_constraints()->set_hours_per_day(6);
  v1::ForecastCampaignResponse forecasted;
  status = campaigns_->ForecastCampaign(As("alice").get(), forecast, &forecasted);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(forecasted.forecast().assumptions().list_size(), 3);
  EXPECT_EQ(forecasted.forecast().dial_attempts(), 6);
  EXPECT_TRUE(forecasted.forecast().feasible());
  v1::GetCampaignRequest get;
  get.set_campaign_id(campaign.campaign_id());
  v1::GetCampaignResponse got;
  ASSERT_TRUE(campaigns_->GetCampaign(As("carol", {"agent"}).get(), get, &got).ok());
  EXPECT_EQ(got.campaign().baseline_forecast().dial_attempts(), 6);

  ASSERT_TRUE(campaigns_->StartPilot(As("alice").get(), pilot, &piloted).ok());
  EXPECT_EQ(piloted.campaign().state(), v1::CAMPAIGN_STATE_PILOT);
  EXPECT_FALSE(piloted.campaign().pilot().seed().empty()) << "the split is fixed at StartPilot (R14)";

  // The agent desktop's script follows the customer's variant (R9, R14).
  std::set<std::string> variants_seen;
  for (const std::string& customer_id : customers) {
    v1::RenderScriptRequest render;
    render.set_campaign_id(campaign.campaign_id());
    render.set_customer_id(customer_id);
    v1::RenderScriptResponse rendered;
    status = campaigns_->RenderScript(As("dave", {"agent"}).get(), render, &rendered);
    ASSERT_TRUE(status.ok()) << status.error_message();
    const v1::RenderedScript& r = rendered.rendered_script();
    ASSERT_TRUE(r.variant_id() == "A" || r.variant_id() == "B") << r.variant_id();
    variants_seen.insert(r.variant_id());
    const v1::ScriptVersion& expected = r.variant_id() == "A" ? script_a : script_b;
    EXPECT_EQ(r.content().script_id(), expected.script_id());
    EXPECT_NE(r.content().nodes(0).text().text().find("王芳"), std::string::npos)
        << "merge field filled with the customer's name: " << r.content().nodes(0).text().text();
  }

  v1::ActivateCampaignRequest activate;
  activate.set_campaign_id(campaign.campaign_id());
  activate.set_promoted_variant_id("C");
  v1::ActivateCampaignResponse activated;
  status = campaigns_->ActivateCampaign(As("alice").get(), activate, &activated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  EXPECT_EQ(testing::FieldViolations(status).count("promoted_variant_id"), 1u);
  activate.set_promoted_variant_id("B");
  ASSERT_TRUE(campaigns_->ActivateCampaign(As("alice").get(), activate, &activated).ok());
  const v1::Campaign& active = activated.campaign();
  EXPECT_EQ(active.state(), v1::CAMPAIGN_STATE_ACTIVE);
  EXPECT_EQ(active.promoted_variant_id(), "B");
  EXPECT_EQ(active.script_id(), script_b.script_id()) << "the roll-out runs the winner's script";
  EXPECT_EQ(active.pilot().variants_size(), 2) << "the pilot stays as history (R14)";
  EXPECT_TRUE(active.pilot().has_end_time());

  // Out of order: an active campaign is not edited, archived or piloted again.
  v1::UpdateCampaignRequest update;
  update.mutable_campaign()->set_campaign_id(campaign.campaign_id());
  update.mutable_campaign()->set_display_name("renamed");
  update.mutable_update_mask()->add_paths("display_name");
  v1::UpdateCampaignResponse updated;
  status = campaigns_->UpdateCampaign(As("alice").get(), update, &updated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "CAMPAIGN_NOT_EDITABLE");
  v1::ArchiveCampaignRequest archive;
  archive.set_campaign_id(campaign.campaign_id());
  v1::ArchiveCampaignResponse archived;
  status = campaigns_->ArchiveCampaign(As("alice").get(), archive, &archived);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "INVALID_STATE_TRANSITION");

  // Paused from ACTIVE, the name can change but not the list its leads came from.
  v1::PauseCampaignRequest pause;
  pause.set_campaign_id(campaign.campaign_id());
  pause.set_reason("list refresh");
  v1::PauseCampaignResponse paused;
  ASSERT_TRUE(campaigns_->PauseCampaign(As("alice").get(), pause, &paused).ok());
  EXPECT_EQ(paused.campaign().paused_from(), v1::CAMPAIGN_STATE_ACTIVE);
  EXPECT_EQ(paused.campaign().state_reason(), "list refresh");
  ASSERT_TRUE(campaigns_->UpdateCampaign(As("alice").get(), update, &updated).ok());
  EXPECT_EQ(updated.campaign().display_name(), "renamed");
  EXPECT_EQ(updated.campaign().revision(), paused.campaign().revision() + 1);
  update.mutable_campaign()->set_target_list_id(list_id);
  update.mutable_update_mask()->add_paths("target_list_id");
  status = campaigns_->UpdateCampaign(As("alice").get(), update, &updated);
  EXPECT_EQ(testing::ErrorReason(status), "FIELD_FROZEN_WHEN_ACTIVE");

  // Every change is a snapshot on the compacted topic, keyed by campaign id, self-contained.
  std::vector<events::ConsumedEvent> seen = snapshots.ReadUntil(
      [&](const std::vector<events::ConsumedEvent>& events) {
        int mine = 0;
        for (const auto& e : events) mine += e.key == campaign.campaign_id();
        return mine >= 6;  // create, baseline, pilot, activate, pause, rename
      },
      std::chrono::seconds(30));
  std::vector<telemarketing::events::v1::CampaignSnapshot> mine;
  for (const auto& e : seen) {
    if (e.key != campaign.campaign_id()) continue;
    EXPECT_EQ(e.type, "telemarketing.events.v1.CampaignSnapshot");
    EXPECT_EQ(e.region, "gd");
    mine.emplace_back().ParseFromString(e.payload);
  }
  ASSERT_EQ(mine.size(), 6u);
  std::vector<v1::CampaignState> states;
  for (const auto& s : mine) states.push_back(s.campaign().state());
  EXPECT_EQ(states, (std::vector<v1::CampaignState>{
                        v1::CAMPAIGN_STATE_DRAFT, v1::CAMPAIGN_STATE_DRAFT, v1::CAMPAIGN_STATE_PILOT,
                        v1::CAMPAIGN_STATE_ACTIVE,
                        v1::CAMPAIGN_STATE_PAUSED, v1::CAMPAIGN_STATE_PAUSED}));
  const auto& last = mine.back();
  EXPECT_EQ(last.campaign().display_name(), "renamed");
  EXPECT_EQ(last.disposition_set().dispositions_size(), 3);
  EXPECT_EQ(last.script_versions_size(), 2) << "the campaign's script and each variant's";
  for (size_t i = 1; i < mine.size(); ++i) {
    const auto& a = mine[i - 1].hlc();
    const auto& b = mine[i].hlc();
    EXPECT_TRUE(a.wall_time_millis() < b.wall_time_millis() ||
                (a.wall_time_millis() == b.wall_time_millis() && a.logical() < b.logical()))
        << "snapshots are ordered by HLC";
  }
}

// AIP-134 (R11, R15): an update that changes something takes the next revision and a new update
// time; one that changes nothing answers the stored resource as it was.
TEST_F(CampaignsEndToEnd, UpdatesMakeARevisionOnlyWhenSomethingChanges) {
  testing::DialingFloorBuilder floor(
      suite_->channel(),
      [](const std::string& who, std::vector<std::string> roles) { return As(who, roles); });

  v1::UpdateDispositionSetRequest edit_set;
  edit_set.mutable_disposition_set()->set_disposition_set_id(floor.DispositionSet());
  edit_set.mutable_disposition_set()->set_description("codes of the spring promotion");
  edit_set.mutable_update_mask()->add_paths("description");
  v1::UpdateDispositionSetResponse set_changed;
  grpc::Status status =
      campaigns_->UpdateDispositionSet(As("alice").get(), edit_set, &set_changed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(set_changed.disposition_set().revision(), 2);
  EXPECT_EQ(set_changed.disposition_set().description(), "codes of the spring promotion");
  EXPECT_TRUE(set_changed.disposition_set().update_time() >
              set_changed.disposition_set().create_time());
  v1::UpdateDispositionSetResponse set_again;
  ASSERT_TRUE(campaigns_->UpdateDispositionSet(As("alice").get(), edit_set, &set_again).ok());
  EXPECT_EQ(set_again.disposition_set().revision(), 2);
  EXPECT_TRUE(set_again.disposition_set().update_time() ==
              set_changed.disposition_set().update_time());

  v1::CreateGoalRequest create_goal;
  v1::Goal* goal = create_goal.mutable_goal();
  goal->set_campaign_id(floor.ActiveCampaign(floor.BuildList(1)));
  ASSERT_FALSE(goal->campaign_id().empty());
  goal->set_scope(v1::GOAL_SCOPE_CAMPAIGN);
  goal->set_metric(v1::GOAL_METRIC_ORDERS);
  goal->set_target_value(10);
  v1::CreateGoalResponse created;
  status = campaigns_->CreateGoal(As("alice").get(), create_goal, &created);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(created.goal().revision(), 1);
  v1::UpdateGoalRequest edit_goal;
  edit_goal.mutable_goal()->set_goal_id(created.goal().goal_id());
  edit_goal.mutable_goal()->set_target_value(12);
  edit_goal.mutable_update_mask()->add_paths("target_value");
  v1::UpdateGoalResponse goal_changed;
  status = campaigns_->UpdateGoal(As("alice").get(), edit_goal, &goal_changed);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(goal_changed.goal().revision(), 2);
  EXPECT_EQ(goal_changed.goal().target_value(), 12);
  v1::UpdateGoalResponse goal_again;
  ASSERT_TRUE(campaigns_->UpdateGoal(As("alice").get(), edit_goal, &goal_again).ok());
  EXPECT_EQ(goal_again.goal().revision(), 2);
  EXPECT_TRUE(goal_again.goal().update_time() == goal_changed.goal().update_time());
}

TEST_F(CampaignsEndToEnd, BadCampaignsAreRefusedWithEveryFieldNamed) {
  v1::CreateCampaignRequest create;
  v1::Campaign* c = create.mutable_campaign();
  c->set_type(common::CAMPAIGN_TYPE_RETENTION);
  v1::CustomerKindWindow* window = c->mutable_calling_windows()->add_windows();
  window->set_customer_kind(common::CUSTOMER_KIND_B2C);
  common::WeeklyWindow* weekly = window->add_weekly();
  weekly->add_days(common::DAY_OF_WEEK_MONDAY);
  common::TimeOfDayRange* late = weekly->add_ranges();
  late->mutable_start()->set_hours(20);
  late->mutable_end()->set_hours(23);  // past the legal 21:00 (R20)
  c->mutable_calling_windows()->set_fallback_time_zone("Mars/Base");
  c->mutable_pilot()->set_sample_fraction(2);
  c->set_script_id("orphan");
  v1::CreateCampaignResponse created;
  grpc::Status status = campaigns_->CreateCampaign(As("alice").get(), create, &created);
  ASSERT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT);
  std::map<std::string, std::string> violations = testing::FieldViolations(status);
  EXPECT_EQ(violations.count("campaign.display_name"), 1u);
  EXPECT_EQ(violations.count("campaign.pilot.sample_fraction"), 1u);
  EXPECT_EQ(violations.count("campaign.script_version"), 1u);
  EXPECT_EQ(violations.count("campaign.calling_windows.fallback_time_zone"), 1u);
  bool window_named = false;
  for (const auto& [field, description] : violations) {
    window_named |= field.rfind("campaign.calling_windows", 0) == 0;
  }
  EXPECT_TRUE(window_named) << "the out-of-bounds window is named";

  // A draft cannot skip to archive, and an unknown campaign is NOT_FOUND.
  c->Clear();
  c->set_display_name("Retention Q4");
  c->set_type(common::CAMPAIGN_TYPE_RETENTION);
  ASSERT_TRUE(campaigns_->CreateCampaign(As("alice").get(), create, &created).ok());
  v1::ArchiveCampaignRequest archive;
  archive.set_campaign_id(created.campaign().campaign_id());
  v1::ArchiveCampaignResponse archived;
  status = campaigns_->ArchiveCampaign(As("alice").get(), archive, &archived);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "INVALID_STATE_TRANSITION");
  archive.set_campaign_id("00000000-0000-7000-8000-000000000000");
  EXPECT_EQ(campaigns_->ArchiveCampaign(As("alice").get(), archive, &archived).error_code(),
            grpc::StatusCode::NOT_FOUND);

  // Activating an empty draft lists everything missing.
  v1::ActivateCampaignRequest activate;
  activate.set_campaign_id(created.campaign().campaign_id());
  v1::ActivateCampaignResponse activated;
  status = campaigns_->ActivateCampaign(As("alice").get(), activate, &activated);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(testing::ErrorReason(status), "CAMPAIGN_NOT_READY");
  v1::CheckCampaignReadinessRequest readiness;
  readiness.set_campaign_id(created.campaign().campaign_id());
  readiness.set_target_state(v1::CAMPAIGN_STATE_ACTIVE);
  v1::CheckCampaignReadinessResponse ready;
  ASSERT_TRUE(campaigns_->CheckCampaignReadiness(As("alice").get(), readiness, &ready).ok());
  std::set<std::string> reasons;
  for (const auto& p : ready.problems()) reasons.insert(p.reason());
  EXPECT_EQ(reasons, (std::set<std::string>{"NO_TARGET_LIST", "NO_SCRIPT", "NO_DISPOSITION_SET",
                                            "NO_FALLBACK_TIME_ZONE"}));

  // A stale revision is ABORTED; a stale-free delete of a draft works.
  v1::DeleteCampaignRequest remove;
  remove.set_campaign_id(created.campaign().campaign_id());
  remove.set_revision(created.campaign().revision() + 7);
  v1::DeleteCampaignResponse removed;
  EXPECT_EQ(campaigns_->DeleteCampaign(As("alice").get(), remove, &removed).error_code(),
            grpc::StatusCode::ABORTED);
  remove.set_revision(created.campaign().revision());
  ASSERT_TRUE(campaigns_->DeleteCampaign(As("alice").get(), remove, &removed).ok());
  v1::GetCampaignRequest get;
  get.set_campaign_id(created.campaign().campaign_id());
  v1::GetCampaignResponse got;
  EXPECT_EQ(campaigns_->GetCampaign(As("alice").get(), get, &got).error_code(),
            grpc::StatusCode::NOT_FOUND);
}

}  // namespace
}  // namespace tmk
