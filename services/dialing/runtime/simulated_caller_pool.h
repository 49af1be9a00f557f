#pragma once
// Simulator only (the demo and the end-to-end tests; a real telephony adapter's callers dial in
// from the network): the numbers the telephony simulator plays known customers calling in from
// (R18 cross-sell needs callers contacts knows). They are where they really are, in contacts:
// the phones of the region's own newest customers (the ones who call this region's queues, not
// other regions' replicas), read with ListCustomers under a credential whose role sees full
// numbers (`--dialing-simulator-token`; contacts masks them for dialing's own principal and
// audits this read as that credential's, R6). Handed to the simulator, never stored. Reads run
// one at a time on a worker of their own, never on the dialer's thread.
#include <functional>
#include <string>
#include <vector>

#include "services/common/auth/principal.h"
#include "services/common/grpc/blocking_executor.h"
#include "services/contacts/client/customer_directory.h"

namespace tmk::dialing {

class SimulatedCallerPool {
 public:
  using Numbers = std::function<void(std::vector<std::string>)>;

  SimulatedCallerPool(contacts_client::CustomerDirectory& contacts, auth::Principal reader,
                      const std::string& region, int customers = 200)
      : contacts_(contacts),
        reader_(std::move(reader)),
        own_customers_("region_id = \"" + region + "\""),
        customers_(customers) {}

  // Reads the numbers on the pool's worker and hands them to `done` there (nothing when
  // contacts did not answer); does nothing when a read is already waiting behind a running one.
  void Refresh(Numbers done);

 private:
  contacts_client::CustomerDirectory& contacts_;
  auth::Principal reader_;
  std::string own_customers_;  // the filter selecting the region's own customers
  int customers_;
  grpcx::BlockingExecutor reads_{1, 1};  // last: joined first
};

}  // namespace tmk::dialing
