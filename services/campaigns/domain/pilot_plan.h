#pragma once
// Pilots (R14): a campaign first runs on a random sample of its list, optionally split between
// variants (e.g. two scripts), compared by reporting, then promoted. The split is deterministic
// so campaigns, dialing and reporting compute the same one from (seed, customer_id), exactly as
// telemarketing.campaigns.v1.PilotPlan documents:
//   h(x) = first 8 bytes, big-endian, of SHA-256(seed + ":" + x);
//   in the sample when h("sample:" + id) / 2^64 < sample_fraction (or, with sample_size, when
//   among the sample_size smallest such hashes of the list);
//   variant = the one whose cumulative weight range holds h("variant:" + id) mod total weight.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "services/common/core/status_details.h"

namespace tmk::campaigns {

struct PilotVariantSpec {
  std::string variant_id;
  int32_t weight = 0;
};

struct PilotPlanSpec {
  double sample_fraction = 0;  // (0, 1]; exclusive with sample_size
  int64_t sample_size = 0;
  std::vector<PilotVariantSpec> variants;
  int32_t min_contacts_per_variant = 0;
};

// Every problem of a plan, under `field` (e.g. "campaign.pilot"). An empty plan (no sample, no
// variants) is valid while DRAFT; readiness asks for a sample before PILOT.
void CheckPilotPlan(const PilotPlanSpec& plan, std::string_view field, Violations& violations);

class PilotSplit {
 public:
  PilotSplit(std::string seed, std::vector<PilotVariantSpec> variants)
      : seed_(std::move(seed)), variants_(std::move(variants)) {}

  // h("sample:" + customer_id): the order of the sample_size rule.
  uint64_t SampleKey(std::string_view customer_id) const;
  bool InSampleByFraction(std::string_view customer_id, double sample_fraction) const;
  // The variant of a customer; nullopt when the plan has no variants.
  std::optional<std::string> VariantOf(std::string_view customer_id) const;

 private:
  uint64_t Hash(std::string_view prefix, std::string_view customer_id) const;

  std::string seed_;
  std::vector<PilotVariantSpec> variants_;
};

}  // namespace tmk::campaigns
