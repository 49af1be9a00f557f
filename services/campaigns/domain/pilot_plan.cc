#include "services/campaigns/domain/pilot_plan.h"

#include <openssl/sha.h>

#include <cmath>
#include <set>

#include "absl/strings/str_cat.h"

namespace tmk::campaigns {

void CheckPilotPlan(const PilotPlanSpec& plan, std::string_view field, Violations& violations) {
  const std::string base(field);
  if (plan.sample_fraction != 0 && plan.sample_size != 0) {
    violations.Add(base + ".sample_size", "set either sample_fraction or sample_size, not both");
  }
  if (plan.sample_fraction < 0 || plan.sample_fraction > 1 || std::isnan(plan.sample_fraction)) {
    violations.Add(base + ".sample_fraction", "must be in (0, 1]");
  }
  if (plan.sample_size < 0) violations.Add(base + ".sample_size", "must not be negative");
  if (plan.min_contacts_per_variant < 0) {
    violations.Add(base + ".min_contacts_per_variant", "must not be negative");
  }
  std::set<std::string> ids;
  int64_t total_weight = 0;
  for (size_t i = 0; i < plan.variants.size(); ++i) {
    const PilotVariantSpec& variant = plan.variants[i];
    const std::string at = absl::StrCat(base, ".variants[", i, "]");
    if (variant.variant_id.empty() || variant.variant_id.size() > 32) {
      violations.Add(at + ".variant_id", "required, at most 32 characters");
    } else if (!ids.insert(variant.variant_id).second) {
      violations.Add(at + ".variant_id", "duplicate variant_id '" + variant.variant_id + "'");
    }
    if (variant.weight <= 0) violations.Add(at + ".weight", "must be > 0");
    total_weight += variant.weight > 0 ? variant.weight : 0;
  }
  if (plan.variants.size() > 16) violations.Add(base + ".variants", "at most 16 variants");
  if (total_weight > 1'000'000) violations.Add(base + ".variants", "total weight at most 1000000");
}

uint64_t PilotSplit::Hash(std::string_view prefix, std::string_view customer_id) const {
  std::string input = absl::StrCat(seed_, ":", absl::string_view(prefix.data(), prefix.size()),
                                   absl::string_view(customer_id.data(), customer_id.size()));
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  uint64_t value = 0;
  for (int i = 0; i < 8; ++i) value = (value << 8) | digest[i];
  return value;
}

uint64_t PilotSplit::SampleKey(std::string_view customer_id) const {
  return Hash("sample:", customer_id);
}

bool PilotSplit::InSampleByFraction(std::string_view customer_id, double sample_fraction) const {
  // 2^64 as a double is exact; the comparison is on [0, 1).
  return static_cast<double>(SampleKey(customer_id)) / 18446744073709551616.0 < sample_fraction;
}

std::optional<std::string> PilotSplit::VariantOf(std::string_view customer_id) const {
  uint64_t total = 0;
  for (const PilotVariantSpec& variant : variants_) total += static_cast<uint64_t>(variant.weight);
  if (variants_.empty() || total == 0) return std::nullopt;
  uint64_t point = Hash("variant:", customer_id) % total;
  for (const PilotVariantSpec& variant : variants_) {
    if (point < static_cast<uint64_t>(variant.weight)) return variant.variant_id;
    point -= static_cast<uint64_t>(variant.weight);
  }
  return variants_.back().variant_id;  // unreachable: point < total
}

}  // namespace tmk::campaigns
