#pragma once
// Which approved script version an agent sees for a customer of a campaign: the campaign's own,
// or during a pilot the one of the variant the customer falls in (R9, R14). Campaigns answer it;
// script rendering asks it.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tmk::campaigns {

struct CampaignScriptRef {
  std::string script_id;
  int32_t script_version = 0;
  std::string variant_id;  // empty outside a pilot
  // Campaign.visible_customer_fields: what agents may see unmasked (R6 data minimisation).
  std::vector<std::string> visible_customer_fields;
};

class CampaignScriptResolver {
 public:
  virtual ~CampaignScriptResolver() = default;
  // NOT_FOUND for an unknown campaign; FAILED_PRECONDITION when it names no approved script.
  virtual absl::StatusOr<CampaignScriptRef> ScriptFor(std::string_view campaign_id,
                                                      std::string_view customer_id) = 0;
};

}  // namespace tmk::campaigns
