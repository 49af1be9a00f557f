// Interactions attached by other services (R4).
#include "services/contacts/domain/interaction_rules.h"

#include <gtest/gtest.h>

#include "tests/support/violated_fields.h"

namespace tmk::contacts {
namespace {

using testing::ViolatedFields;
using Fields = std::vector<std::string>;

NewInteraction Recording() {
  NewInteraction i;
  i.customer_id = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b";
  i.kind = 2;
  i.reference_id = "rec-20260601-0001";
  i.service = "recording";
  i.call_id = "call-1";
  i.has_occur_time = true;
  i.summary = "3m12s, stereo";
  return i;
}

TEST(ValidateNewInteraction, AcceptsACompleteReference) {
  EXPECT_TRUE(ValidateNewInteraction(Recording()).ok());
}

TEST(ValidateNewInteraction, ReportsEveryMissingOrBadField) {
  EXPECT_EQ(ViolatedFields(ValidateNewInteraction({})),
            (Fields{"interaction.customer_id", "interaction.kind", "interaction.reference_id",
                    "interaction.service", "interaction.occur_time"}));
  NewInteraction i = Recording();
  i.customer_id = "c-1";
  i.kind = 42;
  i.occur_time_valid = false;
  i.summary = std::string(501, 's');
  EXPECT_EQ(ViolatedFields(ValidateNewInteraction(i)),
            (Fields{"interaction.customer_id", "interaction.kind", "interaction.occur_time",
                    "interaction.summary"}));
}

TEST(ValidateInteractionKinds, KnowsTheSevenKinds) {
  EXPECT_TRUE(ValidateInteractionKinds({1, 2, 7}).ok());
  EXPECT_EQ(ViolatedFields(ValidateInteractionKinds({1, 0, 8})), (Fields{"kinds[1]", "kinds[2]"}));
}

}  // namespace
}  // namespace tmk::contacts
