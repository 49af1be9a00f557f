#pragma once
// The content of one script version (R9) as plain C++: nodes the agent reads, questions whose
// answers branch, mandatory compliance statements, closes, and objection handlers reachable from
// any node. Numeric enum values equal telemarketing.campaigns.v1's, so the gRPC layer converts by
// cast; validation (script_validator.h), rendering (script_renderer.h) and the size and syntax
// limits (script_shape.h) all work on this type alone.
#include <string>
#include <vector>

namespace tmk::campaigns {

// The campaign type a script is written for; decides the mandatory statements. Values equal
// telemarketing.common.v1.CampaignType.
enum class ScriptCampaignType {
  kUnspecified = 0,
  kRetention = 1,
  kFollowUpVisit = 2,
  kMarketSurvey = 3,
  kSatisfactionSurvey = 4,
  kPromotion = 5,
  kCrossUpSell = 6,
  kVipCare = 7,
  kInformationCollection = 8,
  kLeadFollowUp = 9,
  kOrderConfirmation = 10,
};
inline constexpr int kMaxScriptCampaignType = 10;

// Values equal telemarketing.campaigns.v1.ComplianceStatementKind.
enum class ComplianceKind {
  kUnspecified = 0,
  kIdentity = 1,
  kRecordingNotice = 2,
  kPurpose = 3,
  kPriceAndTerms = 4,
  kCoolingOff = 5,
  kOptOut = 6,
  kPrivacy = 7,
};
inline constexpr int kMaxComplianceKind = 7;

// Which member of ScriptNode's `kind` oneof is set; the field numbers of the proto oneof.
enum class ScriptNodeKind { kUnset = 0, kText = 3, kQuestion = 4, kCompliance = 5, kClose = 6 };

struct AnswerOption {
  std::string option_id;
  std::string label;
  std::string next_node_id;  // empty ends the script
  int suggested_intention = 0;  // telemarketing.common.v1.IntentionClass
};

// One step. The oneof of the contract is flattened: `text` is the node's readable text whatever
// its kind (TextNode.text, QuestionNode.prompt, ComplianceStatementNode.text, CloseNode.text);
// the other members are meaningful only for the kinds named beside them.
struct ScriptNode {
  std::string node_id;
  std::string title;
  ScriptNodeKind kind = ScriptNodeKind::kUnset;
  std::string text;
  std::string next_node_id;                       // text, compliance; empty ends the script
  std::vector<AnswerOption> options;              // question
  bool allow_free_text = false;                   // question
  ComplianceKind compliance_kind = ComplianceKind::kUnspecified;  // compliance
  bool mandatory = false;                         // compliance
  std::string suggested_disposition_code;         // close
};

struct ObjectionHandler {
  std::string objection_id;
  std::string label;
  std::vector<std::string> keywords;
  std::string response_text;
  std::string return_node_id;  // empty: back where the objection was raised
};

struct ScriptDocument {
  std::string start_node_id;
  std::vector<ScriptNode> nodes;
  std::vector<ObjectionHandler> objection_handlers;
};

// The contract's field path of a node's readable text, e.g. "question.prompt" (for ScriptIssue
// and field violations); "" for kUnset.
const char* TextFieldOf(ScriptNodeKind kind);

}  // namespace tmk::campaigns
