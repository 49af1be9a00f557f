#pragma once
// proto ↔ domain for scripts (R9): the gRPC layer's translation, kept out of the handlers. Enum
// values are equal on both sides, so enums convert by cast.
#include <google/protobuf/repeated_field.h>

#include <vector>

#include "services/campaigns/domain/merge_field_catalog.h"
#include "services/campaigns/domain/merge_field_values.h"
#include "services/campaigns/domain/script_document.h"
#include "services/campaigns/domain/script_validator.h"
#include "telemarketing/campaigns/v1/script.pb.h"
#include "telemarketing/contacts/v1/customer.pb.h"

namespace tmk::campaigns {

// The campaign type a script is written for: it decides the mandatory statements.
ScriptCampaignType CampaignTypeOf(const telemarketing::campaigns::v1::Script& script);

// The content of a version: start node, nodes and objection handlers.
ScriptDocument ToDocument(const telemarketing::campaigns::v1::ScriptVersion& version);
// Replaces the content of `version` with `document`; everything else is kept.
void SetContent(const ScriptDocument& document,
                telemarketing::campaigns::v1::ScriptVersion& version);

void AddIssues(const std::vector<ScriptIssue>& issues,
               google::protobuf::RepeatedPtrField<telemarketing::campaigns::v1::ScriptIssue>* out);

telemarketing::campaigns::v1::MergeField ToProto(const MergeFieldSpec& spec);

// The customer as contacts returned it, for merge-field values: the primary mobile and e-mail
// (else the first), custom attributes as text (money as "CNY 128.00", dates as YYYY-MM-DD).
CustomerView ToCustomerView(const telemarketing::contacts::v1::Customer& customer);

}  // namespace tmk::campaigns
