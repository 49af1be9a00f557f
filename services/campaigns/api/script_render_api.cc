// Rendering (R9): a campaign's approved script version (or a pilot variant's, R14; or any
// approved version, as an editor preview) filled with one customer's data from contacts, masked
// as the campaign requires (R6); and the merge fields scripts may use.
#include <algorithm>
#include <ctime>
#include <set>
#include <vector>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "services/campaigns/api/script_api.h"
#include "services/campaigns/api/script_mapping.h"
#include "services/campaigns/domain/merge_field_catalog.h"
#include "services/campaigns/domain/merge_field_values.h"
#include "services/campaigns/domain/script_renderer.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/page_token.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/resource_conventions.h"

namespace tmk::campaigns {
namespace v1 = telemarketing::campaigns::v1;

namespace {

int UtcYear(TimePoint at) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(at);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  return utc.tm_year + 1900;
}

}  // namespace

absl::Status ScriptApi::RenderScript(const auth::Principal& who,
                                     const v1::RenderScriptRequest& request,
                                     v1::RenderScriptResponse& response) {
  if (absl::Status allowed = Authorize(who, kRenderers, "render scripts"); !allowed.ok()) {
    return allowed;
  }
  const bool preview = request.script_version() != 0 || !request.script_id().empty();
  Violations violations;
  grpcx::CheckResourceId(request.customer_id(), "customer_id", "customer", violations);
  if (preview) {
    grpcx::CheckResourceId(request.script_id(), "script_id", "script", violations);
    CheckVersion(request.script_version(), "script_version", violations);
    if (!request.campaign_id().empty() && !Uuid::Parse(request.campaign_id())) {
      violations.Add("campaign_id", "not a campaign id (a UUID)");
    }
  } else {
    grpcx::CheckResourceId(request.campaign_id(), "campaign_id", "campaign", violations);
  }
  if (!violations.empty()) return violations.ToStatus();

  CampaignScriptRef ref{request.script_id(), request.script_version(), "", {}};
  if (!preview) {
    absl::StatusOr<CampaignScriptRef> resolved =
        campaign_scripts_.ScriptFor(request.campaign_id(), request.customer_id());
    if (!resolved.ok()) return resolved.status();
    ref = *std::move(resolved);
  }
  absl::StatusOr<v1::ScriptVersion> version = absl::NotFoundError("");
  absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    version = scripts_.GetVersion(tx, ref.script_id, ref.script_version);
    return absl::OkStatus();
  });
  if (!read.ok()) return read;
  if (!version.ok()) return version.status();
  if (!IsApprovedContent(version->state())) {
    return WithReason(
        absl::FailedPreconditionError(absl::StrCat(
            "version ", ref.script_version, " of script ", ref.script_id, " is ",
            std::string(ScriptVersionStateName(static_cast<ScriptVersionState>(version->state()))),
            ": only approved versions are rendered")),
        "SCRIPT_NOT_APPROVED");
  }
  // Outside any transaction: never hold a connection while waiting on contacts.
  absl::StatusOr<telemarketing::contacts::v1::Customer> customer =
      customers_.GetCustomer(who, request.customer_id());
  if (!customer.ok()) return customer.status();

  const TimePoint now = runtime_.context().clock.Now();
  // Fields masked by default stay masked unless the campaign lists them as visible (R6 data
  // minimisation); an editor preview shows the defaults.
  const std::set<std::string> visible(ref.visible_customer_fields.begin(),
                                      ref.visible_customer_fields.end());
  RenderedDocument rendered = campaigns::RenderScript(
      ToDocument(*version), MergeValuesFor(ToCustomerView(*customer), UtcYear(now), visible));
  v1::RenderedScript& out = *response.mutable_rendered_script();
  out.set_campaign_id(request.campaign_id());
  out.set_customer_id(request.customer_id());
  out.set_variant_id(ref.variant_id);
  *out.mutable_content() = *std::move(version);
  SetContent(rendered.document, *out.mutable_content());
  for (std::string& path : rendered.missing_fields) out.add_missing_fields(std::move(path));
  *out.mutable_render_time() = grpcx::ToProtoTime(now);
  return absl::OkStatus();
}

absl::Status ScriptApi::ListMergeFields(const auth::Principal& who,
                                        const v1::ListMergeFieldsRequest& request,
                                        v1::ListMergeFieldsResponse& response) {
  if (absl::Status allowed = Authorize(who, auth::RoleSet::All(), "read merge fields");
      !allowed.ok()) {
    return allowed;
  }
  const std::vector<MergeFieldSpec>& catalog = MergeFieldCatalog();
  Violations violations;
  const size_t limit = grpcx::PageLimit(request.page_size(), violations);
  size_t offset = 0;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor =
        grpcx::DecodePageToken(request.page_token(), "merge-fields");
    if (!cursor || !absl::SimpleAtoi(*cursor, &offset) || offset > catalog.size()) {
      violations.Add("page_token", "not a token of this listing");
    }
  }
  if (!violations.empty()) return violations.ToStatus("invalid listing");
  const size_t end = std::min(catalog.size(), offset + limit);
  for (size_t i = offset; i < end; ++i) *response.add_merge_fields() = ToProto(catalog[i]);
  if (end < catalog.size()) {
    response.set_next_page_token(grpcx::EncodePageToken("merge-fields", absl::StrCat(end)));
  }
  return absl::OkStatus();
}

}  // namespace tmk::campaigns
