#pragma once
// One row of COPY's text format, built directly as the line PostgreSQL reads: libpqxx 6.4's
// stream_to turns every cell into a string and escapes it again, which costs bulk loads (the
// contacts import, R1) more than sealing the rows does. Cells are appended in column order and
// escaped once; bytea goes in hex, never through an intermediate "\x…" string. Stream a row whole
// with `stream << std::tie(row)`.
#include <pqxx/stream_to>

#include <string>
#include <string_view>

namespace tmk::pg {

class CopyRow {
 public:
  // Text, escaped as COPY's text format wants (backslash, tab, newline, carriage return).
  CopyRow& Text(std::string_view value);
  CopyRow& Int(long long value);
  CopyRow& Bool(bool value);
  CopyRow& Bytea(std::string_view bytes);
  CopyRow& Null();

  // The row without its line end.
  const std::string& line() const { return line_; }

 private:
  void Separate();

  std::string line_;
  bool first_ = true;
};

}  // namespace tmk::pg

namespace pqxx::internal {

// stream_to escapes each cell of a tuple through TypedCopyEscaper; a CopyRow is a whole row
// already escaped, so it goes out as it is (stream_to::write_raw_line is private in 6.4).
template <>
inline std::string TypedCopyEscaper::operator()<tmk::pg::CopyRow>(
    const tmk::pg::CopyRow* row) const {
  return row->line();
}

}  // namespace pqxx::internal
