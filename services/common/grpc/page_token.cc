#include "services/common/grpc/page_token.h"

#include "absl/strings/escaping.h"

namespace tmk::grpcx {
namespace {
constexpr size_t kMaxTokenLength = 1024;
}  // namespace

std::string EncodePageToken(const std::string& kind, const std::string& cursor) {
  return absl::WebSafeBase64Escape(kind + "|" + cursor);
}

std::optional<std::string> DecodePageToken(const std::string& token, const std::string& kind) {
  std::string raw;
  if (token.size() > kMaxTokenLength || !absl::WebSafeBase64Unescape(token, &raw)) {
    return std::nullopt;
  }
  std::string prefix = kind + "|";
  if (raw.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return raw.substr(prefix.size());
}

}  // namespace tmk::grpcx
