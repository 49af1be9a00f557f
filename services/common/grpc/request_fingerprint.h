#pragma once
// Idempotent mutations (AIP-155): a retried request_id returns the first result only when the
// request is the same one; its fingerprint tells a retry from a reuse.
#include <string>

namespace google::protobuf {
class Message;
}

namespace tmk::grpcx {

// Hex SHA-256 of the message's deterministic serialization (map order cannot change it).
std::string RequestFingerprint(const google::protobuf::Message& request);

}  // namespace tmk::grpcx
