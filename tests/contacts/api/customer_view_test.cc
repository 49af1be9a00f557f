// Who reads phone numbers in the clear (R6 data minimisation): the request's view against the
// caller's role, and the call an agent is on.
#include "services/contacts/api/customer_view.h"

#include <gtest/gtest.h>

#include "services/common/core/status_details.h"

namespace tmk::contacts {
namespace {

namespace v1 = telemarketing::contacts::v1;

auth::Principal Caller(auth::Role role) {
  auth::Principal who;
  who.subject = "user-1";
  who.roles = auth::RoleSet{role};
  who.regions = {"gd"};
  return who;
}

TEST(CustomerView, RolesThatAlwaysSeeNumbersSeeThemWhateverTheView) {
  for (auth::Role role : {auth::Role::kSupervisor, auth::Role::kAdmin, auth::Role::kIntegrator}) {
    for (v1::CustomerView view : {v1::CUSTOMER_VIEW_UNSPECIFIED, v1::CUSTOMER_VIEW_MASKED,
                                  v1::CUSTOMER_VIEW_UNMASKED}) {
      absl::StatusOr<bool> numbers = RevealsNumbers(Caller(role), view, "");
      ASSERT_TRUE(numbers.ok()) << numbers.status();
      EXPECT_TRUE(*numbers) << auth::RoleName(role) << " view " << view;
    }
  }
}

TEST(CustomerView, TheDefaultAndMaskedViewsMaskNumbersForEveryoneElse) {
  for (auth::Role role : {auth::Role::kAgent, auth::Role::kQaAnalyst, auth::Role::kSystem}) {
    for (v1::CustomerView view : {v1::CUSTOMER_VIEW_UNSPECIFIED, v1::CUSTOMER_VIEW_MASKED}) {
      absl::StatusOr<bool> numbers = RevealsNumbers(Caller(role), view, "call-1");
      ASSERT_TRUE(numbers.ok()) << numbers.status();
      EXPECT_FALSE(*numbers) << auth::RoleName(role) << " view " << view;
    }
  }
}

TEST(CustomerView, AnAgentOnACallMayAskForTheNumbers) {
  absl::StatusOr<bool> numbers =
      RevealsNumbers(Caller(auth::Role::kAgent), v1::CUSTOMER_VIEW_UNMASKED, "call-1");
  ASSERT_TRUE(numbers.ok()) << numbers.status();
  EXPECT_TRUE(*numbers);
}

TEST(CustomerView, AskingForNumbersWithoutTheRoleOrTheCallIsRefusedNotMasked) {
  struct Case {
    auth::Role role;
    std::string call_id;
  };
  for (const Case& c : {Case{auth::Role::kAgent, ""}, Case{auth::Role::kQaAnalyst, "call-1"},
                        Case{auth::Role::kSystem, "call-1"}}) {
    absl::StatusOr<bool> numbers =
        RevealsNumbers(Caller(c.role), v1::CUSTOMER_VIEW_UNMASKED, c.call_id);
    ASSERT_FALSE(numbers.ok()) << auth::RoleName(c.role);
    EXPECT_EQ(numbers.status().code(), absl::StatusCode::kPermissionDenied);
    EXPECT_EQ(ReasonOf(numbers.status()), "UNMASKED_VIEW_NOT_ALLOWED");
  }
}

TEST(CustomerView, AnUnknownViewIsAnInvalidField) {
  absl::StatusOr<bool> numbers = RevealsNumbers(Caller(auth::Role::kSupervisor),
                                                static_cast<v1::CustomerView>(7), "");
  ASSERT_FALSE(numbers.ok());
  EXPECT_EQ(numbers.status().code(), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(FieldViolationsOf(numbers.status()).at(0).field, "view");
}

}  // namespace
}  // namespace tmk::contacts
