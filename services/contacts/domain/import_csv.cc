#include "services/contacts/domain/import_csv.h"

#include <sstream>

#include "absl/strings/str_cat.h"

namespace tmk::contacts {

absl::StatusOr<std::optional<CsvRecord>> CsvReader::Next() {
  std::string line;
  while (true) {
    if (!std::getline(in_, line)) return std::optional<CsvRecord>();
    ++line_;
    if (!bom_checked_) {
      bom_checked_ = true;
      if (line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    }
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (!line.empty()) break;
  }
  CsvRecord record;
  record.line_number = line_;
  std::string field;
  bool quoted = false;      // inside a quoted section
  bool was_quoted = false;  // the current field started with a quote
  size_t i = 0;
  while (true) {
    if (i == line.size()) {
      if (!quoted) break;
      // A quoted field goes on over the line break.
      std::string more;
      if (!std::getline(in_, more)) {
        return absl::InvalidArgumentError(
            absl::StrCat("line ", record.line_number, ": a quoted field is never closed"));
      }
      ++line_;
      if (!more.empty() && more.back() == '\r') more.pop_back();
      field += '\n';
      line = std::move(more);
      i = 0;
      continue;
    }
    char c = line[i++];
    if (quoted) {
      if (c == '"') {
        if (i < line.size() && line[i] == '"') {
          field += '"';
          ++i;
        } else {
          quoted = false;
        }
      } else {
        field += c;
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      record.values.push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else {
      field += c;  // a stray quote inside an unquoted field is kept as text
    }
  }
  record.values.push_back(std::move(field));
  return std::optional<CsvRecord>(std::move(record));
}

absl::StatusOr<std::vector<std::string>> ParseCsvLine(const std::string& line) {
  std::istringstream in(line);
  CsvReader reader(in);
  absl::StatusOr<std::optional<CsvRecord>> record = reader.Next();
  if (!record.ok()) return record.status();
  if (!*record) return std::vector<std::string>{};
  return std::move((*record)->values);
}

}  // namespace tmk::contacts
