#pragma once
// PostgreSQL array literals for `= ANY($1::text[])` / `$1::uuid[]` parameters: libpqxx 6.4 has no
// array parameter binding, so a list travels as one text parameter in array syntax.
#include <string>
#include <vector>

namespace tmk::pg {

// `{"a","b"}` with every element quoted and escaped, so any text is safe; casts to text[] or
// uuid[] alike.
std::string ArrayLiteral(const std::vector<std::string>& values);

}  // namespace tmk::pg
