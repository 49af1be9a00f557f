#pragma once
// The rules of a customer update (R1, R3 profile completion): which field paths an update_mask may
// name, which of them really changed (old -> new, for the profile-change history), and which
// contact points survive an update with their ids. The values themselves are validated by the
// same rules as a new customer (new_customer.h).
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/status.h"

namespace tmk::contacts {

struct UpdateLimits {
  static constexpr size_t kMaxMaskPaths = 50;
};

// True for a Customer field path an update may change, e.g. "display_name",
// "residence.city_code", "custom_attributes.plan" (one attribute), "contact_points".
bool IsUpdatablePath(std::string_view path);

// OK, or INVALID_ARGUMENT with a violation per bad path ("update_mask.paths[2]"): a mask is
// required, "*" and output-only or unknown paths are refused, and no path may repeat or lie
// under another one in the same mask.
absl::Status ValidateUpdateMask(const std::vector<std::string>& paths);

// One field that changed, its values as JSON text ("null" when unset).
struct ProfileFieldChange {
  std::string field_path;
  std::string old_value;
  std::string new_value;
};

// The paths (in mask order) whose rendered value differs between before and after; a path
// missing from a map counts as "null".
std::vector<ProfileFieldChange> DiffProfile(const std::vector<std::string>& paths,
                                            const std::map<std::string, std::string>& before,
                                            const std::map<std::string, std::string>& after);

// For each new contact point (by normalised value), the index of the existing point with the same
// normalised value, whose id it keeps, or -1 for a point that is new.
std::vector<int> MatchContactPoints(const std::vector<std::string>& existing_normalized,
                                    const std::vector<std::string>& new_normalized);

}  // namespace tmk::contacts
