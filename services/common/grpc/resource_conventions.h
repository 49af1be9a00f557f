#pragma once
// The resource-API conventions every service's handlers share: an optional request_id of at most
// 128 characters (AIP-155; a reuse with another request is ALREADY_EXISTS / REQUEST_ID_REUSED), a
// given non-zero revision that must match (ABORTED / REVISION_MISMATCH), pages of 50 by default
// and at most 1000 (AIP-158) with opaque tokens carrying the last key.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/status/status.h"
#include "services/common/core/status_details.h"

namespace tmk::grpcx {

void CheckRequestId(const std::string& request_id, Violations& violations);
// `field` must hold an id (a UUID): "required" or "not a(n) <what> id (a UUID)" otherwise.
void CheckResourceId(const std::string& id, const std::string& field, std::string_view what,
                     Violations& violations);

absl::Status ReusedRequestId();
absl::Status RevisionMismatch(int64_t given, int64_t current, std::string_view what);

// The number of items a page holds: 0 means 50, more than 1000 is clamped, negative is refused.
int PageLimit(int page_size, Violations& violations);

// Whether a page cursor is a well-formed key of its collection; UUIDs unless told otherwise.
using CursorCheck = bool (*)(const std::string& key);
bool IsUuidKey(const std::string& key);

// The key after which a page starts ("" for the first page); a token of another listing `kind`
// (which names the collection and its filter), or one whose key `is_key` refuses, is refused on
// "page_token".
std::optional<std::string> PageCursor(const std::string& page_token, const std::string& kind,
                                      Violations& violations, CursorCheck is_key = IsUuidKey);
std::string NextPageToken(const std::string& kind, const std::string& last_key);

}  // namespace tmk::grpcx
