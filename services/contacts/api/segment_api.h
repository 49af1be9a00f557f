#pragma once
// Segments and contact lists (R8): target lists built from customer attributes, never dialed blindly.
// Filters are parsed in domain/segment_filter.h; SQL lives in store/segment_store.h.
#include "services/common/auth/principal.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/store/attribute_definition_store.h"
#include "services/contacts/store/segment_store.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class SegmentApi {
 public:
  explicit SegmentApi(server::ServiceRuntime& runtime);

  absl::Status ValidateSegmentFilter(const auth::Principal& who,
      const telemarketing::contacts::v1::ValidateSegmentFilterRequest& request,
      telemarketing::contacts::v1::ValidateSegmentFilterResponse& response);
  absl::Status CreateSegment(const auth::Principal& who,
      const telemarketing::contacts::v1::CreateSegmentRequest& request,
      telemarketing::contacts::v1::CreateSegmentResponse& response);
  absl::Status GetSegment(const auth::Principal& who,
      const telemarketing::contacts::v1::GetSegmentRequest& request,
      telemarketing::contacts::v1::GetSegmentResponse& response);
  absl::Status ListSegments(const auth::Principal& who,
      const telemarketing::contacts::v1::ListSegmentsRequest& request,
      telemarketing::contacts::v1::ListSegmentsResponse& response);
  absl::Status UpdateSegment(const auth::Principal& who,
      const telemarketing::contacts::v1::UpdateSegmentRequest& request,
      telemarketing::contacts::v1::UpdateSegmentResponse& response);
  absl::Status DeleteSegment(const auth::Principal& who,
      const telemarketing::contacts::v1::DeleteSegmentRequest& request,
      telemarketing::contacts::v1::DeleteSegmentResponse& response);
  absl::Status EvaluateSegment(const auth::Principal& who,
      const telemarketing::contacts::v1::EvaluateSegmentRequest& request,
      telemarketing::contacts::v1::EvaluateSegmentResponse& response);
  absl::Status GetContactList(const auth::Principal& who,
      const telemarketing::contacts::v1::GetContactListRequest& request,
      telemarketing::contacts::v1::GetContactListResponse& response);
  absl::Status ListContactLists(const auth::Principal& who,
      const telemarketing::contacts::v1::ListContactListsRequest& request,
      telemarketing::contacts::v1::ListContactListsResponse& response);
  absl::Status ListContactListMembers(const auth::Principal& who,
      const telemarketing::contacts::v1::ListContactListMembersRequest& request,
      telemarketing::contacts::v1::ListContactListMembersResponse& response);
  absl::Status DeleteContactList(const auth::Principal& who,
      const telemarketing::contacts::v1::DeleteContactListRequest& request,
      telemarketing::contacts::v1::DeleteContactListResponse& response);

 private:
  server::ServiceRuntime& runtime_;
  SegmentStore store_;
  AttributeDefinitionStore definitions_;
};

}  // namespace tmk::contacts
