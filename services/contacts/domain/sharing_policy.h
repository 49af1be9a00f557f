#pragma once
// How a region shares its customers with the other regions (R5, R6, R32), as plain rules: one
// mode per Customer field path (share, mask, withhold), a parent path's rule covering its children
// unless a child has its own, and the masking formats. The gRPC layer walks a Customer with it
// (api/customer_sharing.h); nothing here knows protobuf.
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace tmk::contacts {

enum class SharingMode { kShare, kMask, kWithhold };

struct SharingRule {
  std::string field_path;
  SharingMode mode = SharingMode::kShare;
};

struct SharingPolicy {
  std::vector<SharingRule> rules;
  SharingMode default_mode = SharingMode::kShare;

  // The mode of `path`: its own rule, else the nearest ancestor's ("residence" for
  // "residence.street_address"), else default_mode. Identity and bookkeeping paths (see
  // IsAlwaysShared) are always kShare. `personal_attribute` tells whether a "custom_attributes.<key>"
  // path holds personal data: those without a rule of their own or of "custom_attributes" are
  // withheld whatever default_mode says (sharing.proto's default).
  SharingMode ModeFor(std::string_view path, bool personal_attribute = false) const;
};

// The policy of a region that never stored one (sharing.proto): display_name and contact_points
// masked; street address, postal code and external_id withheld; everything else shared.
SharingPolicy DefaultSharingPolicy();

// customer_id, region_id, create_time, update_time, hlc, etag, source and the replica markers:
// without them a replica cannot be kept current (R32).
bool IsAlwaysShared(std::string_view path);

// OK, or INVALID_ARGUMENT with a violation per bad rule ("sharing_policy.rules[2].field_path"):
// paths must be Customer fields a rule can govern (those an update may name, plus
// "custom_attributes" as a whole), at most 100 rules, no path twice.
absl::Status ValidateSharingRules(const std::vector<SharingRule>& rules);

// Masking formats (sharing.proto, SHARING_MODE_MASK). Text keeps its first character and stars
// the rest, one per UTF-8 code point: for a Chinese name that is the family name ("王小明" ->
// "王**"), for other text its initial ("teacher" -> "t******"). An e-mail address keeps the
// first character and the domain ("wang@example.com" -> "w***@example.com"). Phones use
// MaskPhone (phone_number.h).
std::string MaskText(std::string_view text);
std::string MaskEmail(std::string_view email);

}  // namespace tmk::contacts
