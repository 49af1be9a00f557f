#include "services/campaigns/api/script_mapping.h"

#include <google/protobuf/util/time_util.h>

#include <cstdio>
#include <cstdlib>

#include "absl/strings/str_cat.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
namespace contacts = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;

namespace {

ScriptNode ToNode(const v1::ScriptNode& in) {
  ScriptNode node;
  node.node_id = in.node_id();
  node.title = in.title();
  switch (in.kind_case()) {
    case v1::ScriptNode::kText:
      node.kind = ScriptNodeKind::kText;
      node.text = in.text().text();
      node.next_node_id = in.text().next_node_id();
      break;
    case v1::ScriptNode::kQuestion:
      node.kind = ScriptNodeKind::kQuestion;
      node.text = in.question().prompt();
      node.allow_free_text = in.question().allow_free_text();
      for (const v1::AnswerOption& option : in.question().options()) {
        node.options.push_back({option.option_id(), option.label(), option.next_node_id(),
                                static_cast<int>(option.suggested_intention())});
      }
      break;
    case v1::ScriptNode::kCompliance:
      node.kind = ScriptNodeKind::kCompliance;
      node.text = in.compliance().text();
      node.next_node_id = in.compliance().next_node_id();
      node.compliance_kind = static_cast<ComplianceKind>(in.compliance().kind());
      node.mandatory = in.compliance().mandatory();
      break;
    case v1::ScriptNode::kClose:
      node.kind = ScriptNodeKind::kClose;
      node.text = in.close().text();
      node.suggested_disposition_code = in.close().suggested_disposition_code();
      break;
    case v1::ScriptNode::KIND_NOT_SET:
      break;
  }
  return node;
}

void FromNode(const ScriptNode& node, v1::ScriptNode& out) {
  out.set_node_id(node.node_id);
  out.set_title(node.title);
  switch (node.kind) {
    case ScriptNodeKind::kText:
      out.mutable_text()->set_text(node.text);
      out.mutable_text()->set_next_node_id(node.next_node_id);
      break;
    case ScriptNodeKind::kQuestion: {
      v1::QuestionNode* question = out.mutable_question();
      question->set_prompt(node.text);
      question->set_allow_free_text(node.allow_free_text);
      for (const AnswerOption& option : node.options) {
        v1::AnswerOption* o = question->add_options();
        o->set_option_id(option.option_id);
        o->set_label(option.label);
        o->set_next_node_id(option.next_node_id);
        o->set_suggested_intention(
            static_cast<common::IntentionClass>(option.suggested_intention));
      }
      break;
    }
    case ScriptNodeKind::kCompliance:
      out.mutable_compliance()->set_kind(
          static_cast<v1::ComplianceStatementKind>(node.compliance_kind));
      out.mutable_compliance()->set_text(node.text);
      out.mutable_compliance()->set_mandatory(node.mandatory);
      out.mutable_compliance()->set_next_node_id(node.next_node_id);
      break;
    case ScriptNodeKind::kClose:
      out.mutable_close()->set_text(node.text);
      out.mutable_close()->set_suggested_disposition_code(node.suggested_disposition_code);
      break;
    case ScriptNodeKind::kUnset:
      break;
  }
}

// The preferred point of a type, else the first of it.
std::string PointOf(const contacts::Customer& customer, contacts::ContactPointType type) {
  const contacts::ContactPoint* first = nullptr;
  for (const contacts::ContactPoint& point : customer.contact_points()) {
    if (point.type() != type) continue;
    if (point.primary()) return point.value();
    if (first == nullptr) first = &point;
  }
  return first ? first->value() : "";
}

std::string MoneyText(const common::Money& money) {
  // units and nanos share their sign (money.proto); print the magnitude with one sign.
  const bool negative = money.units() < 0 || money.nanos() < 0;
  const long long units = std::llabs(money.units());
  const int cents = std::abs(money.nanos()) / 10'000'000;
  char amount[40];
  std::snprintf(amount, sizeof amount, "%s%lld.%02d", negative ? "-" : "", units, cents);
  return money.currency_code().empty() ? std::string(amount)
                                       : absl::StrCat(money.currency_code(), " ", amount);
}

std::string AttributeText(const contacts::AttributeValue& value) {
  switch (value.kind_case()) {
    case contacts::AttributeValue::kStringValue:
      return value.string_value();
    case contacts::AttributeValue::kIntValue:
      return absl::StrCat(value.int_value());
    case contacts::AttributeValue::kDoubleValue:
      return absl::StrCat(value.double_value());
    case contacts::AttributeValue::kBoolValue:
      return value.bool_value() ? "是" : "否";
    case contacts::AttributeValue::kDateValue: {
      char date[16];
      std::snprintf(date, sizeof date, "%04d-%02d-%02d", value.date_value().year(),
                    value.date_value().month(), value.date_value().day());
      return date;
    }
    case contacts::AttributeValue::kTimestampValue:
      return google::protobuf::util::TimeUtil::ToString(value.timestamp_value());
    case contacts::AttributeValue::kMoneyValue:
      return MoneyText(value.money_value());
    case contacts::AttributeValue::KIND_NOT_SET:
      break;
  }
  return "";
}

}  // namespace

ScriptCampaignType CampaignTypeOf(const v1::Script& script) {
  return static_cast<ScriptCampaignType>(script.campaign_type());
}

ScriptDocument ToDocument(const v1::ScriptVersion& version) {
  ScriptDocument document;
  document.start_node_id = version.start_node_id();
  for (const v1::ScriptNode& node : version.nodes()) document.nodes.push_back(ToNode(node));
  for (const v1::ObjectionHandler& handler : version.objection_handlers()) {
    document.objection_handlers.push_back(
        {handler.objection_id(), handler.label(),
         std::vector<std::string>(handler.keywords().begin(), handler.keywords().end()),
         handler.response_text(), handler.return_node_id()});
  }
  return document;
}

void SetContent(const ScriptDocument& document, v1::ScriptVersion& version) {
  version.set_start_node_id(document.start_node_id);
  version.clear_nodes();
  for (const ScriptNode& node : document.nodes) FromNode(node, *version.add_nodes());
  version.clear_objection_handlers();
  for (const ObjectionHandler& handler : document.objection_handlers) {
    v1::ObjectionHandler* out = version.add_objection_handlers();
    out->set_objection_id(handler.objection_id);
    out->set_label(handler.label);
    for (const std::string& keyword : handler.keywords) out->add_keywords(keyword);
    out->set_response_text(handler.response_text);
    out->set_return_node_id(handler.return_node_id);
  }
}

void AddIssues(const std::vector<ScriptIssue>& issues,
               google::protobuf::RepeatedPtrField<v1::ScriptIssue>* out) {
  for (const ScriptIssue& issue : issues) {
    v1::ScriptIssue* o = out->Add();
    o->set_code(static_cast<v1::ScriptIssueCode>(issue.code));
    o->set_node_id(issue.node_id);
    o->set_field(issue.field);
    o->set_description(issue.description);
  }
}

v1::MergeField ToProto(const MergeFieldSpec& spec) {
  v1::MergeField field;
  field.set_path(spec.path);
  field.set_description(spec.description);
  field.set_example(spec.example);
  field.set_masked_by_default(spec.masked_by_default);
  return field;
}

CustomerView ToCustomerView(const contacts::Customer& customer) {
  CustomerView view;
  view.display_name = customer.display_name();
  view.gender = customer.gender();
  view.birth_year = customer.birth_year();
  view.marital_status = customer.marital_status();
  view.occupation = customer.occupation();
  view.income_band = customer.income_band();
  view.kind = customer.kind();
  view.company_name = customer.company_name();
  view.vip_tier = customer.vip_tier();
  view.province_name = customer.residence().province_name();
  view.city_name = customer.residence().city_name();
  view.district_name = customer.residence().district_name();
  view.mobile = PointOf(customer, contacts::CONTACT_POINT_TYPE_MOBILE);
  view.email = PointOf(customer, contacts::CONTACT_POINT_TYPE_EMAIL);
  for (const auto& [key, value] : customer.custom_attributes()) {
    view.custom_attributes[key] = AttributeText(value);
  }
  view.withheld_fields.assign(customer.withheld_fields().begin(),
                              customer.withheld_fields().end());
  return view;
}

}  // namespace tmk::campaigns
