#pragma once
// The region's contact policy (R10, R20): legal calling hours, public holidays, frequency caps
// across campaigns, and the windows new campaigns get when they set none.
#include <string_view>

#include "services/campaigns/domain/calling_windows.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {

// What a region has before anyone sets a policy: legal bounds every day 08:00-21:00, no holidays,
// no caps, and the R10 default windows.
ContactPolicy DefaultContactPolicy();

// Every problem, under `field` (e.g. "contact_policy"): at least one legal-bounds window, valid
// and non-overlapping (an empty policy would silently stop every campaign; pause them instead);
// valid holidays whose ranges lie inside the legal bounds of their weekday; caps not negative and
// consistent (a day cap above the week cap, or a week cap above the 30-day cap, is a typo: the
// larger could never be reached); default windows valid and inside the legal bounds.
void CheckContactPolicy(const ContactPolicy& policy, std::string_view field,
                        Violations& violations);

// Default windows clipped to the legal bounds ("always clipped", calling_windows.proto), and the
// R10 defaults, clipped, for each customer kind without an entry. Idempotent.
ContactPolicy WithPolicyDefaults(ContactPolicy policy);

}  // namespace tmk::campaigns
