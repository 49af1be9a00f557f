#include "services/contacts/api/consent_api.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/time_util.h>
#include <openssl/sha.h>

#include <map>
#include <set>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/events/outbox.h"
#include "services/common/events/proto_event.h"
#include "services/common/grpc/page_token.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/common/log/logger.h"
#include "services/contacts/domain/callability.h"
#include "services/contacts/domain/consent_rules.h"
#include "services/contacts/domain/phone_number.h"
#include "telemarketing/events/v1/contacts_events.pb.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
namespace common = telemarketing::common::v1;
using auth::Role;
using auth::RoleSet;
using google::protobuf::util::TimeUtil;

namespace {

constexpr char kTopic[] = "tm.contact-consent.v1";
constexpr RoleSet kRecordsConsent{Role::kAgent, Role::kSupervisor, Role::kAdmin};
constexpr RoleSet kManagesDnc{Role::kSupervisor, Role::kAdmin};
// Dialing (role system) records a customer's refusal made on a call (R6); it never removes one.
constexpr RoleSet kCreatesDnc{Role::kSupervisor, Role::kAdmin, Role::kSystem};
constexpr RoleSet kReadsDnc{Role::kAgent, Role::kSupervisor, Role::kAdmin, Role::kIntegrator};
constexpr RoleSet kChecksCallable{Role::kIntegrator, Role::kSupervisor, Role::kAdmin, Role::kAgent};
// Roles that see full phone numbers in DNC entries; agents get masked ones (R6 minimisation).
constexpr RoleSet kSeesFullNumbers{Role::kSupervisor, Role::kAdmin, Role::kIntegrator};

absl::Status RequestIdReused() {
  return WithReason(absl::AlreadyExistsError("request_id was already used for a different request"),
                    "REQUEST_ID_REUSED");
}

void CheckPageSize(int page_size, Violations& violations) {
  if (page_size < 0 || page_size > ConsentLimits::kMaxPageSize) {
    violations.Add("page_size", "must be between 0 and 1000 (0 means 100)");
  }
}

void MaskFor(const auth::Principal& who, v1::DncEntry& entry) {
  if (entry.phone_number().empty() || auth::HasAnyRole(who, kSeesFullNumbers)) return;
  entry.set_phone_number(MaskPhone(entry.phone_number()));
  entry.set_masked(true);
}

absl::Status NotFound(const std::string& what, const std::string& id) {
  return absl::NotFoundError(absl::StrCat(what, " ", id, " not found"));
}

}  // namespace

ConsentApi::ConsentApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
                       HybridLogicalClock& hlc)
    : runtime_(runtime),
      cipher_(cipher),
      hlc_(hlc),
      dnc_(cipher) {}

absl::Status ConsentApi::RecordConsent(const auth::Principal& who,
                                       const v1::RecordConsentRequest& request,
                                       v1::RecordConsentResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kRecordsConsent, region, "record consent");
      !allowed.ok()) {
    return allowed;
  }
  const Clock& clock = runtime_.context().clock;
  const TimePoint now = clock.Now();
  const v1::Consent& in = request.consent();
  ConsentDecision decision{request.request_id(), in.customer_id(), static_cast<int>(in.channel()),
                           static_cast<int>(in.purpose()), static_cast<int>(in.state()),
                           in.source(), in.evidence(), std::nullopt, std::nullopt};
  if (in.has_effective_time()) decision.effective_time = grpcx::FromProtoTime(in.effective_time());
  if (in.has_expire_time()) decision.expire_time = grpcx::FromProtoTime(in.expire_time());
  if (absl::Status valid = ValidateConsentDecision(decision, now); !valid.ok()) return valid;

  const std::string fingerprint = grpcx::RequestFingerprint(request);
  v1::Consent consent;
  consent.set_consent_id(NewId(clock));
  consent.set_customer_id(in.customer_id());
  consent.set_channel(in.channel());
  consent.set_purpose(in.purpose());
  consent.set_state(in.state());
  consent.set_source(in.source());
  consent.set_evidence(in.evidence());
  *consent.mutable_effective_time() = in.has_effective_time() ? in.effective_time() : grpcx::ToProtoTime(now);
  if (in.state() == v1::CONSENT_STATE_GRANTED && in.has_expire_time()) {
    *consent.mutable_expire_time() = in.expire_time();
  }
  consent.set_call_id(in.call_id().empty() ? request.context().call_id() : in.call_id());
  *consent.mutable_actor() = grpcx::ActorOf(who, region);
  *consent.mutable_record_time() = grpcx::ToProtoTime(now);
  consent.set_region_id(region);

  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = consents_.FindRequest(tx, request.request_id())) {
      if (earlier->fingerprint != fingerprint) return RequestIdReused();
      std::optional<v1::Consent> stored = consents_.Find(tx, earlier->consent_id);
      if (!stored) return absl::InternalError("idempotency record without its consent");
      *response.mutable_consent() = *std::move(stored);
      return absl::OkStatus();
    }
    std::optional<std::string> owner = consents_.CustomerRegion(tx, consent.customer_id());
    if (!owner) return NotFound("customer", consent.customer_id());
    if (*owner != region) {
      return WithReason(absl::FailedPreconditionError(absl::StrCat(
                            "customer ", consent.customer_id(), " belongs to region ", *owner)),
                        "NOT_OWNER", {{"owner_region_id", *owner}});
    }
    *consent.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
    consents_.Insert(tx, consent, request.request_id(), fingerprint);

    telemarketing::events::v1::ConsentChanged event;
    *event.mutable_consent() = consent;
    event.set_region_id(region);
    *event.mutable_hlc() = consent.hlc();
    event.set_owner_region_id(*owner);
    events::AppendToOutbox(tx, events::MakeEvent(kTopic, consent.customer_id(),
                                                 "customers/" + consent.customer_id(), event,
                                                 clock));
    *response.mutable_consent() = consent;
    return absl::OkStatus();
  });
}

absl::Status ConsentApi::ListConsents(const auth::Principal& who,
                                      const v1::ListConsentsRequest& request,
                                      v1::ListConsentsResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), region, "read consent");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  if (request.customer_id().empty()) {
    violations.Add("customer_id", "required");
  } else if (!Uuid::Parse(request.customer_id())) {
    violations.Add("customer_id", "not a customer id (a UUID)");
  }
  CheckPageSize(request.page_size(), violations);
  const std::string kind = request.show_history() ? "consent-history" : "consent-current";
  std::string after_id;
  std::optional<std::pair<int, int>> after_key;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), kind);
    bool ok = cursor.has_value();
    if (ok && request.show_history()) {
      ok = Uuid::Parse(*cursor).has_value();
      if (ok) after_id = *cursor;
    } else if (ok) {
      std::vector<std::string> parts = absl::StrSplit(*cursor, ':');
      int channel = 0, purpose = 0;
      ok = parts.size() == 2 && absl::SimpleAtoi(parts[0], &channel) &&
           absl::SimpleAtoi(parts[1], &purpose);
      if (ok) after_key = std::make_pair(channel, purpose);
    }
    if (!ok) violations.Add("page_token", "not a token from this listing (was show_history changed?)");
  }
  if (!violations.empty()) return violations.ToStatus();
  const int limit = EffectivePageSize(request.page_size());

  std::vector<v1::Consent> page;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!consents_.CustomerRegion(tx, request.customer_id())) {
      return NotFound("customer", request.customer_id());
    }
    page = request.show_history()
               ? consents_.ListHistory(tx, request.customer_id(), limit + 1, after_id)
               : consents_.ListCurrent(tx, request.customer_id(), limit + 1, after_key);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  bool more = static_cast<int>(page.size()) > limit;
  if (more) page.resize(limit);
  for (v1::Consent& c : page) *response.add_consents() = std::move(c);
  if (more) {
    const v1::Consent& last = response.consents(response.consents_size() - 1);
    response.set_next_page_token(
        request.show_history()
            ? grpcx::EncodePageToken(kind, last.consent_id())
            : grpcx::EncodePageToken(kind, absl::StrCat(static_cast<int>(last.channel()), ":",
                                             static_cast<int>(last.purpose()))));
  }
  return absl::OkStatus();
}

absl::Status ConsentApi::CreateDncEntry(const auth::Principal& who,
                                        const v1::CreateDncEntryRequest& request,
                                        v1::CreateDncEntryResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kCreatesDnc, region, "manage do-not-call entries");
      !allowed.ok()) {
    return allowed;
  }
  const Clock& clock = runtime_.context().clock;
  const TimePoint now = clock.Now();
  const v1::DncEntry& in = request.dnc_entry();
  NewDncEntry candidate{request.request_id(), static_cast<int>(in.scope()),
                        static_cast<int>(in.reason()), static_cast<int>(in.channel()),
                        in.region_id(), in.campaign_id(), in.customer_id(), in.phone_number(),
                        in.reason_note(), std::nullopt};
  if (in.has_expire_time()) candidate.expire_time = grpcx::FromProtoTime(in.expire_time());
  absl::StatusOr<std::string> e164 = ValidateNewDncEntry(candidate, now);
  if (!e164.ok()) return e164.status();

  const std::string fingerprint = grpcx::RequestFingerprint(request);
  v1::DncEntry entry;
  entry.set_dnc_entry_id(NewId(clock));
  entry.set_scope(in.scope());
  // Region scope names the region it applies to (default: ours); other scopes record ours.
  entry.set_region_id(in.scope() == v1::DNC_SCOPE_REGION && !in.region_id().empty() ? in.region_id()
                                                                                    : region);
  entry.set_campaign_id(in.campaign_id());
  entry.set_customer_id(in.customer_id());
  entry.set_phone_number(*e164);
  entry.set_channel(in.channel());
  entry.set_reason(in.reason());
  entry.set_reason_note(in.reason_note());
  if (in.has_expire_time()) *entry.mutable_expire_time() = in.expire_time();
  entry.set_call_id(in.call_id().empty() ? request.context().call_id() : in.call_id());
  *entry.mutable_actor() = grpcx::ActorOf(who, region);
  *entry.mutable_create_time() = grpcx::ToProtoTime(now);

  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = dnc_.FindRequest(tx, request.request_id())) {
      if (earlier->method != "create" || earlier->fingerprint != fingerprint) {
        return RequestIdReused();
      }
      std::optional<DncStore::Stored> stored = dnc_.Find(tx, earlier->dnc_entry_id);
      if (!stored) return absl::InternalError("idempotency record without its entry");
      *response.mutable_dnc_entry() = stored->entry;
      return absl::OkStatus();
    }
    if (!entry.customer_id().empty() && !consents_.CustomerRegion(tx, entry.customer_id())) {
      return NotFound("customer", entry.customer_id());
    }
    dnc_.Insert(tx, entry);
    dnc_.SaveRequest(tx, request.request_id(), {"create", fingerprint, entry.dnc_entry_id()});
    telemarketing::events::v1::DoNotCallChanged event;
    *event.mutable_dnc_entry() = entry;
    event.set_removed(false);
    event.set_region_id(region);
    *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
    // Keyed by the entry (contacts_events.proto): a number-only entry has no customer.
    events::AppendToOutbox(tx, events::MakeEvent(kTopic, entry.dnc_entry_id(),
                                                 "dncEntries/" + entry.dnc_entry_id(), event,
                                                 clock));
    *response.mutable_dnc_entry() = entry;
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  MaskFor(who, *response.mutable_dnc_entry());
  return absl::OkStatus();
}

absl::Status ConsentApi::GetDncEntry(const auth::Principal& who,
                                     const v1::GetDncEntryRequest& request,
                                     v1::GetDncEntryResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kReadsDnc, region, "read do-not-call entries");
      !allowed.ok()) {
    return allowed;
  }
  if (request.dnc_entry_id().empty()) return InvalidField("dnc_entry_id", "required");
  if (!Uuid::Parse(request.dnc_entry_id())) {
    return InvalidField("dnc_entry_id", "not a do-not-call entry id (a UUID)");
  }
  std::optional<DncStore::Stored> found;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    found = dnc_.Find(tx, request.dnc_entry_id());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  // A lifted entry is gone for clients; ListDncEntries(show_inactive) still shows it.
  if (!found || found->lifted) return NotFound("do-not-call entry", request.dnc_entry_id());
  *response.mutable_dnc_entry() = std::move(found->entry);
  MaskFor(who, *response.mutable_dnc_entry());
  return absl::OkStatus();
}

absl::Status ConsentApi::ListDncEntries(const auth::Principal& who,
                                        const v1::ListDncEntriesRequest& request,
                                        v1::ListDncEntriesResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kReadsDnc, region, "read do-not-call entries");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  CheckPageSize(request.page_size(), violations);
  DncStore::Filter filter;
  if (!request.customer_id().empty()) {
    if (!Uuid::Parse(request.customer_id())) {
      violations.Add("customer_id", "not a customer id (a UUID)");
    }
    filter.customer_id = request.customer_id();
  }
  if (!request.phone_number().empty()) {
    absl::StatusOr<NormalizedContact> phone =
        NormalizePhone(request.phone_number(), ContactKind::kUnspecified);
    if (phone.ok()) {
      filter.phone_index = cipher_.ContactIndex(phone->normalized);
    } else {
      violations.Add("phone_number", std::string(phone.status().message()));
    }
  }
  if (request.scope() < 0 || request.scope() > v1::DNC_SCOPE_CAMPAIGN) {
    violations.Add("scope", "not a DncScope value");
  }
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), "dnc");
    if (!cursor || !Uuid::Parse(*cursor)) {
      violations.Add("page_token", "not a token from ListDncEntries");
    } else {
      filter.after_id = *cursor;
    }
  }
  if (!violations.empty()) return violations.ToStatus();
  filter.scope = static_cast<int>(request.scope());
  filter.campaign_id = request.campaign_id();
  filter.show_inactive = request.show_inactive();
  filter.now = runtime_.context().clock.Now();
  const int limit = EffectivePageSize(request.page_size());
  filter.limit = limit + 1;

  std::vector<v1::DncEntry> page;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    page = dnc_.List(tx, filter);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  bool more = static_cast<int>(page.size()) > limit;
  if (more) page.resize(limit);
  for (v1::DncEntry& entry : page) {
    MaskFor(who, entry);
    *response.add_dnc_entries() = std::move(entry);
  }
  if (more) {
    response.set_next_page_token(grpcx::EncodePageToken(
        "dnc", response.dnc_entries(response.dnc_entries_size() - 1).dnc_entry_id()));
  }
  return absl::OkStatus();
}

absl::Status ConsentApi::DeleteDncEntry(const auth::Principal& who,
                                        const v1::DeleteDncEntryRequest& request,
                                        v1::DeleteDncEntryResponse&) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kManagesDnc, region, "manage do-not-call entries");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  if (request.request_id().empty()) {
    violations.Add("request_id", "required (an idempotency key)");
  } else if (request.request_id().size() > ConsentLimits::kMaxRequestId) {
    violations.Add("request_id", "at most 128 characters");
  }
  if (request.dnc_entry_id().empty()) {
    violations.Add("dnc_entry_id", "required");
  } else if (!Uuid::Parse(request.dnc_entry_id())) {
    violations.Add("dnc_entry_id", "not a do-not-call entry id (a UUID)");
  }
  if (!violations.empty()) return violations.ToStatus();
  const Clock& clock = runtime_.context().clock;
  const std::string fingerprint = grpcx::RequestFingerprint(request);

  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (auto earlier = dnc_.FindRequest(tx, request.request_id())) {
      if (earlier->method != "delete" || earlier->fingerprint != fingerprint) return RequestIdReused();
      return absl::OkStatus();  // already lifted by this very request
    }
    std::optional<DncStore::Stored> found = dnc_.Find(tx, request.dnc_entry_id());
    if (!found || !dnc_.Lift(tx, request.dnc_entry_id(), clock.Now(), who.subject,
                             request.context().reason())) {
      return NotFound("do-not-call entry", request.dnc_entry_id());
    }
    dnc_.SaveRequest(tx, request.request_id(), {"delete", fingerprint, request.dnc_entry_id()});
    telemarketing::events::v1::DoNotCallChanged event;
    *event.mutable_dnc_entry() = found->entry;
    event.set_removed(true);
    event.set_region_id(region);
    *event.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
    events::AppendToOutbox(tx, events::MakeEvent(kTopic, request.dnc_entry_id(),
                                                 "dncEntries/" + request.dnc_entry_id(), event,
                                                 clock));
    log::Info("do-not-call entry lifted", {{"dnc_entry_id", request.dnc_entry_id()},
                                           {"actor", who.subject}});
    return absl::OkStatus();
  });
}

namespace {

// One query, validated and normalised; a number travels as its blind index (R6).
struct Query {
  std::string customer_id;
  std::string contact_point_id;
  std::string phone_index;
};

bool IsPhone(int type) {
  return type == v1::CONTACT_POINT_TYPE_MOBILE || type == v1::CONTACT_POINT_TYPE_FIXED_LINE;
}

}  // namespace

absl::Status ConsentApi::CheckCallable(const auth::Principal& who,
                                       const v1::CheckCallableRequest& request,
                                       v1::CheckCallableResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, kChecksCallable, region, "check callability");
      !allowed.ok()) {
    return allowed;
  }
  Violations violations;
  if (request.queries_size() < 1 || request.queries_size() > ConsentLimits::kMaxCallableQueries) {
    violations.Add("queries", "between 1 and 1000 queries");
  }
  if (request.purpose() < common::CONTACT_PURPOSE_MARKETING ||
      request.purpose() > common::ContactPurpose_MAX) {
    violations.Add("purpose", "required: one of the ContactPurpose values");
  }
  if (request.channel() < 0 || request.channel() > common::ContactChannel_MAX) {
    violations.Add("channel", "not a ContactChannel value");
  }
  if (request.campaign_id().size() > 128) violations.Add("campaign_id", "at most 128 characters");
  std::vector<Query> queries;
  for (int i = 0; i < request.queries_size() && i < ConsentLimits::kMaxCallableQueries; ++i) {
    const v1::CallableQuery& q = request.queries(i);
    const std::string path = absl::StrCat("queries[", i, "]");
    Query query;
    if (!q.phone_number().empty()) {
      if (!q.customer_id().empty() || !q.contact_point_id().empty()) {
        violations.Add(path, "set either phone_number or customer_id (with contact_point_id)");
      }
      absl::StatusOr<NormalizedContact> phone =
          NormalizePhone(q.phone_number(), ContactKind::kUnspecified);
      if (phone.ok()) {
        query.phone_index = cipher_.ContactIndex(phone->normalized);
      } else {
        violations.Add(path + ".phone_number", std::string(phone.status().message()));
      }
    } else if (q.customer_id().empty()) {
      violations.Add(path + ".customer_id", "required unless phone_number is set");
    }
    if (!q.customer_id().empty() && !Uuid::Parse(q.customer_id())) {
      violations.Add(path + ".customer_id", "not a customer id (a UUID)");
    }
    if (!q.contact_point_id().empty() && !Uuid::Parse(q.contact_point_id())) {
      violations.Add(path + ".contact_point_id", "not a contact point id (a UUID)");
    }
    query.customer_id = q.customer_id();
    query.contact_point_id = q.contact_point_id();
    queries.push_back(std::move(query));
  }
  if (!violations.empty()) return violations.ToStatus("invalid callability check");

  CallableCheck check;
  check.purpose = static_cast<ContactPurpose>(request.purpose());
  check.channel = request.channel() == common::CONTACT_CHANNEL_UNSPECIFIED
                      ? ContactChannel::kVoice
                      : static_cast<ContactChannel>(request.channel());
  check.region_id = region;
  check.campaign_id = request.campaign_id();
  check.at = request.has_check_time() ? grpcx::FromProtoTime(request.check_time()) : runtime_.context().clock.Now();

  // Everything the verdicts need, read in one transaction with set-wise queries.
  std::set<std::string> existing;
  std::map<std::string, std::vector<ConsentStore::Point>> points_of;  // by customer
  std::map<std::string, std::vector<ConsentStore::Point>> points_with;  // by number index
  std::vector<DncStore::Target> dnc;
  std::map<std::string, std::vector<ConsentFact>> histories;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::set<std::string> customer_set, phone_indexes;
    for (const Query& q : queries) {
      if (!q.customer_id.empty()) customer_set.insert(q.customer_id);
      if (!q.phone_index.empty()) phone_indexes.insert(q.phone_index);
    }
    std::vector<std::string> customers(customer_set.begin(), customer_set.end());
    existing = consents_.ExistingCustomers(tx, customers);
    points_of.clear();
    points_with.clear();
    for (ConsentStore::Point& p : consents_.PointsOfCustomers(tx, customers)) {
      points_of[p.customer_id].push_back(std::move(p));
    }
    const std::vector<std::string> queried(phone_indexes.begin(), phone_indexes.end());
    for (ConsentStore::Point& p : consents_.PointsWithIndexes(tx, queried)) {
      customer_set.insert(p.customer_id);
      points_with[p.value_index].push_back(std::move(p));
    }
    for (const auto& [customer, points] : points_of) {
      for (const auto& p : points) if (IsPhone(p.type)) phone_indexes.insert(p.value_index);
    }
    customers.assign(customer_set.begin(), customer_set.end());
    dnc = dnc_.ForTargets(tx, customers, {phone_indexes.begin(), phone_indexes.end()});
    histories = consents_.Histories(tx, customers, check.channel, check.purpose);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;

  auto add_verdict = [&](int index, const std::string& customer_id, const std::string& point_id,
                         const CallableFacts& facts, const std::string& phone_index) {
    CallableFacts with = facts;
    for (const DncStore::Target& t : dnc) {
      bool names_customer = !customer_id.empty() && t.customer_id == customer_id;
      bool names_number = !phone_index.empty() && t.phone_index == phone_index;
      if (names_customer || names_number) with.dnc.push_back(t.fact);
    }
    if (auto it = histories.find(customer_id); it != histories.end()) with.consents = it->second;
    CallableVerdict verdict = EvaluateCallable(with, check);
    v1::CallableVerdict* out = response.add_verdicts();
    out->set_query_index(index);
    out->set_customer_id(customer_id);
    out->set_contact_point_id(point_id);
    out->set_callable(verdict.callable);
    for (NonCallableReason r : verdict.reasons) {
      out->add_reasons(static_cast<v1::NonCallableReason>(r));
    }
    for (const std::string& id : verdict.dnc_entry_ids) out->add_dnc_entry_ids(id);
    if (verdict.callable_after) *out->mutable_callable_after() = grpcx::ToProtoTime(*verdict.callable_after);
  };
  auto add_point = [&](int index, const ConsentStore::Point& p) {
    CallableFacts facts;
    facts.is_phone = IsPhone(p.type);
    facts.status = static_cast<PointStatus>(p.status);
    add_verdict(index, p.customer_id, p.contact_point_id, facts,
                facts.is_phone ? p.value_index : "");
  };

  for (int i = 0; i < static_cast<int>(queries.size()); ++i) {
    const Query& q = queries[i];
    if (!q.phone_index.empty()) {
      auto it = points_with.find(q.phone_index);
      if (it == points_with.end()) {
        CallableFacts facts;  // a number of no customer here: DNC by number, consent absent
        facts.has_customer = false;
        add_verdict(i, "", "", facts, q.phone_index);
      } else {
        for (const auto& p : it->second) add_point(i, p);
      }
      continue;
    }
    if (!existing.count(q.customer_id)) {
      CallableFacts facts;
      facts.customer_found = false;
      add_verdict(i, q.customer_id, q.contact_point_id, facts, "");
      continue;
    }
    const std::vector<ConsentStore::Point>& points = points_of[q.customer_id];
    bool any = false;
    for (const auto& p : points) {
      if (!q.contact_point_id.empty() ? p.contact_point_id == q.contact_point_id : IsPhone(p.type)) {
        add_point(i, p);
        any = true;
      }
    }
    if (!any) {
      CallableFacts facts;
      facts.point_found = false;
      add_verdict(i, q.customer_id, q.contact_point_id, facts, "");
    }
  }
  return absl::OkStatus();
}

}  // namespace tmk::contacts
