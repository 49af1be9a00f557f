#pragma once
// CSV as spreadsheets export it (RFC 4180): comma-separated, fields optionally in double quotes
// with "" for a quote, quoted fields may span lines, CRLF or LF, an optional UTF-8 BOM. Used by
// `tmctl contacts import` to turn a file into ImportRows; pure, so it is tested without a server.
#include <cstdint>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "absl/status/statusor.h"

namespace tmk::contacts {

struct CsvRecord {
  int64_t line_number = 0;  // the physical line the record starts on (1 = the first line)
  std::vector<std::string> values;
};

class CsvReader {
 public:
  explicit CsvReader(std::istream& in) : in_(in) {}

  // The next record, nothing at the end of input; INVALID_ARGUMENT for a quote left open at the
  // end of the file (naming the line it opened on). Blank lines are skipped.
  absl::StatusOr<std::optional<CsvRecord>> Next();

 private:
  std::istream& in_;
  int64_t line_ = 0;  // physical lines consumed so far
  bool bom_checked_ = false;
};

// Parses one complete record from a string (tests, and single-line input).
absl::StatusOr<std::vector<std::string>> ParseCsvLine(const std::string& line);

}  // namespace tmk::contacts
