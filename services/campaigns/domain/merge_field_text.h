#pragma once
// Merge fields inside script text (R9), e.g. "您好，{{customer.display_name}}{{customer.salutation}}".
// The syntax is a dotted lower-case path between double braces, spaces allowed around it, and
// nothing else: no filters, conditions or expressions, so rendering is plain substitution and never
// executes anything a script author wrote.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace tmk::campaigns {

struct MergeFieldUse {
  size_t begin = 0;  // offset of "{{"
  size_t end = 0;    // offset just past "}}"
  std::string path;  // without braces and spaces, e.g. "customer.vip_tier"
};

// A "{{" that does not open a well-formed merge field: unclosed, nested, empty or not a path.
struct MalformedMergeField {
  size_t offset = 0;
  std::string fragment;  // the offending text, cut to a few dozen bytes on a UTF-8 boundary
};

struct MergeFieldScan {
  std::vector<MergeFieldUse> uses;  // in text order
  std::vector<MalformedMergeField> malformed;
};

MergeFieldScan ScanMergeFields(std::string_view text);

// [a-z0-9_]+ segments joined by single dots.
bool IsMergeFieldPath(std::string_view path);

}  // namespace tmk::campaigns
