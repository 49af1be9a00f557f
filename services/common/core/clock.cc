#include "services/common/core/clock.h"

namespace tmk {

const Clock& SystemClock::Instance() {
  static const SystemClock clock;
  return clock;
}

}  // namespace tmk
