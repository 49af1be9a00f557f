#include "services/campaigns/api/contact_policy_api.h"

#include <google/protobuf/util/field_mask_util.h>
#include <google/protobuf/util/message_differencer.h>
#include <google/protobuf/util/time_util.h>

#include <set>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "services/campaigns/domain/contact_policy.h"
#include "services/campaigns/store/calling_windows_mapping.h"
#include "services/common/auth/authorization.h"
#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/grpc/resource_conventions.h"
#include "telemarketing/events/v1/campaigns_events.pb.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;
using auth::Role;
using google::protobuf::util::FieldMaskUtil;
using google::protobuf::util::MessageDifferencer;
using google::protobuf::util::TimeUtil;

namespace {

constexpr char kTopic[] = "tm.campaigns.v1";
const std::set<std::string> kEditable = {"legal_bounds", "holidays", "frequency_cap",
                                         "default_windows"};

// The live campaigns (their ids) whose calling windows the policy would exclude (R20: nothing
// may call outside the legal bounds, and a live campaign's windows are not silently clipped).
std::vector<std::string> CampaignsOutside(const std::vector<v1::Campaign>& live,
                                          const ContactPolicy& policy) {
  std::vector<std::string> outside;
  for (const v1::Campaign& campaign : live) {
    Violations v;
    CheckWithinLegalBounds(ToDomain(campaign.calling_windows()), policy, "calling_windows", v);
    if (!v.empty()) {
      outside.push_back(absl::StrCat(campaign.campaign_id(), " (", campaign.display_name(), ": ",
                                     v.list().front().description, ")"));
    }
  }
  return outside;
}

}  // namespace

ContactPolicyApi::ContactPolicyApi(server::ServiceRuntime& runtime, CampaignSnapshots&)
    : runtime_(runtime), hlc_(runtime.context().clock, runtime.context().region) {}

absl::Status ContactPolicyApi::GetContactPolicy(const auth::Principal& who,
                                                const v1::GetContactPolicyRequest&,
                                                v1::GetContactPolicyResponse& response) {
  const std::string& region = runtime_.context().region;
  // Everyone who plans, works or audits calls may know when calling is legal.
  if (absl::Status allowed = auth::Authorize(who, auth::RoleSet::All(), region,
                                             "read the contact policy");
      !allowed.ok()) {
    return allowed;
  }
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    *response.mutable_contact_policy() = policies_.Get(tx, region);
    return absl::OkStatus();
  });
}

absl::Status ContactPolicyApi::UpdateContactPolicy(const auth::Principal& who,
                                                   const v1::UpdateContactPolicyRequest& request,
                                                   v1::UpdateContactPolicyResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, {Role::kSupervisor, Role::kAdmin}, region,
                                             "update the contact policy");
      !allowed.ok()) {
    return allowed;
  }
  const v1::ContactPolicy& in = request.contact_policy();
  std::set<std::string> paths;
  {
    Violations v;
    grpcx::CheckRequestId(request.request_id(), v);
    if (request.update_mask().paths().empty()) v.Add("update_mask", "name the fields to change");
    for (int i = 0; i < request.update_mask().paths_size(); ++i) {
      const std::string& path = request.update_mask().paths(i);
      if (kEditable.count(path) == 0) {
        v.Add(absl::StrCat("update_mask.paths[", i, "]"),
              absl::StrCat("'", path.substr(0, 64),
                           "' cannot be changed; use legal_bounds, holidays, frequency_cap or "
                           "default_windows"));
      }
      paths.insert(path);
    }
    if (!in.region_id().empty() && in.region_id() != region) {
      v.Add("contact_policy.region_id",
            absl::StrCat("this server governs region '", region, "' only"));
    }
    if (!v.empty()) return v.ToStatus("invalid update");
  }
  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!request.request_id().empty()) {
      if (auto earlier = policies_.FindRequest(tx, request.request_id())) {
        if (earlier->fingerprint != fingerprint) return grpcx::ReusedRequestId();
        *response.mutable_contact_policy() = policies_.Get(tx, region);
        return absl::OkStatus();
      }
    }
    const v1::ContactPolicy before = policies_.Get(tx, region);
    if (in.revision() != 0 && in.revision() != before.revision()) {
      return grpcx::RevisionMismatch(in.revision(), before.revision(), "contact policy");
    }
    v1::ContactPolicy merged = before;
    FieldMaskUtil::MergeOptions replace;
    replace.set_replace_message_fields(true);
    replace.set_replace_repeated_fields(true);
    FieldMaskUtil::MergeMessageTo(in, request.update_mask(), replace, &merged);
    ContactPolicy policy = ToDomain(merged);
    // Default windows kept from before follow narrower bounds ("always clipped"); those the
    // request gives are judged as given.
    if (paths.count("default_windows") == 0) policy = WithPolicyDefaults(std::move(policy));
    Violations v;
    CheckContactPolicy(policy, "contact_policy", v);
    if (!v.empty()) return v.ToStatus("invalid contact policy");
    policy = WithPolicyDefaults(std::move(policy));

    const std::vector<std::string> outside = CampaignsOutside(campaigns_.ListLive(tx), policy);
    if (!outside.empty()) {
      return WithReason(
          absl::FailedPreconditionError(absl::StrCat(
              "the new policy would exclude the calling windows of live campaigns: ",
              absl::StrJoin(outside, "; "),
              ". Narrow their windows, or pause and complete them, first (R20)")),
          "CAMPAIGN_WINDOWS_OUTSIDE_LEGAL_BOUNDS");
    }

    v1::ContactPolicy after;
    ToProto(policy, &after);
    after.set_region_id(region);
    after.set_revision(before.revision());
    if (!request.request_id().empty()) {
      policies_.SaveRequest(tx, request.request_id(), {region, fingerprint});
    }
    if (MessageDifferencer::Equals(after, before)) {
      *response.mutable_contact_policy() = before;  // nothing changed
      return absl::OkStatus();
    }
    after.set_revision(before.revision() + 1);
    const std::string update_time = TimeUtil::ToString(grpcx::ToProtoTime(clock.Now()));
    if (!policies_.Save(tx, after, before.revision(), update_time)) {
      return grpcx::RevisionMismatch(before.revision(), policies_.Get(tx, region).revision(),
                              "contact policy");
    }
    telemarketing::events::v1::ContactPolicySnapshot snapshot;
    *snapshot.mutable_contact_policy() = after;
    snapshot.set_region_id(region);
    *snapshot.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
    events::AppendToOutbox(tx, events::MakeEvent(kTopic, "contact-policy:" + region,
                                                 "contact-policies/" + region, snapshot, clock));
    *response.mutable_contact_policy() = std::move(after);
    return absl::OkStatus();
  });
}

}  // namespace tmk::campaigns
