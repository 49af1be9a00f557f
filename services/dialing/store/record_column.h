#pragma once
// A protobuf record as a bytea column through libpqxx 6.4, both ways: the call, runtime, order
// and compliance stores keep whole messages beside the columns they filter on.
#include <pqxx/pqxx>

#include <string>

namespace tmk::dialing {

template <typename Message>
pqxx::binarystring RecordBytes(const Message& message) {
  return pqxx::binarystring(message.SerializeAsString());
}

template <typename Message>
Message ReadRecord(const pqxx::field& field) {
  Message out;
  out.ParseFromString(pqxx::binarystring(field).str());
  return out;
}

}  // namespace tmk::dialing
