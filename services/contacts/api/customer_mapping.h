#pragma once
// proto ↔ domain for customers: the gRPC layer's translation, kept out of the handlers.
#include "services/contacts/domain/new_customer.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::contacts {

NewCustomer ToNewCustomer(const telemarketing::contacts::v1::Customer& customer);
ContactKind ToContactKind(telemarketing::contacts::v1::ContactPointType type);
telemarketing::contacts::v1::ContactPointType ToProto(ContactKind kind);

// Replaces every phone number with its masked form (R6 data minimisation) for callers whose role
// does not need the number itself.
void MaskContactPoints(telemarketing::contacts::v1::Customer& customer);

}  // namespace tmk::contacts
