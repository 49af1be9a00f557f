#pragma once
// Content validation of a script version (R9: a script must be complete and rigorous, never
// misleading): every problem, each located by its field path so the editor can highlight it. A
// draft may have issues; submitting it for review may not.
#include <string>
#include <vector>

#include "services/campaigns/domain/script_document.h"

namespace tmk::campaigns {

// Values equal telemarketing.campaigns.v1.ScriptIssueCode.
enum class ScriptIssueCode {
  kUnspecified = 0,
  kNoStartNode = 1,
  kDuplicateId = 2,
  kDanglingLink = 3,
  kUnreachableNode = 4,
  kCycleWithoutExit = 5,
  kUnknownMergeField = 6,  // also a malformed {{…}}
  kMissingMandatoryStatement = 7,
  kEmptyText = 8,
  kQuestionWithoutOptions = 9,
};

struct ScriptIssue {
  ScriptIssueCode code = ScriptIssueCode::kUnspecified;
  std::string node_id;  // the node or objection handler concerned, if any
  std::string field;    // e.g. "nodes[3].question.options[1].next_node_id"
  std::string description;
};

// Every issue of `document` for a script of campaign type `type`; empty when it may be reviewed.
// Expects a document within the limits of script_shape.h.
std::vector<ScriptIssue> FindScriptIssues(const ScriptDocument& document, ScriptCampaignType type);

}  // namespace tmk::campaigns
