#pragma once
// Role and region checks every handler makes after authentication (R6): PERMISSION_DENIED names
// what was refused, never why the caller might have expected otherwise.
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "services/common/auth/principal.h"

namespace tmk::auth {

inline bool HasAnyRole(const Principal& who, RoleSet roles) {
  for (Role role : kAllRoles) {
    if (roles.Contains(role) && who.HasRole(role)) return true;
  }
  return false;
}

inline absl::Status Authorize(const Principal& who, RoleSet allowed, std::string_view region,
                              std::string_view action) {
  if (!HasAnyRole(who, allowed)) {
    return absl::PermissionDeniedError(absl::StrCat(who.subject, " may not ", std::string(action)));
  }
  if (!who.CanAccessRegion(region)) {
    return absl::PermissionDeniedError(
        absl::StrCat(who.subject, " has no access to region '", std::string(region), "' to ",
                     std::string(action)));
  }
  return absl::OkStatus();
}

}  // namespace tmk::auth
