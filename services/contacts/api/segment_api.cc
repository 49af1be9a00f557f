#include "services/contacts/api/segment_api.h"

#include <google/protobuf/util/time_util.h>

#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/page_token.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/contacts/api/attribute_mapping.h"
#include "services/contacts/domain/segment_filter.h"
#include "services/contacts/domain/segment_filter_attributes.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;
using auth::Role;
using auth::RoleSet;
using google::protobuf::util::TimeUtil;

namespace {

// Supervisors and admins build target lists (R8); integrators (campaign loaders) may read them.
// Agents see neither: a list is a set of customers chosen for a campaign, not a work queue.
constexpr RoleSet kManage{Role::kSupervisor, Role::kAdmin};
constexpr RoleSet kRead{Role::kSupervisor, Role::kAdmin, Role::kIntegrator};

constexpr size_t kMaxRequestId = 128;
constexpr size_t kMaxDisplayName = 200;
constexpr size_t kMaxDescription = 2000;

void CheckRequestId(const std::string& request_id, Violations& v) {
  if (request_id.empty()) {
    v.Add("request_id", "required");
  } else if (request_id.size() > kMaxRequestId) {
    v.Add("request_id", absl::StrCat("at most ", kMaxRequestId, " characters"));
  }
}

void CheckId(const std::string& field, const std::string& id, Violations& v, bool required = true) {
  if (id.empty()) {
    if (required) v.Add(field, "required");
  } else if (!Uuid::Parse(id)) {
    v.Add(field, "not an id (a UUID)");
  }
}

// Parses a filter, recording a violation on `field` (with its column) when it is bad.
std::optional<segment::FilterNode> ParseFilter(const std::string& field, const std::string& text,
                                               Violations& v) {
  if (text.empty()) {
    v.Add(field, "required");
    return std::nullopt;
  }
  segment::ParseResult parsed = segment::ParseSegmentFilter(text);
  if (!parsed.ok()) {
    v.Add(field, parsed.error.Describe());
    return std::nullopt;
  }
  return std::move(parsed.root);
}

// The filter's custom attributes against their definitions (R1): a violation on `field` when one
// is undefined or compared with a literal of another type.
absl::Status CheckAttributes(pqxx::work& tx, const AttributeDefinitionStore& definitions,
                             const std::string& field, const segment::FilterNode& filter) {
  std::vector<std::string> keys = segment::FilterAttributeKeys(filter);
  if (keys.empty()) return absl::OkStatus();
  absl::Status checked =
      segment::CheckFilterAttributes(filter, LoadDefinitions(tx, definitions, keys));
  if (checked.ok()) return checked;
  return InvalidField(field, std::string(checked.message()));
}

absl::Status ReusedRequestId() {
  return WithReason(absl::AlreadyExistsError("request_id was already used for a different request"),
                    "REQUEST_ID_REUSED");
}

// Page sizes: 0 means the default, above the maximum is clamped (AIP-158), negative is invalid.
int PageSize(int requested, int default_size, int max_size, Violations& v) {
  if (requested < 0) {
    v.Add("page_size", "must not be negative");
    return default_size;
  }
  if (requested == 0) return default_size;
  return std::min(requested, max_size);
}

// Opaque page tokens: the collection they page, its scope (a segment or list id) and the last key
// returned, so a token is refused when replayed against another collection.
std::string EncodeToken(std::string_view collection, const std::string& scope,
                        const std::string& last) {
  return grpcx::EncodePageToken(absl::StrCat(std::string(collection), ":", scope), last);
}

std::optional<std::string> DecodeToken(const std::string& token, std::string_view collection,
                                       const std::string& scope, Violations& v) {
  if (token.empty()) return std::string();
  std::optional<std::string> last =
      grpcx::DecodePageToken(token, absl::StrCat(std::string(collection), ":", scope));
  if (last && Uuid::Parse(*last)) return last;
  v.Add("page_token", "not a page token from this request's previous response");
  return std::nullopt;
}

}  // namespace

SegmentApi::SegmentApi(server::ServiceRuntime& runtime) : runtime_(runtime) {}

absl::Status SegmentApi::ValidateSegmentFilter(const auth::Principal& who,
                                               const v1::ValidateSegmentFilterRequest& request,
                                               v1::ValidateSegmentFilterResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kRead, runtime_.context().region, "validate segment filters");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  std::optional<segment::FilterNode> filter = ParseFilter("filter", request.filter(), v);
  if (!v.empty()) return v.ToStatus("invalid filter");
  std::string at = TimeUtil::ToString(grpcx::ToProtoTime(runtime_.context().clock.Now()));
  absl::StatusOr<SqlCondition> condition = CompileSegmentFilter(*filter, at);
  if (!condition.ok()) return InvalidField("filter", std::string(condition.status().message()));
  response.set_normalized_filter(segment::PrintSegmentFilter(*filter));
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (absl::Status attributes = CheckAttributes(tx, definitions_, "filter", *filter);
        !attributes.ok()) {
      return attributes;
    }
    if (request.count_matches()) {
      response.set_matching_customer_count(store_.CountMatches(tx, *condition));
    }
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::CreateSegment(const auth::Principal& who,
                                       const v1::CreateSegmentRequest& request,
                                       v1::CreateSegmentResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kManage, region, "create segments");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckRequestId(request.request_id(), v);
  const v1::Segment& in = request.segment();
  if (in.display_name().empty()) v.Add("segment.display_name", "required");
  if (in.display_name().size() > kMaxDisplayName) {
    v.Add("segment.display_name", absl::StrCat("at most ", kMaxDisplayName, " bytes"));
  }
  if (in.description().size() > kMaxDescription) {
    v.Add("segment.description", absl::StrCat("at most ", kMaxDescription, " bytes"));
  }
  std::optional<segment::FilterNode> filter = ParseFilter("segment.filter", in.filter(), v);
  if (!v.empty()) return v.ToStatus();

  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  v1::Segment segment;
  segment.set_segment_id(NewId(clock));
  segment.set_region_id(region);
  segment.set_display_name(in.display_name());
  segment.set_description(in.description());
  segment.set_filter(in.filter());
  segment.set_normalized_filter(segment::PrintSegmentFilter(*filter));
  segment.mutable_creator()->set_actor_id(who.subject);
  segment.mutable_creator()->set_role(grpcx::ToProtoRole(who));
  *segment.mutable_create_time() = grpcx::ToProtoTime(clock.Now());

  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = store_.FindRequest(tx, request.request_id())) {
      if (earlier->method != "CreateSegment" || earlier->fingerprint != fingerprint) {
        return ReusedRequestId();
      }
      auto stored = store_.FindSegment(tx, earlier->result_id);
      if (!stored) return absl::InternalError("idempotency record without its segment");
      *response.mutable_segment() = stored->segment;
      return absl::OkStatus();
    }
    if (absl::Status attributes = CheckAttributes(tx, definitions_, "segment.filter", *filter);
        !attributes.ok()) {
      return attributes;
    }
    store_.InsertSegment(tx, segment);
    store_.SaveRequest(tx, request.request_id(),
                       {"CreateSegment", fingerprint, segment.segment_id()});
    *response.mutable_segment() = store_.FindSegment(tx, segment.segment_id())->segment;
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::GetSegment(const auth::Principal& who,
                                    const v1::GetSegmentRequest& request,
                                    v1::GetSegmentResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, kRead, runtime_.context().region, "read segments");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckId("segment_id", request.segment_id(), v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    auto stored = store_.FindSegment(tx, request.segment_id());
    if (!stored || stored->deleted) {
      return absl::NotFoundError(absl::StrCat("segment ", request.segment_id(), " not found"));
    }
    *response.mutable_segment() = stored->segment;
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::ListSegments(const auth::Principal& who,
                                      const v1::ListSegmentsRequest& request,
                                      v1::ListSegmentsResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, kRead, runtime_.context().region, "list segments");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  int page_size = PageSize(request.page_size(), 100, 1000, v);
  std::optional<std::string> after = DecodeToken(request.page_token(), "segments", "", v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    std::vector<v1::Segment> page = store_.ListSegments(tx, *after, page_size + 1);
    bool more = static_cast<int>(page.size()) > page_size;
    if (more) page.pop_back();
    for (v1::Segment& s : page) *response.add_segments() = std::move(s);
    if (more) {
      response.set_next_page_token(EncodeToken("segments", "", response.segments(response.segments_size() - 1).segment_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::UpdateSegment(const auth::Principal& who,
                                       const v1::UpdateSegmentRequest& request,
                                       v1::UpdateSegmentResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kManage, runtime_.context().region, "update segments");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckRequestId(request.request_id(), v);
  const v1::Segment& in = request.segment();
  CheckId("segment.segment_id", in.segment_id(), v);
  std::set<std::string> paths;
  if (request.update_mask().paths_size() == 0) v.Add("update_mask", "required");
  for (const std::string& path : request.update_mask().paths()) {
    if (path == "display_name" || path == "description" || path == "filter") {
      paths.insert(path);
    } else {
      v.Add("update_mask", absl::StrCat("'", path.substr(0, 64),
                                        "' cannot be updated; use display_name, description, filter"));
    }
  }
  if (paths.count("display_name")) {
    if (in.display_name().empty()) v.Add("segment.display_name", "required");
    if (in.display_name().size() > kMaxDisplayName) {
      v.Add("segment.display_name", absl::StrCat("at most ", kMaxDisplayName, " bytes"));
    }
  }
  if (paths.count("description") && in.description().size() > kMaxDescription) {
    v.Add("segment.description", absl::StrCat("at most ", kMaxDescription, " bytes"));
  }
  std::optional<segment::FilterNode> filter;
  if (paths.count("filter")) filter = ParseFilter("segment.filter", in.filter(), v);
  if (!v.empty()) return v.ToStatus();

  const std::string fingerprint = grpcx::RequestFingerprint(request);
  const Clock& clock = runtime_.context().clock;
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = store_.FindRequest(tx, request.request_id())) {
      if (earlier->method != "UpdateSegment" || earlier->fingerprint != fingerprint) {
        return ReusedRequestId();
      }
      auto stored = store_.FindSegment(tx, earlier->result_id);
      if (!stored) return absl::InternalError("idempotency record without its segment");
      *response.mutable_segment() = stored->segment;
      return absl::OkStatus();
    }
    if (filter) {
      if (absl::Status attributes = CheckAttributes(tx, definitions_, "segment.filter", *filter);
          !attributes.ok()) {
        return attributes;
      }
    }
    auto stored = store_.FindSegment(tx, in.segment_id(), /*for_update=*/true);
    if (!stored || stored->deleted) {
      return absl::NotFoundError(absl::StrCat("segment ", in.segment_id(), " not found"));
    }
    if (!in.etag().empty() && in.etag() != stored->segment.etag()) {
      return WithReason(absl::AbortedError("the segment changed since it was read (etag)"),
                        "ETAG_MISMATCH");
    }
    v1::Segment updated = stored->segment;
    if (paths.count("display_name")) updated.set_display_name(in.display_name());
    if (paths.count("description")) updated.set_description(in.description());
    if (filter) {
      updated.set_filter(in.filter());
      updated.set_normalized_filter(segment::PrintSegmentFilter(*filter));
    }
    *updated.mutable_update_time() = grpcx::ToProtoTime(clock.Now());
    store_.UpdateSegment(tx, updated);
    store_.SaveRequest(tx, request.request_id(), {"UpdateSegment", fingerprint, in.segment_id()});
    *response.mutable_segment() = store_.FindSegment(tx, in.segment_id())->segment;
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::DeleteSegment(const auth::Principal& who,
                                       const v1::DeleteSegmentRequest& request,
                                       v1::DeleteSegmentResponse&) {
  if (absl::Status allowed =
          auth::Authorize(who, kManage, runtime_.context().region, "delete segments");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckRequestId(request.request_id(), v);
  CheckId("segment_id", request.segment_id(), v);
  if (!v.empty()) return v.ToStatus();
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  std::string at = TimeUtil::ToString(grpcx::ToProtoTime(runtime_.context().clock.Now()));
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = store_.FindRequest(tx, request.request_id())) {
      if (earlier->method != "DeleteSegment" || earlier->fingerprint != fingerprint) {
        return ReusedRequestId();
      }
      return absl::OkStatus();
    }
    auto stored = store_.FindSegment(tx, request.segment_id(), /*for_update=*/true);
    if (!stored || stored->deleted) {
      return absl::NotFoundError(absl::StrCat("segment ", request.segment_id(), " not found"));
    }
    if (!request.etag().empty() && request.etag() != stored->segment.etag()) {
      return WithReason(absl::AbortedError("the segment changed since it was read (etag)"),
                        "ETAG_MISMATCH");
    }
    store_.DeleteSegment(tx, request.segment_id(), at);
    store_.SaveRequest(tx, request.request_id(),
                       {"DeleteSegment", fingerprint, request.segment_id()});
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::EvaluateSegment(const auth::Principal& who,
                                         const v1::EvaluateSegmentRequest& request,
                                         v1::EvaluateSegmentResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kManage, region, "evaluate segments");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckRequestId(request.request_id(), v);
  CheckId("segment_id", request.segment_id(), v);
  if (request.list_display_name().size() > kMaxDisplayName) {
    v.Add("list_display_name", absl::StrCat("at most ", kMaxDisplayName, " bytes"));
  }
  if (!common::ContactPurpose_IsValid(request.purpose())) v.Add("purpose", "unknown purpose");
  if (!common::ContactChannel_IsValid(request.channel())) v.Add("channel", "unknown channel");
  if (request.purpose() == common::CONTACT_PURPOSE_UNSPECIFIED &&
      (request.channel() != common::CONTACT_CHANNEL_UNSPECIFIED || !request.campaign_id().empty())) {
    v.Add("purpose", "required when channel or campaign_id is set (they qualify the callability check)");
  }
  if (request.campaign_id().size() > kMaxRequestId) {
    v.Add("campaign_id", absl::StrCat("at most ", kMaxRequestId, " characters"));
  }
  if (!v.empty()) return v.ToStatus();

  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  SegmentStore::Evaluation e;
  e.list_id = NewId(clock);
  e.segment_id = request.segment_id();
  e.purpose = request.purpose();
  e.channel = request.purpose() == common::CONTACT_PURPOSE_UNSPECIFIED ? 0
              : request.channel() == common::CONTACT_CHANNEL_UNSPECIFIED
                  ? static_cast<int>(common::CONTACT_CHANNEL_VOICE)
                  : static_cast<int>(request.channel());
  e.campaign_id = request.campaign_id();
  e.region_id = region;
  e.creator_id = who.subject;
  e.creator_role = grpcx::ToProtoRole(who);
  e.at = TimeUtil::ToString(grpcx::ToProtoTime(clock.Now()));

  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = store_.FindRequest(tx, request.request_id())) {
      if (earlier->method != "EvaluateSegment" || earlier->fingerprint != fingerprint) {
        return ReusedRequestId();
      }
      auto list = store_.FindList(tx, earlier->result_id);
      if (!list) {
        return WithReason(absl::FailedPreconditionError(
                              "the list this request made has since been deleted"),
                          "LIST_DELETED");
      }
      *response.mutable_contact_list() = *std::move(list);
      return absl::OkStatus();
    }
    // Locked, so an update cannot change the filter between reading and evaluating it.
    auto stored = store_.FindSegment(tx, request.segment_id(), /*for_update=*/true);
    if (!stored) {
      return absl::NotFoundError(absl::StrCat("segment ", request.segment_id(), " not found"));
    }
    if (stored->deleted) {
      return WithReason(absl::FailedPreconditionError(
                            absl::StrCat("segment ", request.segment_id(), " is deleted")),
                        "SEGMENT_DELETED");
    }
    segment::ParseResult parsed = segment::ParseSegmentFilter(stored->segment.normalized_filter());
    if (!parsed.ok()) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "the segment's filter is no longer valid: ", parsed.error.Describe())),
                        "SEGMENT_FILTER_INVALID");
    }
    e.normalized_filter = stored->segment.normalized_filter();
    e.display_name = request.list_display_name().empty()
                         ? absl::StrCat(stored->segment.display_name(), " ", e.at.substr(0, 10))
                         : request.list_display_name();
    *response.mutable_contact_list() = store_.Evaluate(tx, e, parsed.root);
    store_.SaveRequest(tx, request.request_id(), {"EvaluateSegment", fingerprint, e.list_id});
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::GetContactList(const auth::Principal& who,
                                        const v1::GetContactListRequest& request,
                                        v1::GetContactListResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kRead, runtime_.context().region, "read contact lists");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckId("list_id", request.list_id(), v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    auto list = store_.FindList(tx, request.list_id());
    if (!list) return absl::NotFoundError(absl::StrCat("contact list ", request.list_id(), " not found"));
    *response.mutable_contact_list() = *std::move(list);
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::ListContactLists(const auth::Principal& who,
                                          const v1::ListContactListsRequest& request,
                                          v1::ListContactListsResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kRead, runtime_.context().region, "list contact lists");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckId("segment_id", request.segment_id(), v, /*required=*/false);
  int page_size = PageSize(request.page_size(), 100, 1000, v);
  std::optional<std::string> after =
      DecodeToken(request.page_token(), "lists", request.segment_id(), v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    std::vector<v1::ContactList> page =
        store_.ListLists(tx, request.segment_id(), *after, page_size + 1);
    bool more = static_cast<int>(page.size()) > page_size;
    if (more) page.pop_back();
    for (v1::ContactList& l : page) *response.add_contact_lists() = std::move(l);
    if (more) {
      response.set_next_page_token(
          EncodeToken("lists", request.segment_id(), response.contact_lists(response.contact_lists_size() - 1).list_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::ListContactListMembers(const auth::Principal& who,
                                                const v1::ListContactListMembersRequest& request,
                                                v1::ListContactListMembersResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kRead, runtime_.context().region, "read contact list members");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckId("list_id", request.list_id(), v);
  int page_size = PageSize(request.page_size(), 1000, 10000, v);
  std::optional<std::string> after =
      DecodeToken(request.page_token(), "members", request.list_id(), v);
  if (!v.empty()) return v.ToStatus();
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    response.Clear();
    auto list = store_.FindList(tx, request.list_id());
    if (!list) return absl::NotFoundError(absl::StrCat("contact list ", request.list_id(), " not found"));
    if (list->state() != v1::CONTACT_LIST_STATE_READY) {
      return WithReason(absl::FailedPreconditionError("the contact list is not READY"),
                        "LIST_NOT_READY");
    }
    std::vector<v1::ContactListMember> page =
        store_.ListMembers(tx, request.list_id(), *after, page_size + 1);
    bool more = static_cast<int>(page.size()) > page_size;
    if (more) page.pop_back();
    for (v1::ContactListMember& m : page) *response.add_members() = std::move(m);
    if (more) {
      response.set_next_page_token(
          EncodeToken("members", request.list_id(), response.members(response.members_size() - 1).customer_id()));
    }
    return absl::OkStatus();
  });
}

absl::Status SegmentApi::DeleteContactList(const auth::Principal& who,
                                           const v1::DeleteContactListRequest& request,
                                           v1::DeleteContactListResponse&) {
  if (absl::Status allowed =
          auth::Authorize(who, kManage, runtime_.context().region, "delete contact lists");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  CheckRequestId(request.request_id(), v);
  CheckId("list_id", request.list_id(), v);
  if (!v.empty()) return v.ToStatus();
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = store_.FindRequest(tx, request.request_id())) {
      if (earlier->method != "DeleteContactList" || earlier->fingerprint != fingerprint) {
        return ReusedRequestId();
      }
      return absl::OkStatus();
    }
    if (!store_.DeleteList(tx, request.list_id())) {
      return absl::NotFoundError(absl::StrCat("contact list ", request.list_id(), " not found"));
    }
    store_.SaveRequest(tx, request.request_id(),
                       {"DeleteContactList", fingerprint, request.list_id()});
    return absl::OkStatus();
  });
}

}  // namespace tmk::contacts
