#pragma once
// PostgreSQL access for dialing's projection of contacts events (R2, R5, R6, R10, R19): the only
// place with its SQL. Every write is last-writer-wins by HLC (equal or older is a no-op), so a
// replayed topic or an out-of-order redelivery changes nothing; a customer tombstone keeps its
// HLC so an older snapshot cannot resurrect the customer.
#include <pqxx/pqxx>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/common/core/clock.h"
#include "services/common/core/hlc.h"
#include "services/dialing/domain/customer_contact_facts.h"

namespace tmk::dialing {

struct CustomerProjectionRow {
  std::string customer_id;
  std::string region;
  int kind = 0;      // telemarketing.common.v1.CustomerKind
  int vip_tier = 0;  // telemarketing.contacts.v1.VipTier
  std::string time_zone;
  HlcTimestamp hlc;
  std::vector<ProjectedPhone> phones;  // contacts' rank
};

struct ConsentProjectionRow {
  std::string customer_id;
  int channel = 0;
  int purpose = 0;
  int state = 0;  // telemarketing.contacts.v1.ConsentState
  TimePoint effective_time;
  std::optional<TimePoint> expire_time;
  HlcTimestamp hlc;
};

struct DncProjectionRow {
  std::string dnc_entry_id;
  int scope = 0;
  std::string region;
  std::string campaign_id;
  std::string customer_id;
  std::string e164;
  int channel = 0;
  std::optional<TimePoint> expire_time;
  bool removed = false;
  HlcTimestamp hlc;
};

// What the hopper reads per customer.
struct CustomerProjection {
  int kind = 0;
  int vip_tier = 0;
  std::string time_zone;
  CustomerContactFacts facts;
};

class CustomerCallabilityStore {
 public:
  // Each returns whether it was written (false: the stored HLC is equal or newer).
  bool UpsertCustomer(pqxx::work& tx, const CustomerProjectionRow& row) const;
  bool DeleteCustomer(pqxx::work& tx, const std::string& customer_id, const std::string& region,
                      const HlcTimestamp& tombstone) const;
  bool UpsertConsent(pqxx::work& tx, const ConsentProjectionRow& row) const;
  bool UpsertDnc(pqxx::work& tx, const DncProjectionRow& row) const;
  // The customers a do-not-call entry names: its customer, or the customers with its number.
  std::vector<std::string> CustomersOf(pqxx::work& tx, const DncProjectionRow& row) const;

  // The projected customers among `customer_ids` (absent ones have no snapshot or a tombstone).
  std::map<std::string, CustomerProjection> Find(pqxx::work& tx,
                                                 const std::vector<std::string>& customer_ids) const;
};

}  // namespace tmk::dialing
