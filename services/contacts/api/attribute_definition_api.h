#pragma once
// Custom attribute definitions (R1): the typed schema customers' custom_attributes must follow.
// Key and type are immutable; allowed values grow, and shrink only by values no customer
// carries; a definition still carried by a customer is not deleted (FAILED_PRECONDITION).
// Rules live in domain/attribute_definition.h.
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/attribute_definition_store.h"
#include "services/common/pg/request_records.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class AttributeDefinitionApi {
 public:
  explicit AttributeDefinitionApi(server::ServiceRuntime& runtime) : runtime_(runtime) {}

  absl::Status CreateAttributeDefinition(
      const auth::Principal& who,
      const telemarketing::contacts::v1::CreateAttributeDefinitionRequest& request,
      telemarketing::contacts::v1::CreateAttributeDefinitionResponse& response);
  absl::Status GetAttributeDefinition(
      const auth::Principal& who,
      const telemarketing::contacts::v1::GetAttributeDefinitionRequest& request,
      telemarketing::contacts::v1::GetAttributeDefinitionResponse& response);
  absl::Status ListAttributeDefinitions(
      const auth::Principal& who,
      const telemarketing::contacts::v1::ListAttributeDefinitionsRequest& request,
      telemarketing::contacts::v1::ListAttributeDefinitionsResponse& response);
  absl::Status UpdateAttributeDefinition(
      const auth::Principal& who,
      const telemarketing::contacts::v1::UpdateAttributeDefinitionRequest& request,
      telemarketing::contacts::v1::UpdateAttributeDefinitionResponse& response);
  absl::Status DeleteAttributeDefinition(
      const auth::Principal& who,
      const telemarketing::contacts::v1::DeleteAttributeDefinitionRequest& request,
      telemarketing::contacts::v1::DeleteAttributeDefinitionResponse& response);

 private:
  // The definition of `key` into `out`, or NOT_FOUND.
  absl::Status ReadInto(pqxx::work& tx, const std::string& key,
                        telemarketing::contacts::v1::AttributeDefinition& out) const;
  // Runs `change` in one transaction, idempotent by request_id (pg::RunIdempotent).
  absl::Status Mutate(const std::string& verb, const std::string& request_id,
                      const std::string& fingerprint, const pg::ReplayChange& replay,
                      const pg::MakeChange& change);

  server::ServiceRuntime& runtime_;
  AttributeDefinitionStore definitions_;
  pg::RequestRecords requests_;
};

}  // namespace tmk::contacts
