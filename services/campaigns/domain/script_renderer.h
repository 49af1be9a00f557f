#pragma once
// A script version filled with one customer's data for the agent desktop (R9). Substitution only:
// each well-formed {{path}} in a readable text becomes its value, inserted verbatim and never
// scanned again, so customer data cannot inject merge fields or anything else.
#include <string>
#include <vector>

#include "services/campaigns/domain/merge_field_values.h"
#include "services/campaigns/domain/script_document.h"

namespace tmk::campaigns {

struct RenderedDocument {
  ScriptDocument document;
  // Paths used by the script without a value for this customer, rendered empty; each once, in
  // the order they first appear.
  std::vector<std::string> missing_fields;
};

RenderedDocument RenderScript(const ScriptDocument& document, const MergeValues& values);

}  // namespace tmk::campaigns
