#pragma once
// proto ↔ domain for customers: the gRPC layer's translation, kept out of the handlers.
#include <map>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/core/clock.h"
#include "services/contacts/domain/new_customer.h"
#include "telemarketing/contacts/v1/customer.pb.h"
#include "telemarketing/contacts/v1/history.pb.h"

namespace tmk::contacts {

NewCustomer ToNewCustomer(const telemarketing::contacts::v1::Customer& customer);
ContactKind ToContactKind(telemarketing::contacts::v1::ContactPointType type);
telemarketing::contacts::v1::ContactPointType ToProto(ContactKind kind);

// True when the caller's role needs full phone numbers (R6 data minimisation); agents do not.
bool SeesFullNumbers(const auth::Principal& who);
// The UTC calendar year now, for birth-year rules.
int CurrentYear(const Clock& clock);

// Replaces every phone number with its masked form (R6 data minimisation) for callers whose role
// does not need the number itself.
void MaskContactPoints(telemarketing::contacts::v1::Customer& customer);
// The same for one point (e-mail addresses stay as they are).
void MaskContactPoint(telemarketing::contacts::v1::ContactPoint& point);
// The same for the phone numbers inside a "contact_points…" change's old and new values.
void MaskProfileChange(telemarketing::contacts::v1::ProfileChange& change);

// Copies the values at `paths` (validated by ValidateUpdateMask) from `patch` into `target`:
// whole fields and messages are replaced, "custom_attributes.<key>" sets or (absent) removes one
// attribute.
void ApplyUpdateMask(const telemarketing::contacts::v1::Customer& patch,
                     const std::vector<std::string>& paths,
                     telemarketing::contacts::v1::Customer& target);

// Each path's value in the proto3 JSON mapping (field names as in the proto, defaults printed),
// as compact JSON text; "null" where the path holds nothing.
// One contact point, or one of its fields (a proto field name), rendered like RenderPaths does,
// for the profile-change history of a single point (R3); "null" for no point.
std::string RenderContactPoint(const telemarketing::contacts::v1::ContactPoint* point);
std::string RenderContactPointField(const telemarketing::contacts::v1::ContactPoint& point,
                                    const std::string& field);

std::map<std::string, std::string> RenderPaths(const telemarketing::contacts::v1::Customer& customer,
                                               const std::vector<std::string>& paths);

}  // namespace tmk::contacts
