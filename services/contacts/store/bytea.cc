#include "services/contacts/store/bytea.h"

#include "services/common/pg/array_literal.h"

namespace tmk::contacts {

pqxx::binarystring ByteaParam(const std::string& bytes) {
  return pqxx::binarystring(bytes.data(), bytes.size());
}

std::string ByteaText(std::string_view bytes) {
  static const char kHex[] = "0123456789abcdef";
  std::string out = "\\x";
  out.reserve(2 + bytes.size() * 2);
  for (unsigned char c : bytes) {
    out += kHex[c >> 4];
    out += kHex[c & 15];
  }
  return out;
}

std::string ByteaArrayLiteral(const std::vector<std::string>& values) {
  std::vector<std::string> literals;
  literals.reserve(values.size());
  for (const std::string& value : values) literals.push_back(ByteaText(value));
  return pg::ArrayLiteral(literals);
}

}  // namespace tmk::contacts
