#include "services/contacts/api/interaction_api.h"

#include <google/protobuf/util/time_util.h>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/contacts/domain/interaction_rules.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::Role;
using auth::RoleSet;
using google::protobuf::util::TimeUtil;

namespace {

// The services that own the referenced records attach them (integrators), people too.
constexpr RoleSet kAttaches{Role::kIntegrator, Role::kAgent, Role::kSupervisor, Role::kAdmin};
constexpr int kDefaultPageSize = 100;
constexpr int kMaxPageSize = 1000;

// A page cursor is "<occur_time RFC 3339>|<interaction_id>".
bool IsInteractionCursor(const std::string& key) {
  size_t bar = key.find('|');
  google::protobuf::Timestamp t;
  return bar != std::string::npos && TimeUtil::FromString(key.substr(0, bar), &t) &&
         Uuid::Parse(key.substr(bar + 1)).has_value();
}

NewInteraction ToNewInteraction(const v1::Interaction& i) {
  NewInteraction n;
  n.customer_id = i.customer_id();
  n.kind = static_cast<int>(i.kind());
  n.reference_id = i.reference_id();
  n.service = i.service();
  n.region_id = i.region_id();
  n.call_id = i.call_id();
  n.campaign_id = i.campaign_id();
  n.contact_point_id = i.contact_point_id();
  n.has_occur_time = i.has_occur_time();
  n.occur_time_valid = i.occur_time().seconds() >= TimeUtil::kTimestampMinSeconds &&
                       i.occur_time().seconds() <= TimeUtil::kTimestampMaxSeconds &&
                       i.occur_time().nanos() >= 0 && i.occur_time().nanos() < 1000000000;
  n.summary = i.summary();
  return n;
}

}  // namespace

absl::Status InteractionApi::CreateInteraction(const auth::Principal& who,
                                               const v1::CreateInteractionRequest& request,
                                               v1::CreateInteractionResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kAttaches, region, "attach interactions");
      !allowed.ok()) {
    return allowed;
  }
  {
    Violations v;
    grpcx::CheckRequestId(request.request_id(), v);
    for (const FieldViolation& f :
         FieldViolationsOf(ValidateNewInteraction(ToNewInteraction(request.interaction())))) {
      v.Add(f.field, f.description);
    }
    if (!v.empty()) return v.ToStatus("invalid interaction");
  }
  const Clock& clock = runtime_.context().clock;
  const v1::Interaction& in = request.interaction();

  auto replay = [&](pqxx::work& tx, const std::string& interaction_id) -> absl::Status {
    std::optional<v1::Interaction> found = interactions_.Find(tx, interaction_id);
    if (!found) return absl::NotFoundError("the interaction this request attached is gone");
    *response.mutable_interaction() = *std::move(found);
    return absl::OkStatus();
  };
  auto attach = [&](pqxx::work& tx, std::string& interaction_id) -> absl::Status {
    if (!customers_.Exists(tx, in.customer_id())) {
      return absl::NotFoundError(absl::StrCat("customer ", in.customer_id(), " not found"));
    }
    v1::Interaction interaction = in;
    interaction.set_interaction_id(NewId(clock));
    if (interaction.region_id().empty()) interaction.set_region_id(region);
    // Stored to the microsecond: answer now as a later read will.
    interaction.mutable_occur_time()->set_nanos(interaction.occur_time().nanos() / 1000 * 1000);
    *interaction.mutable_create_time() = grpcx::ToProtoTime(clock.Now());
    // The same reference attached before (or by a concurrent request) answers as it was (R4).
    if (!interactions_.Insert(tx, interaction)) {
      std::optional<v1::Interaction> first =
          interactions_.FindByReference(tx, interaction.kind(), interaction.reference_id());
      if (!first) return absl::AbortedError("the interaction changed concurrently; retry");
      if (first->customer_id() != interaction.customer_id()) {
        return WithReason(absl::AlreadyExistsError(absl::StrCat(
                              "reference ", interaction.reference_id(), " of this kind is "
                              "attached to another customer")),
                          "INTERACTION_ATTACHED_ELSEWHERE");
      }
      interaction = *std::move(first);
    }
    interaction_id = interaction.interaction_id();
    *response.mutable_interaction() = std::move(interaction);
    return absl::OkStatus();
  };
  return runtime_.pool().Transact([&](pqxx::work& tx) {
    return pg::RunIdempotent(tx, requests_, "CreateInteraction", request.request_id(),
                             grpcx::RequestFingerprint(request), replay, attach);
  });
}

absl::Status InteractionApi::ListInteractions(const auth::Principal& who,
                                              const v1::ListInteractionsRequest& request,
                                              v1::ListInteractionsResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), region, "read interactions");
      !allowed.ok()) {
    return allowed;
  }
  std::vector<int> kinds(request.kinds().begin(), request.kinds().end());
  Violations v;
  grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", v);
  for (const FieldViolation& f : FieldViolationsOf(ValidateInteractionKinds(kinds))) {
    v.Add(f.field, f.description);
  }
  if (request.page_size() < 0) v.Add("page_size", "must not be negative");
  const std::string listing =
      absl::StrCat("interactions:", request.customer_id(), ":", absl::StrJoin(kinds, ","));
  std::optional<std::string> cursor =
      grpcx::PageCursor(request.page_token(), listing, v, IsInteractionCursor);
  if (!v.empty()) return v.ToStatus();
  const int limit = request.page_size() == 0 ? kDefaultPageSize
                                             : std::min(request.page_size(), kMaxPageSize);
  std::optional<InteractionStore::Cursor> after;
  if (!cursor->empty()) {
    size_t bar = cursor->find('|');
    after = InteractionStore::Cursor{cursor->substr(0, bar), cursor->substr(bar + 1)};
  }
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!customers_.Exists(tx, request.customer_id())) {
      return absl::NotFoundError(absl::StrCat("customer ", request.customer_id(), " not found"));
    }
    std::vector<v1::Interaction> page =
        interactions_.List(tx, request.customer_id(), kinds, after, limit + 1);
    const bool more = static_cast<int>(page.size()) > limit;
    if (more) page.resize(limit);
    for (v1::Interaction& i : page) *response.add_interactions() = std::move(i);
    if (more) {
      const v1::Interaction& last = response.interactions(limit - 1);
      response.set_next_page_token(grpcx::NextPageToken(
          listing, absl::StrCat(TimeUtil::ToString(last.occur_time()), "|", last.interaction_id())));
    }
    return absl::OkStatus();
  });
}

}  // namespace tmk::contacts
