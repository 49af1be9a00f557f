#pragma once
// PostgreSQL access for consent decisions (R6) and the contact-point reads CheckCallable needs:
// the only place with their SQL. libpqxx exceptions propagate to PgPool::Transact, which
// classifies them.
#include <pqxx/pqxx>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "services/contacts/domain/callability.h"
#include "telemarketing/contacts/v1/consent.pb.h"

namespace tmk::contacts {

long long ToMicros(TimePoint t);
TimePoint FromMicros(long long micros);

class ConsentStore {
 public:
  struct Request {
    std::string consent_id;
    std::string fingerprint;
  };
  // A contact point as callability sees it.
  struct Point {
    std::string customer_id;
    std::string contact_point_id;
    int type = 0;    // ContactPointType value
    int status = 0;  // ContactPointStatus value
    std::string value_index;  // blind index of the normalised value: equal numbers, equal indexes
  };

  std::optional<Request> FindRequest(pqxx::work& tx, const std::string& request_id) const;
  // The region owning the customer; nullopt when there is no such customer here.
  std::optional<std::string> CustomerRegion(pqxx::work& tx, const std::string& customer_id) const;
  // Appends the decision (its consent_id, hlc, times set) and, when given, its request record.
  void Insert(pqxx::work& tx, const telemarketing::contacts::v1::Consent& consent,
              const std::string& request_id, const std::string& fingerprint) const;
  std::optional<telemarketing::contacts::v1::Consent> Find(pqxx::work& tx,
                                                           const std::string& consent_id) const;

  // Every record of the customer, newest first, after the record `after_id` (keyset).
  std::vector<telemarketing::contacts::v1::Consent> ListHistory(pqxx::work& tx,
      const std::string& customer_id, int limit, const std::string& after_id) const;
  // The current decision per (channel, purpose), ordered by them, after `after` (keyset).
  std::vector<telemarketing::contacts::v1::Consent> ListCurrent(pqxx::work& tx,
      const std::string& customer_id, int limit, std::optional<std::pair<int, int>> after) const;

  // Decision histories for one channel and purpose, by customer id.
  std::map<std::string, std::vector<ConsentFact>> Histories(pqxx::work& tx,
      const std::vector<std::string>& customer_ids, ContactChannel channel,
      ContactPurpose purpose) const;
  // Which of these customers exist here.
  std::set<std::string> ExistingCustomers(pqxx::work& tx,
                                          const std::vector<std::string>& customer_ids) const;
  // Every contact point of these customers, in each customer's order.
  std::vector<Point> PointsOfCustomers(pqxx::work& tx,
                                       const std::vector<std::string>& customer_ids) const;
  // The phone contact points with these blind indexes (IdentifierCipher::ContactIndex).
  std::vector<Point> PointsWithIndexes(pqxx::work& tx,
                                       const std::vector<std::string>& value_indexes) const;
};

}  // namespace tmk::contacts
