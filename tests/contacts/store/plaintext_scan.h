#pragma once
// Looks for personal data in clear in a whole schema (R6): every column of every table, whatever
// its type, read back as stored bytes.
#include <pqxx/pqxx>

#include <set>
#include <string>
#include <vector>

namespace tmk::contacts {

// "table.column" of every column in `schema` holding one of `needles` anywhere in one of its
// values (bytea as its bytes, everything else as text).
inline std::set<std::string> ColumnsContaining(pqxx::work& tx, const std::string& schema,
                                               const std::vector<std::string>& needles) {
  std::set<std::string> found;
  pqxx::result columns = tx.exec_params(
      "SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c"
      " JOIN information_schema.tables t USING (table_schema, table_name)"
      " WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE'",
      schema);
  for (const auto& column : columns) {
    const std::string table = column[0].as<std::string>(), name = column[1].as<std::string>();
    const bool bytea = column[2].as<std::string>() == "bytea";
    pqxx::result values = tx.exec(
        "SELECT " + tx.quote_name(name) + (bytea ? "" : "::text") + " FROM " +
        tx.quote_name(schema) + "." + tx.quote_name(table) + " WHERE " + tx.quote_name(name) +
        " IS NOT NULL");
    for (const auto& value : values) {
      const std::string bytes =
          bytea ? pqxx::binarystring(value[0]).str() : value[0].as<std::string>();
      for (const std::string& needle : needles) {
        if (bytes.find(needle) != std::string::npos) found.insert(table + "." + name);
      }
    }
  }
  return found;
}

}  // namespace tmk::contacts
