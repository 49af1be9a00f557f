#include "services/campaigns/domain/script_document.h"

namespace tmk::campaigns {

const char* TextFieldOf(ScriptNodeKind kind) {
  switch (kind) {
    case ScriptNodeKind::kText:
      return "text.text";
    case ScriptNodeKind::kQuestion:
      return "question.prompt";
    case ScriptNodeKind::kCompliance:
      return "compliance.text";
    case ScriptNodeKind::kClose:
      return "close.text";
    case ScriptNodeKind::kUnset:
      break;
  }
  return "";
}

}  // namespace tmk::campaigns
