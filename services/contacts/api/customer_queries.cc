// Reading customers (R1, R3, R5, R8): by ids, by segment filter, by free-text search, by phone
// number, and a customer's profile-change history. Phone numbers are masked as the request's
// view and the caller's role decide (customer_view.h), and every answer is written to the access
// audit log in the transaction that read it (R6).
#include <google/protobuf/util/time_util.h>

#include <set>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/page_token.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/request_fingerprint.h"
#include "services/contacts/api/customer_api.h"
#include "services/contacts/api/customer_mapping.h"
#include "services/contacts/api/customer_view.h"
#include "services/contacts/domain/customer_update.h"
#include "services/contacts/domain/segment_filter.h"
#include "services/contacts/store/segment_store.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::RoleSet;

namespace {

constexpr int kMaxBatch = 1000;

// A page size within [1, max], `fallback` for 0.
absl::StatusOr<int> PageSize(int requested, int fallback, int max, const char* field) {
  if (requested < 0 || requested > max) {
    return InvalidField(field, absl::StrCat("between 1 and ", max, ", or 0 for ", fallback));
  }
  return requested == 0 ? fallback : requested;
}

// The filter as a condition over `customers c`; TRUE when empty.
absl::StatusOr<SqlCondition> CompileFilter(const std::string& filter, const Clock& clock,
                                           const char* field) {
  if (absl::StripAsciiWhitespace(filter).empty()) return SqlCondition{"TRUE", {}};
  segment::ParseResult parsed = segment::ParseSegmentFilter(filter);
  if (!parsed.ok()) return InvalidField(field, parsed.error.Describe());
  return CompileSegmentFilter(parsed.root,
                              google::protobuf::util::TimeUtil::ToString(
                                  grpcx::ToProtoTime(clock.Now())));
}

// The page-token kind for one listing: a token is refused when the request's other fields change.
std::string TokenKind(const char* collection, google::protobuf::Message&& request_without_paging) {
  return absl::StrCat(collection, ":",
                      grpcx::RequestFingerprint(request_without_paging).substr(0, 16));
}

void Reveal(bool numbers, std::vector<v1::Customer>& customers) {
  if (numbers) return;
  for (v1::Customer& customer : customers) MaskContactPoints(customer);
}

// Requests without a ChangeContext are audited without one.
const telemarketing::common::v1::ChangeContext& NoContext() {
  return telemarketing::common::v1::ChangeContext::default_instance();
}

bool IsFieldPath(const std::string& path) {
  if (path.empty() || path.size() > 200) return false;
  for (char c : path) {
    if (!(absl::ascii_islower(c) || absl::ascii_isdigit(c) || c == '_' || c == '.' || c == '-')) {
      return false;
    }
  }
  return true;
}

}  // namespace

absl::Status CustomerApi::BatchGetCustomers(const auth::Principal& who, const std::string& peer,
                                            const v1::BatchGetCustomersRequest& request,
                                            v1::BatchGetCustomersResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, RoleSet::All(), runtime_.context().region, "read customers");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  if (request.customer_ids().empty()) v.Add("customer_ids", "at least one id");
  if (request.customer_ids_size() > kMaxBatch) {
    v.Add("customer_ids", absl::StrCat("at most ", kMaxBatch, " ids"));
  }
  std::vector<std::string> ids;
  for (int i = 0; i < request.customer_ids_size() && i <= kMaxBatch; ++i) {
    if (!Uuid::Parse(request.customer_ids(i))) {
      v.Add(absl::StrCat("customer_ids[", i, "]"), "not a customer id (a UUID)");
    } else {
      ids.push_back(absl::AsciiStrToLower(request.customer_ids(i)));
    }
  }
  if (!v.empty()) return v.ToStatus("invalid batch");
  absl::StatusOr<bool> numbers = RevealsNumbers(who, request.view(), request.context().call_id());
  if (!numbers.ok()) return numbers.status();
  std::vector<v1::Customer> found;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    found = customers_.FindMany(tx, ids);
    Reveal(*numbers, found);
    auditor_.RecordCustomers(tx, {who, peer, "BatchGetCustomers", request.context()},
                             v1::ACCESS_KIND_READ, found);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  std::set<std::string> present;
  for (v1::Customer& c : found) {
    present.insert(c.customer_id());
    *response.add_customers() = std::move(c);
  }
  for (int i = 0; i < request.customer_ids_size(); ++i) {
    if (!present.count(ids[i])) response.add_missing_customer_ids(request.customer_ids(i));
  }
  return absl::OkStatus();
}

absl::Status CustomerApi::ListCustomers(const auth::Principal& who, const std::string& peer,
                                        const v1::ListCustomersRequest& request,
                                        v1::ListCustomersResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, RoleSet::All(), runtime_.context().region, "list customers");
      !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<int> page_size = PageSize(request.page_size(), 100, 1000, "page_size");
  if (!page_size.ok()) return page_size.status();
  absl::StatusOr<bool> numbers = RevealsNumbers(who, request.view(), /*call_id=*/"");
  if (!numbers.ok()) return numbers.status();
  std::vector<std::string> order_words =
      absl::StrSplit(request.order_by(), ' ', absl::SkipWhitespace());
  CustomerStore::Order order = CustomerStore::Order::kCreateTime;
  bool descending = true;
  if (!order_words.empty()) {
    const std::string& key = order_words[0];
    bool ok = order_words.size() <= 2;
    if (key == "display_name") {
      return InvalidField("order_by", "names are encrypted at rest (R6) and cannot be ordered; "
                                      "use \"create_time\" or \"update_time\"");
    }
    if (key == "create_time") order = CustomerStore::Order::kCreateTime;
    else if (key == "update_time") order = CustomerStore::Order::kUpdateTime;
    else ok = false;
    descending = order_words.size() == 2;
    if (order_words.size() == 2 && order_words[1] != "desc") ok = false;
    if (!ok) {
      return InvalidField("order_by", "\"create_time\" or \"update_time\", optionally followed "
                                      "by \" desc\"");
    }
  }
  absl::StatusOr<SqlCondition> where =
      CompileFilter(request.filter(), runtime_.context().clock, "filter");
  if (!where.ok()) return where.status();
  v1::ListCustomersRequest shape = request;
  shape.clear_page_size();
  shape.clear_page_token();
  shape.clear_view();
  const std::string kind = TokenKind("customers", std::move(shape));
  std::optional<CustomerStore::Cursor> after;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), kind);
    std::vector<std::string> parts;
    if (cursor) parts = absl::StrSplit(*cursor, absl::MaxSplits('|', 1));
    if (parts.size() != 2 || !Uuid::Parse(parts[0])) {
      return InvalidField("page_token", "not a token of this listing (filter and order_by must "
                                        "not change between pages)");
    }
    after = CustomerStore::Cursor{parts[1], parts[0]};
  }
  std::vector<v1::Customer> page;
  std::string next;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::vector<CustomerStore::ListedId> ids = customers_.ListIds(
        tx, where->sql, where->params, order, descending, after, *page_size + 1);
    next.clear();
    if (static_cast<int>(ids.size()) > *page_size) {
      ids.pop_back();
      next = grpcx::EncodePageToken(
          kind, absl::StrCat(ids.back().customer_id, "|", ids.back().sort_key));
    }
    std::vector<std::string> wanted;
    for (const auto& id : ids) wanted.push_back(id.customer_id);
    page = customers_.FindMany(tx, wanted);
    Reveal(*numbers, page);
    auditor_.RecordCustomers(tx, {who, peer, "ListCustomers", NoContext()},
                             v1::ACCESS_KIND_SEARCH, page);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  for (v1::Customer& c : page) *response.add_customers() = std::move(c);
  response.set_next_page_token(next);
  return absl::OkStatus();
}

absl::Status CustomerApi::SearchCustomers(const auth::Principal& who, const std::string& peer,
                                          const v1::SearchCustomersRequest& request,
                                          v1::SearchCustomersResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, RoleSet::All(), runtime_.context().region, "search customers");
      !allowed.ok()) {
    return allowed;
  }
  absl::StatusOr<int> page_size = PageSize(request.page_size(), 20, 100, "page_size");
  if (!page_size.ok()) return page_size.status();
  absl::StatusOr<bool> numbers = RevealsNumbers(who, request.view(), /*call_id=*/"");
  if (!numbers.ok()) return numbers.status();
  std::string query(absl::StripAsciiWhitespace(request.query()));
  if (query.size() > 200) return InvalidField("query", "at most 200 bytes");
  absl::StatusOr<SqlCondition> where =
      CompileFilter(request.filter(), runtime_.context().clock, "filter");
  if (!where.ok()) return where.status();
  CustomerStore::SearchKeys keys;
  if (!query.empty()) {
    if (Uuid::Parse(query)) keys.customer_id = absl::AsciiStrToLower(query);
    keys.external_id = query;
    if (absl::StatusOr<NormalizedContact> phone = NormalizePhone(query, ContactKind::kUnspecified);
        phone.ok()) {
      keys.normalized_phone = phone->normalized;
    }
    keys.display_name = query;
  }
  v1::SearchCustomersRequest shape = request;
  shape.clear_page_size();
  shape.clear_page_token();
  shape.clear_view();
  const std::string kind = TokenKind("customer-search", std::move(shape));
  long long offset = 0;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), kind);
    if (!cursor || !absl::SimpleAtoi(*cursor, &offset) || offset < 0) {
      return InvalidField("page_token", "not a token of this search (query and filter must not "
                                        "change between pages)");
    }
  }
  std::vector<v1::Customer> page;
  bool more = false;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    std::vector<std::string> ids =
        customers_.SearchIds(tx, keys, where->sql, where->params, offset, *page_size + 1);
    more = static_cast<int>(ids.size()) > *page_size;
    if (more) ids.pop_back();
    page = customers_.FindMany(tx, ids);
    Reveal(*numbers, page);
    auditor_.RecordCustomers(tx, {who, peer, "SearchCustomers", NoContext()},
                             v1::ACCESS_KIND_SEARCH, page);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  for (v1::Customer& c : page) *response.add_customers() = std::move(c);
  if (more) response.set_next_page_token(grpcx::EncodePageToken(kind, absl::StrCat(offset + *page_size)));
  return absl::OkStatus();
}

absl::Status CustomerApi::LookupCustomersByPhone(const auth::Principal& who,
                                                 const std::string& peer,
                                                 const v1::LookupCustomersByPhoneRequest& request,
                                                 v1::LookupCustomersByPhoneResponse& response) {
  const std::string& region = runtime_.context().region;
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), region, "look up customers");
      !allowed.ok()) {
    return allowed;
  }
  if (request.phone_number().empty()) return InvalidField("phone_number", "required");
  absl::StatusOr<NormalizedContact> phone =
      NormalizePhone(request.phone_number(), ContactKind::kUnspecified);
  if (!phone.ok()) return InvalidField("phone_number", std::string(phone.status().message()));
  absl::StatusOr<bool> numbers = RevealsNumbers(who, request.view(), request.context().call_id());
  if (!numbers.ok()) return numbers.status();
  std::vector<v1::Customer> found;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    found = customers_.FindMany(tx, customers_.IdsByPhone(tx, phone->normalized, region, 100));
    Reveal(*numbers, found);
    auditor_.RecordCustomers(tx, {who, peer, "LookupCustomersByPhone", request.context()},
                             v1::ACCESS_KIND_LOOKUP_BY_PHONE, found);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  for (v1::Customer& c : found) *response.add_customers() = std::move(c);
  response.set_normalized_phone_number(*numbers ? phone->normalized : MaskPhone(phone->normalized));
  return absl::OkStatus();
}

absl::Status CustomerApi::ListProfileChanges(const auth::Principal& who, const std::string& peer,
                                             const v1::ListProfileChangesRequest& request,
                                             v1::ListProfileChangesResponse& response) {
  if (absl::Status allowed = auth::Authorize(who, RoleSet::All(), runtime_.context().region,
                                             "read customer history");
      !allowed.ok()) {
    return allowed;
  }
  Violations v;
  if (request.customer_id().empty()) {
    v.Add("customer_id", "required");
  } else if (!Uuid::Parse(request.customer_id())) {
    v.Add("customer_id", "not a customer id (a UUID)");
  }
  absl::StatusOr<int> page_size = PageSize(request.page_size(), 100, 1000, "page_size");
  if (!page_size.ok()) v.Add("page_size", std::string(page_size.status().message()));
  std::vector<std::string> paths;
  for (int i = 0; i < request.field_paths_size(); ++i) {
    if (!IsFieldPath(request.field_paths(i))) {
      v.Add(absl::StrCat("field_paths[", i, "]"), "a Customer field path, e.g. residence.city_code");
    }
    paths.push_back(request.field_paths(i));
  }
  if (!v.empty()) return v.ToStatus("invalid request");
  v1::ListProfileChangesRequest shape = request;
  shape.clear_page_size();
  shape.clear_page_token();
  const std::string kind = TokenKind("profile-changes", std::move(shape));
  std::string before;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), kind);
    if (!cursor || !Uuid::Parse(*cursor)) {
      return InvalidField("page_token", "not a token of this customer's history");
    }
    before = *cursor;
  }
  std::vector<v1::ProfileChange> changes;
  bool exists = true, more = false;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    exists = customers_.Exists(tx, request.customer_id());
    if (!exists) return absl::OkStatus();
    changes = history_.List(tx, request.customer_id(), paths, before, *page_size + 1);
    more = static_cast<int>(changes.size()) > *page_size;
    if (more) changes.pop_back();
    if (!SeesFullNumbers(who)) {
      for (v1::ProfileChange& c : changes) MaskProfileChange(c);
    }
    auditor_.RecordHistory(tx, {who, peer, "ListProfileChanges", NoContext()},
                           request.customer_id(), changes);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!exists) {
    return absl::NotFoundError(absl::StrCat("customer ", request.customer_id(), " not found"));
  }
  if (more) {
    response.set_next_page_token(grpcx::EncodePageToken(kind, changes.back().change_id()));
  }
  for (v1::ProfileChange& c : changes) *response.add_changes() = std::move(c);
  return absl::OkStatus();
}

}  // namespace tmk::contacts
