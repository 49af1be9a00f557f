#include "services/common/auth/principal.h"

#include <gtest/gtest.h>

namespace tmk::auth {
namespace {

TEST(RoleTest, NamesRoundTrip) {
  for (Role role : kAllRoles) {
    std::optional<Role> parsed = RoleFromName(RoleName(role));
    ASSERT_TRUE(parsed.has_value()) << RoleName(role);
    EXPECT_EQ(*parsed, role);
  }
  EXPECT_EQ(RoleFromName("qa_analyst"), Role::kQaAnalyst);
  EXPECT_FALSE(RoleFromName("Admin").has_value());  // names are exact
  EXPECT_FALSE(RoleFromName("").has_value());
}

TEST(RoleSetTest, AddRemoveContains) {
  RoleSet set;
  EXPECT_TRUE(set.empty());
  set.Add(Role::kQaAnalyst);
  EXPECT_TRUE(set.Contains(Role::kQaAnalyst));
  EXPECT_FALSE(set.Contains(Role::kAgent));
  set.Remove(Role::kQaAnalyst);
  EXPECT_TRUE(set.empty());
  EXPECT_EQ((RoleSet{Role::kAgent, Role::kAdmin}), (RoleSet{Role::kAdmin, Role::kAgent}));
  for (Role role : kAllRoles) EXPECT_TRUE(RoleSet::All().Contains(role));
}

TEST(PrincipalTest, HasRoleIsExactMembership) {
  Principal admin{"u1", RoleSet{Role::kAdmin}, {"gd"}, {}};
  EXPECT_TRUE(admin.HasRole(Role::kAdmin));
  EXPECT_FALSE(admin.HasRole(Role::kAgent));  // admin does not imply other roles
}

TEST(PrincipalTest, RegionScopes) {
  Principal local{"u1", RoleSet{Role::kAgent}, {"gd", "gx"}, {}};
  EXPECT_TRUE(local.CanAccessRegion("gd"));
  EXPECT_TRUE(local.CanAccessRegion("gx"));
  EXPECT_FALSE(local.CanAccessRegion("bj"));
  EXPECT_FALSE(local.CanAccessRegion(""));

  Principal national{"u2", RoleSet{Role::kSupervisor}, {"*"}, {}};
  EXPECT_TRUE(national.CanAccessRegion("bj"));
  EXPECT_FALSE(national.CanAccessRegion(""));

  Principal nowhere{"u3", RoleSet{Role::kAgent}, {}, {}};
  EXPECT_FALSE(nowhere.CanAccessRegion("gd"));
}

}  // namespace
}  // namespace tmk::auth
