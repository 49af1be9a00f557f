#include "services/common/grpc/resource_conventions.h"

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/page_token.h"

namespace tmk::grpcx {
namespace {

constexpr size_t kMaxRequestId = 128;
constexpr int kDefaultPageSize = 50;
constexpr int kMaxPageSize = 1000;

}  // namespace

void CheckRequestId(const std::string& request_id, Violations& v) {
  if (request_id.size() > kMaxRequestId) {
    v.Add("request_id", absl::StrCat("at most ", kMaxRequestId, " characters"));
  }
}

void CheckResourceId(const std::string& id, const std::string& field, std::string_view what,
                     Violations& v) {
  if (id.empty()) {
    v.Add(field, "required");
  } else if (!Uuid::Parse(id)) {
    const bool vowel = !what.empty() && std::string_view("aeiou").find(what[0]) != what.npos;
    v.Add(field, absl::StrCat(vowel ? "not an " : "not a ", std::string(what), " id (a UUID)"));
  }
}

absl::Status ReusedRequestId() {
  return WithReason(
      absl::AlreadyExistsError("request_id was already used for a different request"),
      "REQUEST_ID_REUSED");
}

absl::Status RevisionMismatch(int64_t given, int64_t current, std::string_view what) {
  return WithReason(absl::AbortedError(absl::StrCat("revision ", given, " is stale; the ",
                                                    std::string(what), " is at ", current,
                                                    ": read it again and retry")),
                    "REVISION_MISMATCH");
}

int PageLimit(int page_size, Violations& v) {
  if (page_size < 0) v.Add("page_size", "must not be negative");
  if (page_size <= 0) return kDefaultPageSize;
  return std::min(page_size, kMaxPageSize);
}

bool IsUuidKey(const std::string& key) { return Uuid::Parse(key).has_value(); }

std::optional<std::string> PageCursor(const std::string& page_token, const std::string& kind,
                                      Violations& v, CursorCheck is_key) {
  if (page_token.empty()) return std::string();
  std::optional<std::string> last = DecodePageToken(page_token, kind);
  if (last && is_key(*last)) return last;
  v.Add("page_token", "not a token of this listing");
  return std::nullopt;
}

std::string NextPageToken(const std::string& kind, const std::string& last_key) {
  return EncodePageToken(kind, last_key);
}

}  // namespace tmk::grpcx
