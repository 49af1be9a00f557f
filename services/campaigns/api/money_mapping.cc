#include "services/campaigns/api/money_mapping.h"

namespace tmk::campaigns {

Money ToDomain(const telemarketing::common::v1::Money& money) {
  return {money.currency_code(), money.units(), money.nanos()};
}

telemarketing::common::v1::Money ToProto(const Money& money) {
  telemarketing::common::v1::Money out;
  out.set_currency_code(money.currency_code);
  out.set_units(money.units);
  out.set_nanos(money.nanos);
  return out;
}

}  // namespace tmk::campaigns
