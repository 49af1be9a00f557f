#include "services/common/pg/copy_row.h"

namespace tmk::pg {

void CopyRow::Separate() {
  if (!first_) line_ += '\t';
  first_ = false;
}

CopyRow& CopyRow::Text(std::string_view value) {
  Separate();
  size_t plain = 0;  // start of the run not yet appended
  for (size_t i = 0; i < value.size(); ++i) {
    char escaped;
    switch (value[i]) {
      case '\\': escaped = '\\'; break;
      case '\t': escaped = 't'; break;
      case '\n': escaped = 'n'; break;
      case '\r': escaped = 'r'; break;
      default: continue;
    }
    line_.append(value.data() + plain, i - plain);
    line_ += '\\';
    line_ += escaped;
    plain = i + 1;
  }
  line_.append(value.data() + plain, value.size() - plain);
  return *this;
}

CopyRow& CopyRow::Int(long long value) {
  Separate();
  line_ += std::to_string(value);
  return *this;
}

CopyRow& CopyRow::Bool(bool value) {
  Separate();
  line_ += value ? 't' : 'f';
  return *this;
}

CopyRow& CopyRow::Bytea(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  Separate();
  // "\x" + hex, its backslash escaped for the text format.
  const size_t at = line_.size();
  line_.resize(at + 3 + 2 * bytes.size());
  char* out = line_.data() + at;
  *out++ = '\\';
  *out++ = '\\';
  *out++ = 'x';
  for (unsigned char c : bytes) {
    *out++ = kHex[c >> 4];
    *out++ = kHex[c & 15];
  }
  return *this;
}

CopyRow& CopyRow::Null() {
  Separate();
  line_ += "\\N";
  return *this;
}

}  // namespace tmk::pg
