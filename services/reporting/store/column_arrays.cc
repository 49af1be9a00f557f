#include "services/reporting/store/column_arrays.h"

#include "services/common/pg/array_literal.h"

namespace tmk::reporting {

void ColumnArrays::AddRow(const std::vector<std::string>& row) {
  for (size_t i = 0; i < row.size(); ++i) columns_.at(i).push_back(row[i]);
}

pqxx::result ColumnArrays::Exec(pqxx::work& tx, const std::string& sql) const {
  std::vector<std::string> params;
  params.reserve(columns_.size());
  for (const std::vector<std::string>& column : columns_) params.push_back(pg::ArrayLiteral(column));
  return tx.exec_params(sql, pqxx::prepare::make_dynamic_params(params));
}

}  // namespace tmk::reporting
