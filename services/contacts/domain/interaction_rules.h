#pragma once
// What an attached interaction reference must carry (R4): the customer, what kind of record it
// is, its id and owning service, when it happened; bounded texts. Plain data; kinds mirror
// contacts.v1.InteractionKind.
#include <string>
#include <vector>

#include "absl/status/status.h"

namespace tmk::contacts {

struct InteractionLimits {
  static constexpr int kMaxKind = 7;  // INTERACTION_KIND_CALLBACK
  static constexpr size_t kMaxReferenceId = 256;
  static constexpr size_t kMaxService = 64;
  static constexpr size_t kMaxId = 128;  // call, campaign, contact point, region
  static constexpr size_t kMaxSummary = 500;
  static constexpr size_t kMaxKindsFilter = 16;
};

struct NewInteraction {
  std::string customer_id;
  int kind = 0;
  std::string reference_id;
  std::string service;
  std::string region_id;
  std::string call_id;
  std::string campaign_id;
  std::string contact_point_id;
  bool has_occur_time = false;
  bool occur_time_valid = true;  // a Timestamp within its proto range
  std::string summary;
};

// Every violation at once, under "interaction.<field>".
absl::Status ValidateNewInteraction(const NewInteraction& interaction);

// ListInteractions' kinds filter: known kinds, at most kMaxKindsFilter, at "kinds[i]".
absl::Status ValidateInteractionKinds(const std::vector<int>& kinds);

}  // namespace tmk::contacts
