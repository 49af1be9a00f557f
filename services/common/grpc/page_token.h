#pragma once
// Opaque page tokens (AIP-158): base64url of "<kind>|<cursor>". The kind names the collection
// (and its scope, e.g. "members:<list_id>"), so a token replayed against another listing is
// refused rather than misread.
#include <optional>
#include <string>

namespace tmk::grpcx {

std::string EncodePageToken(const std::string& kind, const std::string& cursor);
// The cursor, or nothing when the token is malformed or belongs to another kind.
std::optional<std::string> DecodePageToken(const std::string& token, const std::string& kind);

}  // namespace tmk::grpcx
