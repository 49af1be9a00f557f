#include "services/campaigns/domain/script_renderer.h"

#include <algorithm>

#include "services/campaigns/domain/merge_field_text.h"

namespace tmk::campaigns {
namespace {

class Filler {
 public:
  explicit Filler(const MergeValues& values) : values_(values) {}

  void Fill(std::string& text) {
    MergeFieldScan scan = ScanMergeFields(text);
    if (scan.uses.empty()) return;
    std::string out;
    size_t copied = 0;
    for (const MergeFieldUse& use : scan.uses) {
      out.append(text, copied, use.begin - copied);
      auto it = values_.find(use.path);
      if (it != values_.end()) {
        out += it->second;
      } else if (std::find(missing_.begin(), missing_.end(), use.path) == missing_.end()) {
        missing_.push_back(use.path);
      }
      copied = use.end;
    }
    out.append(text, copied, std::string::npos);
    text = std::move(out);
  }

  std::vector<std::string> TakeMissing() { return std::move(missing_); }

 private:
  const MergeValues& values_;
  std::vector<std::string> missing_;
};

}  // namespace

RenderedDocument RenderScript(const ScriptDocument& document, const MergeValues& values) {
  RenderedDocument rendered{document, {}};
  Filler filler(values);
  for (ScriptNode& node : rendered.document.nodes) filler.Fill(node.text);
  for (ObjectionHandler& handler : rendered.document.objection_handlers) {
    filler.Fill(handler.response_text);
  }
  rendered.missing_fields = filler.TakeMissing();
  return rendered;
}

}  // namespace tmk::campaigns
