#include "services/contacts/domain/phone_number.h"

#include <cctype>


namespace tmk::contacts {
namespace {

// Plain concatenation: Debian's Abseil takes its own string_view, not std::string_view.
std::string Join(std::initializer_list<std::string_view> parts) {
  std::string out;
  for (std::string_view part : parts) out.append(part);
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

bool IsSeparator(char c) { return c == ' ' || c == '-' || c == '(' || c == ')' || c == '.'; }

// Area codes of two digits after the trunk 0: Beijing 10 and the 2x block (Shanghai 21…).
bool IsTwoDigitAreaCode(std::string_view national) {
  return national.size() >= 2 && (national[0] == '1' || national[0] == '2');
}

absl::StatusOr<NormalizedContact> ChineseNumber(std::string_view national, ContactKind declared) {
  // `national` has no country code; a fixed line still carries its trunk 0 here.
  if (national.size() == 11 && national[0] == '1' && national[1] >= '3' && national[1] <= '9') {
    if (declared == ContactKind::kFixedLine) {
      return absl::InvalidArgumentError("this is a mobile number, not a fixed line");
    }
    return NormalizedContact{ContactKind::kMobile, Join({"+86", national})};
  }
  if (!national.empty() && national[0] == '0') national.remove_prefix(1);
  else if (national.size() < 9) {
    return absl::InvalidArgumentError(
        "a fixed-line number needs its area code (e.g. 010-12345678, 0755-8765432)");
  }
  if (national.empty() || national[0] == '0') {
    return absl::InvalidArgumentError("not a Chinese mobile or fixed-line number");
  }
  size_t area = IsTwoDigitAreaCode(national) ? 2 : 3;
  size_t subscriber = national.size() > area ? national.size() - area : 0;
  bool valid = area == 2 ? subscriber == 8 : (subscriber == 7 || subscriber == 8);
  if (!valid || national[area] == '0' || national[area] == '1') {
    return absl::InvalidArgumentError(
        "not a Chinese number: mobiles have 11 digits starting 13-19; fixed lines are an area "
        "code then 7-8 digits");
  }
  if (declared == ContactKind::kMobile) {
    return absl::InvalidArgumentError("this is a fixed-line number, not a mobile");
  }
  return NormalizedContact{ContactKind::kFixedLine, Join({"+86", national})};
}

}  // namespace

absl::StatusOr<NormalizedContact> NormalizePhone(std::string_view raw, ContactKind declared) {
  if (declared == ContactKind::kEmail) {
    return absl::InvalidArgumentError("an e-mail contact point cannot hold a phone number");
  }
  std::string digits;
  bool plus = false;
  for (size_t i = 0; i < raw.size(); ++i) {
    char c = raw[i];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digits.push_back(c);
    } else if (c == '+' && digits.empty() && !plus) {
      plus = true;
    } else if (!IsSeparator(c)) {
      return absl::InvalidArgumentError(Join({"unexpected character '", std::string(1, c), "' in a phone number"}));
    }
  }
  if (digits.empty()) return absl::InvalidArgumentError("a phone number is required");
  if (digits.size() > 15) return absl::InvalidArgumentError("a phone number has at most 15 digits");
  std::string_view d = digits;
  if (!plus && d.substr(0, 4) == "0086") return ChineseNumber(d.substr(4), declared);
  if (plus && d.substr(0, 2) == "86") return ChineseNumber(d.substr(2), declared);
  if (plus) {
    if (d.size() < 8 || d[0] == '0') {
      return absl::InvalidArgumentError("an international number is + then 8-15 digits (E.164)");
    }
    if (declared == ContactKind::kUnspecified) {
      return absl::InvalidArgumentError("give the contact point type for a non-Chinese number");
    }
    return NormalizedContact{declared, Join({"+", d})};
  }
  // 86 followed by a full mobile (13 digits) is the country code written without '+'.
  if (d.size() == 13 && d.substr(0, 2) == "86" && d[2] == '1') return ChineseNumber(d.substr(2), declared);
  return ChineseNumber(d, declared);
}

absl::StatusOr<NormalizedContact> NormalizeEmail(std::string_view raw) {
  std::string_view email = Trim(raw);
  size_t at = email.find('@');
  if (email.empty() || email.size() > 254 || at == std::string_view::npos || at == 0 ||
      email.find('@', at + 1) != std::string_view::npos) {
    return absl::InvalidArgumentError("an e-mail address is local-part@domain");
  }
  std::string_view domain = email.substr(at + 1);
  if (domain.find('.') == std::string_view::npos || domain.front() == '.' || domain.back() == '.') {
    return absl::InvalidArgumentError("the e-mail domain needs a dot, e.g. example.cn");
  }
  for (char c : email) {
    if (std::isspace(static_cast<unsigned char>(c)) || c == ',' || c == ';') {
      return absl::InvalidArgumentError("an e-mail address has no spaces, commas or semicolons");
    }
  }
  std::string lower_domain(domain);
  for (char& c : lower_domain) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return NormalizedContact{ContactKind::kEmail,
                           Join({email.substr(0, at + 1), lower_domain})};
}

std::string MaskPhone(std::string_view e164) {
  if (e164.substr(0, 3) == "+86" && e164.size() >= 10) {
    std::string_view national = e164.substr(3);
    size_t keep_head = 3, keep_tail = 4;
    return Join({"+86 ", national.substr(0, keep_head),
                 std::string(national.size() - keep_head - keep_tail, '*'),
                 national.substr(national.size() - keep_tail)});
  }
  if (e164.size() <= 6) return std::string(e164.size(), '*');
  return Join({e164.substr(0, 3), std::string(e164.size() - 6, '*'), e164.substr(e164.size() - 3)});
}

}  // namespace tmk::contacts
