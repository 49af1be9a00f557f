#include "services/campaigns/domain/money.h"

#include <cmath>
#include <limits>

namespace tmk::campaigns {

bool IsZero(const Money& money) { return money.units == 0 && money.nanos == 0; }

absl::int128 TotalNanos(const Money& money) {
  return absl::int128(money.units) * kNanosPerUnit + money.nanos;
}

std::optional<Money> MoneyFromNanos(absl::int128 nanos, std::string currency_code) {
  const absl::int128 units = nanos / kNanosPerUnit;  // truncates toward zero: nanos share the sign
  if (units > absl::int128(std::numeric_limits<int64_t>::max()) ||
      units < absl::int128(std::numeric_limits<int64_t>::min())) {
    return std::nullopt;
  }
  Money money;
  money.currency_code = std::move(currency_code);
  money.units = static_cast<int64_t>(units);
  money.nanos = static_cast<int32_t>(nanos - units * kNanosPerUnit);
  return money;
}

std::optional<Money> Scale(const Money& money, double factor) {
  // long double carries 64 mantissa bits: exact for any nano amount below ~1.8e10 units.
  const long double product =
      std::roundl(static_cast<long double>(TotalNanos(money)) * static_cast<long double>(factor));
  if (!std::isfinite(product) || std::fabs(product) > 1.0e36L) return std::nullopt;
  return MoneyFromNanos(absl::int128(product), money.currency_code);
}

double ToDouble(const Money& money) {
  return static_cast<double>(money.units) + static_cast<double>(money.nanos) / kNanosPerUnit;
}

void CheckMoney(const Money& money, std::string_view field, Violations& v) {
  const std::string base(field);
  if (money.nanos <= -kNanosPerUnit || money.nanos >= kNanosPerUnit) {
    v.Add(base + ".nanos", "must be within -999,999,999..999,999,999");
  } else if ((money.units > 0 && money.nanos < 0) || (money.units < 0 && money.nanos > 0)) {
    v.Add(base + ".nanos", "must have the sign of units");
  }
  if (money.units < 0 || money.nanos < 0) v.Add(base + ".units", "must not be negative");
  if (IsZero(money)) return;
  const std::string& code = money.currency_code;
  bool iso = code.size() == 3;
  for (char c : code) iso = iso && c >= 'A' && c <= 'Z';
  if (!iso) v.Add(base + ".currency_code", "an ISO 4217 code in upper case, e.g. CNY");
}

}  // namespace tmk::campaigns
