#include "services/contacts/domain/display_name.h"

#include <gtest/gtest.h>

namespace tmk::contacts {
namespace {

// R6: exact name search over encrypted names still finds a name however its case and spacing
// were typed.
TEST(NormalizeDisplayName, ForgivesCaseAndSpacing) {
  EXPECT_EQ(NormalizeDisplayName("  Alice \t WONG "), "alice wong");
  EXPECT_EQ(NormalizeDisplayName("alice wong"), "alice wong");
  EXPECT_EQ(NormalizeDisplayName("王\xE3\x80\x80小明"), "王 小明");
  EXPECT_EQ(NormalizeDisplayName("王小明"), "王小明");
  EXPECT_EQ(NormalizeDisplayName(" \xE3\x80\x80 "), "");
}

TEST(NormalizeDisplayName, KeepsDifferentNamesApart) {
  EXPECT_NE(NormalizeDisplayName("王小明"), NormalizeDisplayName("王小"));
  EXPECT_NE(NormalizeDisplayName("Li Wei"), NormalizeDisplayName("LiWei"));
  EXPECT_EQ(NormalizeDisplayName("ÉMILE"), "Émile");  // only ASCII letters fold
}

}  // namespace
}  // namespace tmk::contacts
