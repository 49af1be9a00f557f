#include "services/dialing/runtime/simulated_caller_pool.h"

#include "services/common/log/logger.h"

namespace tmk::dialing {
namespace contacts = telemarketing::contacts::v1;

void SimulatedCallerPool::Refresh(Numbers done) {
  reads_.TrySubmit([this, done = std::move(done)] {
    absl::StatusOr<contacts::ListCustomersResponse> page =
        contacts_.ListCustomers(reader_, own_customers_, customers_, "");
    if (!page.ok()) {
      log::Warn("simulated callers not read from contacts",
                {{"error", std::string(page.status().message())}});
      return;
    }
    std::vector<std::string> numbers;
    for (const contacts::Customer& customer : page->customers()) {
      for (const contacts::ContactPoint& point : customer.contact_points()) {
        if (point.type() == contacts::CONTACT_POINT_TYPE_EMAIL || point.masked()) continue;
        numbers.push_back(point.normalized_value());
      }
    }
    done(std::move(numbers));
  });
}

}  // namespace tmk::dialing
