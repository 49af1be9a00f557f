#pragma once
// Who is calling and what they may touch. Every service's authorisation checks and its audit trail
// of who accessed which customer or recording (R6) start from this value, so it carries only what
// a decision needs: the subject, a small role set and the region scopes.
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tmk::auth {

enum class Role : uint8_t {
  kAgent = 0,
  kSupervisor = 1,
  kQaAnalyst = 2,
  kAdmin = 3,
  kIntegrator = 4,
  // One of the suite's own services acting for itself (common.v1.ROLE_SYSTEM), e.g. dialing
  // forwarding what an agent learnt on a call to contacts (R2, R3). Handlers admit it only where
  // a service needs it, by name.
  kSystem = 5,
};

inline constexpr Role kAllRoles[] = {Role::kAgent, Role::kSupervisor, Role::kQaAnalyst,
                                     Role::kAdmin, Role::kIntegrator, Role::kSystem};

// The names used in the token's `roles` claim.
inline constexpr std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAgent:
      return "agent";
    case Role::kSupervisor:
      return "supervisor";
    case Role::kQaAnalyst:
      return "qa_analyst";
    case Role::kAdmin:
      return "admin";
    case Role::kIntegrator:
      return "integrator";
    case Role::kSystem:
      return "system";
  }
  return "";
}

inline std::optional<Role> RoleFromName(std::string_view name) {
  for (Role role : kAllRoles) {
    if (RoleName(role) == name) return role;
  }
  return std::nullopt;
}

// A set of roles as a bit mask: copying a Principal per request stays cheap.
class RoleSet {
 public:
  constexpr RoleSet() = default;
  constexpr RoleSet(std::initializer_list<Role> roles) {
    for (Role role : roles) Add(role);
  }
  static constexpr RoleSet All() {
    RoleSet set;
    for (Role role : kAllRoles) set.Add(role);
    return set;
  }

  constexpr void Add(Role role) { bits_ |= Bit(role); }
  constexpr void Remove(Role role) { bits_ &= static_cast<uint8_t>(~Bit(role)); }
  constexpr bool Contains(Role role) const { return (bits_ & Bit(role)) != 0; }
  constexpr bool empty() const { return bits_ == 0; }

  friend constexpr bool operator==(RoleSet a, RoleSet b) { return a.bits_ == b.bits_; }
  friend constexpr bool operator!=(RoleSet a, RoleSet b) { return a.bits_ != b.bits_; }

 private:
  static constexpr uint8_t Bit(Role role) {
    return static_cast<uint8_t>(1u << static_cast<uint8_t>(role));
  }
  uint8_t bits_ = 0;
};

// The region scope that grants every region (a national supervisor, the local-dev principal).
inline constexpr std::string_view kAllRegions = "*";

struct Principal {
  // The token's `sub`: the stable id written to audit records (R6).
  std::string subject;
  RoleSet roles;
  // Region ids this principal may act in; "*" means all regions. Empty means none.
  std::vector<std::string> regions;
  // When the credential stops being valid; long-lived streams re-check it.
  std::chrono::system_clock::time_point expiry;
  // The `authorization` value the caller presented ("" with authentication off). A service that
  // calls another on the caller's behalf forwards it, so the callee applies the caller's own
  // masking, scopes and audit (R6) rather than the calling service's.
  std::string credential;

  // Exact membership: admin does not imply the other roles, so each RPC states whom it admits.
  bool HasRole(Role role) const { return roles.Contains(role); }

  // An empty region id is a caller bug; it never matches, not even "*".
  bool CanAccessRegion(std::string_view region) const {
    if (region.empty()) return false;
    return std::any_of(regions.begin(), regions.end(), [region](const std::string& scope) {
      return scope == kAllRegions || scope == region;
    });
  }
};

}  // namespace tmk::auth
