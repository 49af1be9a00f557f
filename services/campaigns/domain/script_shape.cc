#include "services/campaigns/domain/script_shape.h"

#include <string>

#include "absl/strings/str_cat.h"

namespace tmk::campaigns {
namespace {

constexpr int kMaxIntentionClass = 5;  // telemarketing.common.v1.IntentionClass

class ShapeCheck {
 public:
  ShapeCheck(std::string_view prefix, Violations& violations)
      : prefix_(prefix), violations_(violations) {}

  void Add(const std::string& field, std::string description) {
    violations_.Add(absl::StrCat(absl::string_view(prefix_.data(), prefix_.size()), field),
                    std::move(description));
  }
  void Id(const std::string& field, const std::string& id) {
    if (id.empty()) {
      Add(field, "required");
    } else if (!IsScriptElementId(id)) {
      Add(field, "must match [a-z0-9_-]{1,64}");
    }
  }
  void Link(const std::string& field, const std::string& id) {
    total_ += id.size();
    if (id.size() > ScriptLimits::kMaxIdBytes) Add(field, "at most 64 characters");
  }
  void Text(const std::string& field, const std::string& text, size_t limit) {
    total_ += text.size();
    if (text.size() > limit) Add(field, absl::StrCat("at most ", limit, " bytes"));
  }
  size_t total() const { return total_; }

 private:
  std::string_view prefix_;
  Violations& violations_;
  size_t total_ = 0;
};

void CheckNode(const ScriptNode& node, const std::string& at, ShapeCheck& check) {
  check.Id(at + ".node_id", node.node_id);
  check.Text(at + ".title", node.title, ScriptLimits::kMaxLabelBytes);
  if (node.kind == ScriptNodeKind::kUnset) {
    check.Add(at, "set one of text, question, compliance or close");
    return;
  }
  const std::string kind_at = absl::StrCat(at, ".", TextFieldOf(node.kind));
  check.Text(kind_at, node.text, ScriptLimits::kMaxTextBytes);
  switch (node.kind) {
    case ScriptNodeKind::kText:
      check.Link(at + ".text.next_node_id", node.next_node_id);
      break;
    case ScriptNodeKind::kCompliance:
      check.Link(at + ".compliance.next_node_id", node.next_node_id);
      if (static_cast<int>(node.compliance_kind) < 1 ||
          static_cast<int>(node.compliance_kind) > kMaxComplianceKind) {
        check.Add(at + ".compliance.kind", "required: one of the ComplianceStatementKind values");
      }
      break;
    case ScriptNodeKind::kClose:
      check.Text(at + ".close.suggested_disposition_code", node.suggested_disposition_code,
                 ScriptLimits::kMaxIdBytes);
      break;
    case ScriptNodeKind::kQuestion:
      if (node.options.size() > ScriptLimits::kMaxOptions) {
        check.Add(at + ".question.options", "at most 20 options");
        break;
      }
      for (size_t k = 0; k < node.options.size(); ++k) {
        const AnswerOption& option = node.options[k];
        const std::string option_at = absl::StrCat(at, ".question.options[", k, "]");
        check.Id(option_at + ".option_id", option.option_id);
        check.Text(option_at + ".label", option.label, ScriptLimits::kMaxLabelBytes);
        check.Link(option_at + ".next_node_id", option.next_node_id);
        if (option.suggested_intention < 0 || option.suggested_intention > kMaxIntentionClass) {
          check.Add(option_at + ".suggested_intention", "not an IntentionClass value");
        }
      }
      break;
    case ScriptNodeKind::kUnset:
      break;
  }
}

void CheckHandler(const ObjectionHandler& handler, const std::string& at, ShapeCheck& check) {
  check.Id(at + ".objection_id", handler.objection_id);
  check.Text(at + ".label", handler.label, ScriptLimits::kMaxLabelBytes);
  check.Text(at + ".response_text", handler.response_text, ScriptLimits::kMaxTextBytes);
  check.Link(at + ".return_node_id", handler.return_node_id);
  if (handler.keywords.size() > ScriptLimits::kMaxKeywords) {
    check.Add(at + ".keywords", "at most 20 keywords");
    return;
  }
  for (size_t k = 0; k < handler.keywords.size(); ++k) {
    const std::string keyword_at = absl::StrCat(at, ".keywords[", k, "]");
    if (handler.keywords[k].empty()) check.Add(keyword_at, "must not be empty");
    check.Text(keyword_at, handler.keywords[k], ScriptLimits::kMaxKeywordBytes);
  }
}

}  // namespace

bool IsScriptElementId(std::string_view id) {
  if (id.empty() || id.size() > ScriptLimits::kMaxIdBytes) return false;
  for (char c : id) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-')) return false;
  }
  return true;
}

void CheckScriptShape(const ScriptDocument& document, std::string_view prefix,
                      Violations& violations) {
  ShapeCheck check(prefix, violations);
  check.Link("start_node_id", document.start_node_id);
  bool countable = true;
  if (document.nodes.size() > ScriptLimits::kMaxNodes) {
    check.Add("nodes", "at most 500 nodes");
    countable = false;
  }
  if (document.objection_handlers.size() > ScriptLimits::kMaxObjectionHandlers) {
    check.Add("objection_handlers", "at most 100 objection handlers");
    countable = false;
  }
  if (!countable) return;  // not worth a violation per element of an oversize list
  for (size_t i = 0; i < document.nodes.size(); ++i) {
    CheckNode(document.nodes[i], absl::StrCat("nodes[", i, "]"), check);
  }
  for (size_t h = 0; h < document.objection_handlers.size(); ++h) {
    CheckHandler(document.objection_handlers[h], absl::StrCat("objection_handlers[", h, "]"),
                 check);
  }
  if (check.total() > ScriptLimits::kMaxDocumentBytes) {
    check.Add("nodes", absl::StrCat("the script's texts total ", check.total(),
                                    " bytes; at most ", ScriptLimits::kMaxDocumentBytes));
  }
}

}  // namespace tmk::campaigns
