#pragma once
// An amount of money as telemarketing.common.v1.Money carries it (R13, R16): whole units plus
// billionths, never a float. Arithmetic here is exact in integer nanos (128-bit), so sums of
// costs and products of counts and prices lose nothing.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "absl/numeric/int128.h"
#include "services/common/core/status_details.h"

namespace tmk::campaigns {

struct Money {
  std::string currency_code;  // ISO 4217, e.g. "CNY"; empty only for an unset amount
  int64_t units = 0;
  int32_t nanos = 0;
};

inline constexpr int64_t kNanosPerUnit = 1'000'000'000;

bool IsZero(const Money& money);
absl::int128 TotalNanos(const Money& money);
// The amount of `nanos`, or nothing when it does not fit Money (|units| >= 2^63).
std::optional<Money> MoneyFromNanos(absl::int128 nanos, std::string currency_code);
// `money` times a non-negative factor, rounded half away from zero to the nano; nothing when it
// overflows.
std::optional<Money> Scale(const Money& money, double factor);
double ToDouble(const Money& money);

// Well formed (nanos within +-999,999,999 and of the sign of units), not negative, and with a
// three-letter upper-case currency code unless it is zero. Violations on "<field>.nanos",
// "<field>.units", "<field>.currency_code".
void CheckMoney(const Money& money, std::string_view field, Violations& violations);

}  // namespace tmk::campaigns
