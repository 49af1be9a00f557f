#pragma once
// The contacts gRPC adapter (R1–R6, R8, R32): every RPC authenticates, runs its handler on a
// worker (never on a gRPC thread) and maps its status, through the common runtime; the handlers
// live in one class per area (customers, contact points, interactions, attribute definitions,
// consent, segments, imports, audit). RPCs not listed here
// answer UNIMPLEMENTED until issue 3 builds them.
#include "services/common/server/service_runtime.h"
#include "services/contacts/api/access_audit_api.h"
#include "services/contacts/api/attribute_definition_api.h"
#include "services/contacts/api/consent_api.h"
#include "services/contacts/api/contact_point_api.h"
#include "services/contacts/api/customer_api.h"
#include "services/contacts/api/import_api.h"
#include "services/contacts/api/interaction_api.h"
#include "services/contacts/api/segment_api.h"
#include "services/contacts/api/sharing_policy_api.h"
#include "services/contacts/api/update_proposal_api.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"

namespace tmk::contacts {

namespace v1 = telemarketing::contacts::v1;

class ContactsService final : public v1::ContactsService::CallbackService {
 public:
  // `cipher` seals and indexes the direct identifiers the stores keep (R6).
  // `hlc` is the region's clock for cross-region ordering (R32), shared with the consumers;
  // `sharing_changed` wakes the republishing of snapshots after a sharing-policy change.
  ContactsService(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
                  HybridLogicalClock& hlc, std::function<void()> sharing_changed)
      : runtime_(runtime),
        customers_(runtime, cipher, hlc),
        consent_(runtime, cipher, hlc),
        segments_(runtime),
        imports_(runtime, cipher, hlc),
        audit_(runtime),
        sharing_(runtime, hlc, std::move(sharing_changed)),
        proposals_(runtime, cipher, hlc),
        contact_points_(runtime, cipher, hlc),
        interactions_(runtime, cipher),
        attribute_definitions_(runtime) {}

  grpc::ServerUnaryReactor* CreateCustomer(grpc::CallbackServerContext* context,
                                 const v1::CreateCustomerRequest* request,
                                 v1::CreateCustomerResponse* response) override {
    return Delegate(context, customers_, &CustomerApi::CreateCustomer, request, response);
  }
  grpc::ServerUnaryReactor* GetCustomer(grpc::CallbackServerContext* context,
                                 const v1::GetCustomerRequest* request,
                                 v1::GetCustomerResponse* response) override {
    return Audited(context, &CustomerApi::GetCustomer, request, response);
  }
  grpc::ServerUnaryReactor* UpdateCustomer(grpc::CallbackServerContext* context,
                                 const v1::UpdateCustomerRequest* request,
                                 v1::UpdateCustomerResponse* response) override {
    return Audited(context, &CustomerApi::UpdateCustomer, request, response);
  }
  grpc::ServerUnaryReactor* DeleteCustomer(grpc::CallbackServerContext* context,
                                 const v1::DeleteCustomerRequest* request,
                                 v1::DeleteCustomerResponse* response) override {
    return Audited(context, &CustomerApi::DeleteCustomer, request, response);
  }
  grpc::ServerUnaryReactor* BatchGetCustomers(grpc::CallbackServerContext* context,
                                 const v1::BatchGetCustomersRequest* request,
                                 v1::BatchGetCustomersResponse* response) override {
    return Audited(context, &CustomerApi::BatchGetCustomers, request, response);
  }
  grpc::ServerUnaryReactor* ListCustomers(grpc::CallbackServerContext* context,
                                 const v1::ListCustomersRequest* request,
                                 v1::ListCustomersResponse* response) override {
    return Audited(context, &CustomerApi::ListCustomers, request, response);
  }
  grpc::ServerUnaryReactor* SearchCustomers(grpc::CallbackServerContext* context,
                                 const v1::SearchCustomersRequest* request,
                                 v1::SearchCustomersResponse* response) override {
    return Audited(context, &CustomerApi::SearchCustomers, request, response);
  }
  grpc::ServerUnaryReactor* LookupCustomersByPhone(grpc::CallbackServerContext* context,
                                 const v1::LookupCustomersByPhoneRequest* request,
                                 v1::LookupCustomersByPhoneResponse* response) override {
    return Audited(context, &CustomerApi::LookupCustomersByPhone, request, response);
  }
  grpc::ServerUnaryReactor* ListProfileChanges(grpc::CallbackServerContext* context,
                                 const v1::ListProfileChangesRequest* request,
                                 v1::ListProfileChangesResponse* response) override {
    return Audited(context, &CustomerApi::ListProfileChanges, request, response);
  }
  grpc::ServerUnaryReactor* ListAccessAuditEntries(grpc::CallbackServerContext* context,
                                 const v1::ListAccessAuditEntriesRequest* request,
                                 v1::ListAccessAuditEntriesResponse* response) override {
    return Delegate(context, audit_, &AccessAuditApi::ListAccessAuditEntries, request, response);
  }
  grpc::ServerUnaryReactor* GetImportJob(grpc::CallbackServerContext* context,
                                 const v1::GetImportJobRequest* request,
                                 v1::GetImportJobResponse* response) override {
    return Delegate(context, imports_, &ImportApi::GetImportJob, request, response);
  }
  grpc::ServerUnaryReactor* ListImportJobs(grpc::CallbackServerContext* context,
                                 const v1::ListImportJobsRequest* request,
                                 v1::ListImportJobsResponse* response) override {
    return Delegate(context, imports_, &ImportApi::ListImportJobs, request, response);
  }
  grpc::ServerUnaryReactor* ListImportRowErrors(grpc::CallbackServerContext* context,
                                 const v1::ListImportRowErrorsRequest* request,
                                 v1::ListImportRowErrorsResponse* response) override {
    return Delegate(context, imports_, &ImportApi::ListImportRowErrors, request, response);
  }
  // Client-streaming bulk import: its own reactor, reading rows as they arrive.
  grpc::ServerReadReactor<v1::ImportCustomersRequest>* ImportCustomers(
      grpc::CallbackServerContext* context, v1::ImportCustomersResponse* response) override {
    return imports_.ImportCustomers(context, response);
  }
  grpc::ServerUnaryReactor* RecordConsent(grpc::CallbackServerContext* context,
                                 const v1::RecordConsentRequest* request,
                                 v1::RecordConsentResponse* response) override {
    return Delegate(context, consent_, &ConsentApi::RecordConsent, request, response);
  }
  grpc::ServerUnaryReactor* ListConsents(grpc::CallbackServerContext* context,
                                 const v1::ListConsentsRequest* request,
                                 v1::ListConsentsResponse* response) override {
    return Delegate(context, consent_, &ConsentApi::ListConsents, request, response);
  }
  grpc::ServerUnaryReactor* CreateDncEntry(grpc::CallbackServerContext* context,
                                 const v1::CreateDncEntryRequest* request,
                                 v1::CreateDncEntryResponse* response) override {
    return Delegate(context, consent_, &ConsentApi::CreateDncEntry, request, response);
  }
  grpc::ServerUnaryReactor* GetDncEntry(grpc::CallbackServerContext* context,
                                 const v1::GetDncEntryRequest* request,
                                 v1::GetDncEntryResponse* response) override {
    return Delegate(context, consent_, &ConsentApi::GetDncEntry, request, response);
  }
  grpc::ServerUnaryReactor* ListDncEntries(grpc::CallbackServerContext* context,
                                 const v1::ListDncEntriesRequest* request,
                                 v1::ListDncEntriesResponse* response) override {
    return Delegate(context, consent_, &ConsentApi::ListDncEntries, request, response);
  }
  grpc::ServerUnaryReactor* DeleteDncEntry(grpc::CallbackServerContext* context,
                                 const v1::DeleteDncEntryRequest* request,
                                 v1::DeleteDncEntryResponse* response) override {
    return Delegate(context, consent_, &ConsentApi::DeleteDncEntry, request, response);
  }
  grpc::ServerUnaryReactor* CheckCallable(grpc::CallbackServerContext* context,
                                 const v1::CheckCallableRequest* request,
                                 v1::CheckCallableResponse* response) override {
    return Delegate(context, consent_, &ConsentApi::CheckCallable, request, response);
  }
  grpc::ServerUnaryReactor* ValidateSegmentFilter(grpc::CallbackServerContext* context,
                                 const v1::ValidateSegmentFilterRequest* request,
                                 v1::ValidateSegmentFilterResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::ValidateSegmentFilter, request, response);
  }
  grpc::ServerUnaryReactor* CreateSegment(grpc::CallbackServerContext* context,
                                 const v1::CreateSegmentRequest* request,
                                 v1::CreateSegmentResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::CreateSegment, request, response);
  }
  grpc::ServerUnaryReactor* GetSegment(grpc::CallbackServerContext* context,
                                 const v1::GetSegmentRequest* request,
                                 v1::GetSegmentResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::GetSegment, request, response);
  }
  grpc::ServerUnaryReactor* ListSegments(grpc::CallbackServerContext* context,
                                 const v1::ListSegmentsRequest* request,
                                 v1::ListSegmentsResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::ListSegments, request, response);
  }
  grpc::ServerUnaryReactor* UpdateSegment(grpc::CallbackServerContext* context,
                                 const v1::UpdateSegmentRequest* request,
                                 v1::UpdateSegmentResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::UpdateSegment, request, response);
  }
  grpc::ServerUnaryReactor* DeleteSegment(grpc::CallbackServerContext* context,
                                 const v1::DeleteSegmentRequest* request,
                                 v1::DeleteSegmentResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::DeleteSegment, request, response);
  }
  grpc::ServerUnaryReactor* EvaluateSegment(grpc::CallbackServerContext* context,
                                 const v1::EvaluateSegmentRequest* request,
                                 v1::EvaluateSegmentResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::EvaluateSegment, request, response);
  }
  grpc::ServerUnaryReactor* GetContactList(grpc::CallbackServerContext* context,
                                 const v1::GetContactListRequest* request,
                                 v1::GetContactListResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::GetContactList, request, response);
  }
  grpc::ServerUnaryReactor* ListContactLists(grpc::CallbackServerContext* context,
                                 const v1::ListContactListsRequest* request,
                                 v1::ListContactListsResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::ListContactLists, request, response);
  }
  grpc::ServerUnaryReactor* ListContactListMembers(grpc::CallbackServerContext* context,
                                 const v1::ListContactListMembersRequest* request,
                                 v1::ListContactListMembersResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::ListContactListMembers, request, response);
  }
  grpc::ServerUnaryReactor* DeleteContactList(grpc::CallbackServerContext* context,
                                 const v1::DeleteContactListRequest* request,
                                 v1::DeleteContactListResponse* response) override {
    return Delegate(context, segments_, &SegmentApi::DeleteContactList, request, response);
  }

  grpc::ServerUnaryReactor* CreateContactPoint(grpc::CallbackServerContext* context,
                                 const v1::CreateContactPointRequest* request,
                                 v1::CreateContactPointResponse* response) override {
    return Delegate(context, contact_points_, &ContactPointApi::CreateContactPoint, request, response);
  }
  grpc::ServerUnaryReactor* UpdateContactPoint(grpc::CallbackServerContext* context,
                                 const v1::UpdateContactPointRequest* request,
                                 v1::UpdateContactPointResponse* response) override {
    return Delegate(context, contact_points_, &ContactPointApi::UpdateContactPoint, request, response);
  }
  grpc::ServerUnaryReactor* BatchUpdateContactPointStatuses(grpc::CallbackServerContext* context,
                                 const v1::BatchUpdateContactPointStatusesRequest* request,
                                 v1::BatchUpdateContactPointStatusesResponse* response) override {
    return Delegate(context, contact_points_, &ContactPointApi::BatchUpdateContactPointStatuses, request, response);
  }
  grpc::ServerUnaryReactor* DeleteContactPoint(grpc::CallbackServerContext* context,
                                 const v1::DeleteContactPointRequest* request,
                                 v1::DeleteContactPointResponse* response) override {
    return Delegate(context, contact_points_, &ContactPointApi::DeleteContactPoint, request, response);
  }
  grpc::ServerUnaryReactor* CreateInteraction(grpc::CallbackServerContext* context,
                                 const v1::CreateInteractionRequest* request,
                                 v1::CreateInteractionResponse* response) override {
    return Delegate(context, interactions_, &InteractionApi::CreateInteraction, request, response);
  }
  grpc::ServerUnaryReactor* ListInteractions(grpc::CallbackServerContext* context,
                                 const v1::ListInteractionsRequest* request,
                                 v1::ListInteractionsResponse* response) override {
    return Delegate(context, interactions_, &InteractionApi::ListInteractions, request, response);
  }
  grpc::ServerUnaryReactor* CreateAttributeDefinition(grpc::CallbackServerContext* context,
                                 const v1::CreateAttributeDefinitionRequest* request,
                                 v1::CreateAttributeDefinitionResponse* response) override {
    return Delegate(context, attribute_definitions_, &AttributeDefinitionApi::CreateAttributeDefinition, request, response);
  }
  grpc::ServerUnaryReactor* GetAttributeDefinition(grpc::CallbackServerContext* context,
                                 const v1::GetAttributeDefinitionRequest* request,
                                 v1::GetAttributeDefinitionResponse* response) override {
    return Delegate(context, attribute_definitions_, &AttributeDefinitionApi::GetAttributeDefinition, request, response);
  }
  grpc::ServerUnaryReactor* ListAttributeDefinitions(grpc::CallbackServerContext* context,
                                 const v1::ListAttributeDefinitionsRequest* request,
                                 v1::ListAttributeDefinitionsResponse* response) override {
    return Delegate(context, attribute_definitions_, &AttributeDefinitionApi::ListAttributeDefinitions, request, response);
  }
  grpc::ServerUnaryReactor* UpdateAttributeDefinition(grpc::CallbackServerContext* context,
                                 const v1::UpdateAttributeDefinitionRequest* request,
                                 v1::UpdateAttributeDefinitionResponse* response) override {
    return Delegate(context, attribute_definitions_, &AttributeDefinitionApi::UpdateAttributeDefinition, request, response);
  }
  grpc::ServerUnaryReactor* DeleteAttributeDefinition(grpc::CallbackServerContext* context,
                                 const v1::DeleteAttributeDefinitionRequest* request,
                                 v1::DeleteAttributeDefinitionResponse* response) override {
    return Delegate(context, attribute_definitions_, &AttributeDefinitionApi::DeleteAttributeDefinition, request, response);
  }

  grpc::ServerUnaryReactor* GetSharingPolicy(grpc::CallbackServerContext* context,
                                 const v1::GetSharingPolicyRequest* request,
                                 v1::GetSharingPolicyResponse* response) override {
    return Delegate(context, sharing_, &SharingPolicyApi::GetSharingPolicy, request, response);
  }
  grpc::ServerUnaryReactor* UpdateSharingPolicy(grpc::CallbackServerContext* context,
                                 const v1::UpdateSharingPolicyRequest* request,
                                 v1::UpdateSharingPolicyResponse* response) override {
    return Delegate(context, sharing_, &SharingPolicyApi::UpdateSharingPolicy, request, response);
  }
  grpc::ServerUnaryReactor* ProposeCustomerUpdate(grpc::CallbackServerContext* context,
                                 const v1::ProposeCustomerUpdateRequest* request,
                                 v1::ProposeCustomerUpdateResponse* response) override {
    return Delegate(context, proposals_, &UpdateProposalApi::ProposeCustomerUpdate, request,
                    response);
  }
  grpc::ServerUnaryReactor* GetUpdateProposal(grpc::CallbackServerContext* context,
                                 const v1::GetUpdateProposalRequest* request,
                                 v1::GetUpdateProposalResponse* response) override {
    return Delegate(context, proposals_, &UpdateProposalApi::GetUpdateProposal, request, response);
  }
  grpc::ServerUnaryReactor* ListUpdateProposals(grpc::CallbackServerContext* context,
                                 const v1::ListUpdateProposalsRequest* request,
                                 v1::ListUpdateProposalsResponse* response) override {
    return Delegate(context, proposals_, &UpdateProposalApi::ListUpdateProposals, request,
                    response);
  }

 private:
  template <class... Args>
  grpc::ServerUnaryReactor* Delegate(Args&&... args) {
    return runtime_.calls().Delegate(std::forward<Args>(args)...);
  }
  // A customer read: its handler also gets the client's address, for the access audit log (R6).
  template <class Request, class Response>
  grpc::ServerUnaryReactor* Audited(grpc::CallbackServerContext* context,
                                    absl::Status (CustomerApi::*handler)(const auth::Principal&,
                                                                         const std::string&,
                                                                         const Request&, Response&),
                                    const Request* request, Response* response) {
    return runtime_.calls().Unary(
        context, [this, handler, request, response, peer = context->peer()](
                     const auth::Principal& who) {
          return (customers_.*handler)(who, peer, *request, *response);
        });
  }

  server::ServiceRuntime& runtime_;
  CustomerApi customers_;
  ConsentApi consent_;
  SegmentApi segments_;
  ImportApi imports_;
  AccessAuditApi audit_;
  SharingPolicyApi sharing_;
  UpdateProposalApi proposals_;
  ContactPointApi contact_points_;
  InteractionApi interactions_;
  AttributeDefinitionApi attribute_definitions_;
};

}  // namespace tmk::contacts
