#include "services/campaigns/domain/script_validator.h"

#include <algorithm>
#include <set>
#include <string_view>
#include <unordered_map>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/campaigns/domain/merge_field_catalog.h"
#include "services/campaigns/domain/merge_field_text.h"
#include "services/campaigns/domain/script_compliance.h"
#include "services/campaigns/domain/script_graph.h"

namespace tmk::campaigns {
namespace {

using Code = ScriptIssueCode;

absl::string_view View(std::string_view s) { return absl::string_view(s.data(), s.size()); }

// Only whitespace, ASCII or the ideographic space U+3000 that Chinese texts use.
bool Blank(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      ++i;
    } else if (text.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else {
      return false;
    }
  }
  return true;
}

class IssueFinder {
 public:
  IssueFinder(const ScriptDocument& document, ScriptCampaignType type)
      : document_(document), type_(type), graph_(document) {}

  std::vector<ScriptIssue> Run() {
    CheckStart();
    CheckIds();
    for (size_t i = 0; i < document_.nodes.size(); ++i) CheckNode(i);
    for (size_t h = 0; h < document_.objection_handlers.size(); ++h) CheckHandler(h);
    if (graph_.start()) CheckReachability();
    CheckMandatoryStatements();
    return std::move(issues_);
  }

 private:
  void Add(Code code, std::string_view node_id, std::string field, std::string description) {
    issues_.push_back({code, std::string(node_id), std::move(field), std::move(description)});
  }

  static std::string NodeAt(size_t i) { return absl::StrCat("nodes[", i, "]"); }

  void CheckStart() {
    if (document_.start_node_id.empty()) {
      Add(Code::kNoStartNode, "", "start_node_id", "required: the node the call starts with");
    } else if (!graph_.start()) {
      Add(Code::kNoStartNode, "", "start_node_id",
          absl::StrCat("names no node: '", document_.start_node_id, "'"));
    }
  }

  // Node and objection ids share one namespace: ScriptIssue.node_id names either.
  void CheckIds() {
    std::unordered_map<std::string_view, std::string> first;
    auto claim = [&](std::string_view id, std::string field) {
      if (id.empty()) return;
      auto [it, fresh] = first.emplace(id, field);
      if (!fresh) {
        Add(Code::kDuplicateId, id, std::move(field),
            absl::StrCat("'", View(id), "' is already the id of ", it->second));
      }
    };
    for (size_t i = 0; i < document_.nodes.size(); ++i) {
      claim(document_.nodes[i].node_id, NodeAt(i) + ".node_id");
    }
    for (size_t h = 0; h < document_.objection_handlers.size(); ++h) {
      claim(document_.objection_handlers[h].objection_id,
            absl::StrCat("objection_handlers[", h, "].objection_id"));
    }
  }

  void CheckText(std::string_view text, std::string_view owner, const std::string& field,
                 bool merges) {
    if (Blank(text)) {
      Add(Code::kEmptyText, owner, field, "must not be empty");
      return;
    }
    if (!merges) return;
    MergeFieldScan scan = ScanMergeFields(text);
    for (const MalformedMergeField& bad : scan.malformed) {
      Add(Code::kUnknownMergeField, owner, field,
          absl::StrCat("malformed merge field '", bad.fragment, "' at byte ", bad.offset,
                       ": write {{path}}, e.g. {{customer.display_name}}"));
    }
    for (const MergeFieldUse& use : scan.uses) {
      if (FindMergeField(use.path) == nullptr) {
        Add(Code::kUnknownMergeField, owner, field,
            absl::StrCat("unknown merge field '", use.path,
                         "'; ListMergeFields lists those a script may use"));
      }
    }
  }

  void CheckLink(const std::string& target, std::string_view owner, std::string field) {
    if (!target.empty() && !graph_.IndexOf(target)) {
      Add(Code::kDanglingLink, owner, std::move(field),
          absl::StrCat("names no node: '", target, "'"));
    }
  }

  void CheckNode(size_t i) {
    const ScriptNode& node = document_.nodes[i];
    const std::string at = NodeAt(i);
    if (node.kind == ScriptNodeKind::kUnset) return;  // refused by the shape check
    CheckText(node.text, node.node_id, absl::StrCat(at, ".", TextFieldOf(node.kind)), true);
    switch (node.kind) {
      case ScriptNodeKind::kText:
        CheckLink(node.next_node_id, node.node_id, at + ".text.next_node_id");
        break;
      case ScriptNodeKind::kCompliance:
        CheckLink(node.next_node_id, node.node_id, at + ".compliance.next_node_id");
        break;
      case ScriptNodeKind::kQuestion: {
        if (node.options.empty()) {
          Add(Code::kQuestionWithoutOptions, node.node_id, at + ".question.options",
              "a question needs at least one answer option");
        }
        std::set<std::string_view> option_ids;
        for (size_t k = 0; k < node.options.size(); ++k) {
          const AnswerOption& option = node.options[k];
          const std::string option_at = absl::StrCat(at, ".question.options[", k, "]");
          if (!option.option_id.empty() && !option_ids.insert(option.option_id).second) {
            Add(Code::kDuplicateId, node.node_id, option_at + ".option_id",
                absl::StrCat("option '", option.option_id, "' appears twice in the question"));
          }
          CheckText(option.label, node.node_id, option_at + ".label", false);
          CheckLink(option.next_node_id, node.node_id, option_at + ".next_node_id");
        }
        break;
      }
      case ScriptNodeKind::kClose:
      case ScriptNodeKind::kUnset:
        break;
    }
  }

  void CheckHandler(size_t h) {
    const ObjectionHandler& handler = document_.objection_handlers[h];
    const std::string at = absl::StrCat("objection_handlers[", h, "]");
    CheckText(handler.label, handler.objection_id, at + ".label", false);
    CheckText(handler.response_text, handler.objection_id, at + ".response_text", true);
    CheckLink(handler.return_node_id, handler.objection_id, at + ".return_node_id");
  }

  std::string Ids(const std::vector<size_t>& positions, std::string_view separator) const {
    std::vector<absl::string_view> ids;
    for (size_t i : positions) ids.push_back(document_.nodes[i].node_id);
    return absl::StrJoin(ids, View(separator));
  }

  void CheckReachability() {
    const std::vector<bool> reachable = graph_.Reachable();
    const std::vector<bool> finishes = graph_.CanFinish();
    std::vector<bool> trapped(graph_.size(), false);
    for (size_t i = 0; i < graph_.size(); ++i) {
      if (!reachable[i]) {
        Add(Code::kUnreachableNode, document_.nodes[i].node_id, NodeAt(i),
            absl::StrCat("no path from the start node '", document_.start_node_id,
                         "' reaches it"));
      }
      trapped[i] = reachable[i] && !finishes[i];
    }
    for (const std::vector<size_t>& cycle : graph_.Cycles(trapped)) {
      Add(Code::kCycleWithoutExit, document_.nodes[cycle.front()].node_id, NodeAt(cycle.front()),
          absl::StrCat("nodes ", Ids(cycle, ", "),
                       " loop with no way on to a close: link one of them onward"));
    }
  }

  // Each required kind, and each kind a node marks mandatory, must be stated by a mandatory
  // statement on every path from the start to an end, objection jumps included (R9, R20).
  void CheckMandatoryStatements() {
    std::vector<ComplianceKind> kinds = RequiredStatements(type_);
    for (const ScriptNode& node : document_.nodes) {
      if (node.kind == ScriptNodeKind::kCompliance && node.mandatory) {
        kinds.push_back(node.compliance_kind);
      }
    }
    std::set<ComplianceKind> checked;
    for (ComplianceKind kind : kinds) {
      if (checked.insert(kind).second) CheckStatement(kind);
    }
  }

  void CheckStatement(ComplianceKind kind) {
    std::vector<bool> states(graph_.size(), false);
    std::vector<size_t> optional_statements;
    for (size_t i = 0; i < graph_.size(); ++i) {
      const ScriptNode& node = document_.nodes[i];
      if (node.kind != ScriptNodeKind::kCompliance || node.compliance_kind != kind) continue;
      if (node.mandatory) {
        states[i] = true;
      } else {
        optional_statements.push_back(i);
      }
    }
    const std::string name(ComplianceKindName(kind));
    std::string hint;
    if (!optional_statements.empty()) {
      hint = absl::StrCat(" (", Ids(optional_statements, ", "),
                          " states it but is not marked mandatory)");
    }
    if (std::find(states.begin(), states.end(), true) == states.end() &&
        optional_statements.empty()) {
      Add(Code::kMissingMandatoryStatement, "", "nodes",
          absl::StrCat("the script has no ", name, " statement, mandatory for its campaign type"));
      return;
    }
    if (!graph_.start()) return;  // no paths to speak of
    std::vector<size_t> skipping = graph_.PathAvoiding(states);
    if (skipping.empty()) return;
    const size_t end = skipping.back();
    Add(Code::kMissingMandatoryStatement, document_.nodes[end].node_id, NodeAt(end),
        absl::StrCat("the path ", Ids(skipping, " → "), " skips the mandatory ", name,
                     " statement", hint));
  }

  const ScriptDocument& document_;
  const ScriptCampaignType type_;
  const ScriptGraph graph_;
  std::vector<ScriptIssue> issues_;
};

}  // namespace

std::vector<ScriptIssue> FindScriptIssues(const ScriptDocument& document,
                                          ScriptCampaignType type) {
  return IssueFinder(document, type).Run();
}

}  // namespace tmk::campaigns
