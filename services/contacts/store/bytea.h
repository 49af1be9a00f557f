#pragma once
// bytea values (sealed identifiers, blind indexes) on their way to PostgreSQL: as binary
// parameters, in the hex text form ("\x0a1b…") of COPY rows and of text parameters cast with
// ::bytea, and as array literals cast with ::bytea[].
#include <pqxx/pqxx>

#include <string>
#include <string_view>
#include <vector>

namespace tmk::contacts {

// Refers to `bytes`, which must outlive the statement.
pqxx::binarystring ByteaParam(const std::string& bytes);
std::string ByteaText(std::string_view bytes);
// For `= ANY($1::bytea[])`.
std::string ByteaArrayLiteral(const std::vector<std::string>& values);

}  // namespace tmk::contacts
