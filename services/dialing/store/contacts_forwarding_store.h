#pragma once
// PostgreSQL access for the changes owed to contacts (R2 list screening, R3 profile updates): the
// only place with their SQL. Written in the wrap-up's transaction; the forwarder deletes a row
// only once contacts accepted it, so a contacts outage delays the change but never loses it; one
// contacts refused on the merits stays, marked refused with contacts' reason, and is not retried.
#include <pqxx/pqxx>

#include <string>
#include <vector>

#include "services/common/core/clock.h"

namespace tmk::dialing {

// What contacts is asked to do; the payload is the dialing.v1 message named.
enum class ForwardKind {
  kProfileField = 1,  // ProfileFieldChange (R3)
  kContactPoint = 2,  // ContactPointChange, including list screening (R2)
  kDoNotCall = 3,     // the customer refused further calls (R6); no payload
};

struct ContactsForward {
  std::string forward_id;
  std::string customer_id;
  std::string call_id;
  std::string agent_id;
  ForwardKind kind = ForwardKind::kProfileField;
  std::string payload;
  int attempts = 0;
};

class ContactsForwardingStore {
 public:
  void Insert(pqxx::work& tx, const ContactsForward& forward, TimePoint now) const;
  // Up to `limit` rows due at `now` and not refused, oldest first, claimed for this forwarder
  // until `lease_end`: their next try moves there, so no other forwarder takes them meanwhile
  // (rows another transaction is claiming are skipped, never waited for).
  std::vector<ContactsForward> Claim(pqxx::work& tx, TimePoint now, int limit,
                                     TimePoint lease_end) const;
  void Delete(pqxx::work& tx, const std::string& forward_id) const;
  // A failed attempt: tried again at `next_try`.
  void Postpone(pqxx::work& tx, const std::string& forward_id, const std::string& error,
                TimePoint next_try) const;
  // Contacts refused it for good: kept with the reason, never picked again.
  void Refuse(pqxx::work& tx, const std::string& forward_id, const std::string& reason,
              TimePoint now) const;
  // Rows still owed to contacts, and rows contacts refused.
  int Count(pqxx::work& tx) const;
  int CountRefused(pqxx::work& tx) const;
};

}  // namespace tmk::dialing
