#pragma once
// A batch's rows column by column (R26-R29 throughput): each column goes to PostgreSQL as one
// array literal that unnest() turns back into rows, so a whole batch is one statement
// ("INSERT ... SELECT ... FROM unnest($1::text[], $2::bigint[], ...)").
#include <pqxx/pqxx>

#include <string>
#include <vector>

namespace tmk::reporting {

class ColumnArrays {
 public:
  explicit ColumnArrays(size_t columns) : columns_(columns) {}

  // One row: a value per column, as text PostgreSQL reads for the column's type.
  void AddRow(const std::vector<std::string>& row);
  bool empty() const { return columns_.empty() || columns_[0].empty(); }
  // Runs `sql`, whose $1..$n are the columns' arrays in order.
  pqxx::result Exec(pqxx::work& tx, const std::string& sql) const;

 private:
  std::vector<std::vector<std::string>> columns_;
};

}  // namespace tmk::reporting
