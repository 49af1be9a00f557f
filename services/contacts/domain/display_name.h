#pragma once
// Names are encrypted at rest (R6), so a database can only find one by an exact blind index of a
// normalised form. The form forgives what people vary when they type a name: letter case of Latin
// names and spacing ("Alice  Wong ", "alice wong").
#include <string>
#include <string_view>

namespace tmk::contacts {

// ASCII letters lower-cased, runs of whitespace (ASCII and the ideographic space U+3000) made one
// space, none at either end. Other characters, Chinese ones included, stay as they are.
std::string NormalizeDisplayName(std::string_view name);

}  // namespace tmk::contacts
