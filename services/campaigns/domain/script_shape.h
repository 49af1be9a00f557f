#pragma once
// The syntax and size limits of a script version (R9): ids, required members, enum ranges, and
// bounds on every list and text so one document cannot exhaust the editor, the desktop or the
// event stream. A document breaking them is refused outright (INVALID_ARGUMENT); one that only has
// content issues (script_validator.h) is still saved as a draft.
#include <cstddef>
#include <string_view>

#include "services/campaigns/domain/script_document.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {

struct ScriptLimits {
  static constexpr size_t kMaxNodes = 500;
  static constexpr size_t kMaxOptions = 20;
  static constexpr size_t kMaxObjectionHandlers = 100;
  static constexpr size_t kMaxKeywords = 20;
  static constexpr size_t kMaxIdBytes = 64;
  static constexpr size_t kMaxKeywordBytes = 64;
  static constexpr size_t kMaxLabelBytes = 200;  // titles, option and objection labels
  static constexpr size_t kMaxTextBytes = 4000;  // one readable text
  static constexpr size_t kMaxDocumentBytes = 256 * 1024;  // all texts together
};

// Node, option and objection ids: [a-z0-9_-]{1,64}.
bool IsScriptElementId(std::string_view id);

// Adds every violation of `document` to `violations`, each path prefixed with `prefix` (e.g.
// "script_version."), so a client fixes them all at once.
void CheckScriptShape(const ScriptDocument& document, std::string_view prefix,
                      Violations& violations);

}  // namespace tmk::campaigns
