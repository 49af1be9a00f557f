#include "services/contacts/domain/attribute_cell.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/strings/string_view.h"
#include "absl/time/civil_time.h"
#include "absl/time/time.h"
#include "services/contacts/domain/custom_attribute_rules.h"

namespace tmk::contacts {
namespace {

absl::Status Expected(const AttributeDefinition& d, const std::string& what) {
  return absl::InvalidArgumentError(
      absl::StrCat("'", d.key, "' is ", AttributeTypeName(d.type), ": expected ", what));
}

std::optional<bool> ParseBool(std::string text) {
  absl::AsciiStrToLower(&text);
  if (text == "true" || text == "1" || text == "yes" || text == "y" || text == "是") return true;
  if (text == "false" || text == "0" || text == "no" || text == "n" || text == "否") return false;
  return std::nullopt;
}

bool IsCurrencyCode(const std::string& s) {
  return s.size() == 3 && std::all_of(s.begin(), s.end(), absl::ascii_isupper);
}

// "128.50" -> units 128, nanos 500000000; at most nine decimals, no exponent.
bool ParseAmount(const std::string& s, int64_t& units, int32_t& nanos) {
  absl::string_view text = s;
  bool negative = !text.empty() && text[0] == '-';
  if (negative) text.remove_prefix(1);
  std::vector<absl::string_view> parts = absl::StrSplit(text, '.');
  if (parts.size() > 2 || parts[0].empty()) return false;
  auto digits = [](absl::string_view p) {
    return std::all_of(p.begin(), p.end(), absl::ascii_isdigit);
  };
  if (!digits(parts[0]) || !absl::SimpleAtoi(parts[0], &units)) return false;
  nanos = 0;
  if (parts.size() == 2) {
    if (parts[1].empty() || parts[1].size() > 9 || !digits(parts[1])) return false;
    std::string padded(parts[1]);
    padded.append(9 - padded.size(), '0');
    if (!absl::SimpleAtoi(padded, &nanos)) return false;
  }
  if (negative) {
    units = -units;
    nanos = -nanos;
  }
  return true;
}

}  // namespace

absl::StatusOr<AttributeCell> ParseAttributeCell(const AttributeDefinition& d,
                                                 const std::string& cell) {
  AttributeCell out;
  out.type = d.type;
  std::string text(absl::StripAsciiWhitespace(cell));
  switch (d.type) {
    case AttributeType::kString:
      if (text.size() > AttributeLimits::kMaxStringValue) {
        return Expected(d, absl::StrCat("at most ", AttributeLimits::kMaxStringValue, " bytes"));
      }
      out.text = std::move(text);
      return out;
    case AttributeType::kEnum:
      if (std::find(d.allowed_values.begin(), d.allowed_values.end(), text) ==
          d.allowed_values.end()) {
        return Expected(d, absl::StrCat("one of: ", absl::StrJoin(d.allowed_values, ", ")));
      }
      out.text = std::move(text);
      return out;
    case AttributeType::kInt:
      if (!absl::SimpleAtoi(text, &out.integer)) return Expected(d, "a whole number");
      return out;
    case AttributeType::kDouble:
      if (!absl::SimpleAtod(text, &out.real) || !std::isfinite(out.real)) {
        return Expected(d, "a number");
      }
      return out;
    case AttributeType::kBool: {
      std::optional<bool> value = ParseBool(text);
      if (!value) return Expected(d, "true or false (1/0, yes/no, 是/否)");
      out.boolean = *value;
      return out;
    }
    case AttributeType::kDate: {
      absl::CivilDay day;
      // ParseCivilTime normalises "2026-02-30"; a round trip keeps only real dates.
      if (!absl::ParseCivilTime(text, &day) || absl::FormatCivilTime(day) != text) {
        return Expected(d, "a date as YYYY-MM-DD");
      }
      out.year = static_cast<int>(day.year());
      out.month = day.month();
      out.day = day.day();
      return out;
    }
    case AttributeType::kTimestamp: {
      absl::Time at;
      std::string error;
      if (!absl::ParseTime(absl::RFC3339_full, text, &at, &error)) {
        return Expected(d, "an RFC 3339 time such as 2026-11-24T09:30:00+08:00");
      }
      absl::Duration since_epoch = at - absl::UnixEpoch();
      out.integer = absl::IDivDuration(since_epoch, absl::Seconds(1), &since_epoch);
      out.nanos = static_cast<int32_t>(absl::ToInt64Nanoseconds(since_epoch));
      return out;
    }
    case AttributeType::kMoney: {
      std::vector<std::string> parts = absl::StrSplit(text, ' ', absl::SkipEmpty());
      if (parts.size() == 2 && IsCurrencyCode(parts[0])) std::swap(parts[0], parts[1]);
      if (parts.size() != 2 || !IsCurrencyCode(parts[1]) ||
          !ParseAmount(parts[0], out.integer, out.nanos)) {
        return Expected(d, "an amount and an ISO 4217 currency, e.g. 128.50 CNY");
      }
      out.text = parts[1];
      return out;
    }
    case AttributeType::kUnspecified:
      break;
  }
  return Expected(d, "a defined type");
}

}  // namespace tmk::contacts
