#pragma once
// PostgreSQL access for bulk imports: the job records, their row errors, and the COPY that loads
// imported customers with their contact points and CustomerSnapshot outbox events.
#include <pqxx/pqxx>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include "services/common/events/outbound_event.h"
#include "services/contacts/store/identifier_cipher.h"
#include "telemarketing/contacts/v1/customer.pb.h"
#include "telemarketing/contacts/v1/import.pb.h"

namespace tmk::contacts {

class ImportStore {
 public:
  explicit ImportStore(const IdentifierCipher& cipher) : cipher_(cipher) {}

  std::optional<telemarketing::contacts::v1::ImportJob> Find(pqxx::transaction_base& tx,
                                                             const std::string& job_id) const;
  // The job (and its spec's request_id) started by `request_id`, if any.
  std::optional<telemarketing::contacts::v1::ImportJob> FindByRequestId(
      pqxx::transaction_base& tx, const std::string& request_id) const;
  // Inserts or replaces the job record.
  void Save(pqxx::transaction_base& tx, const telemarketing::contacts::v1::ImportJob& job) const;
  // Newest first, strictly older than `before_id` when it is set.
  std::vector<telemarketing::contacts::v1::ImportJob> List(pqxx::transaction_base& tx,
                                                           const std::string& before_id,
                                                           int limit) const;

  struct ErrorCursor {
    long long line_number = 0;
    int seq = -1;
  };
  // Appends errors with COPY; `first_seq` numbers several errors of the same line.
  void AppendErrors(pqxx::transaction_base& tx, const std::string& job_id,
                    const std::vector<telemarketing::contacts::v1::ImportRowError>& errors) const;
  std::vector<telemarketing::contacts::v1::ImportRowError> ListErrors(
      pqxx::transaction_base& tx, const std::string& job_id, ErrorCursor after, int limit,
      std::vector<ErrorCursor>* cursors) const;

  // Which of `phones` (normalised) some customer already has (matched by blind index); which
  // `external_ids` exist.
  std::set<std::string> ExistingPhones(pqxx::transaction_base& tx,
                                       const std::vector<std::string>& phones) const;
  std::set<std::string> ExistingExternalIds(pqxx::transaction_base& tx,
                                            const std::vector<std::string>& ids) const;

  // COPYs the customers (the same columns CustomerStore::Insert writes, sealed alike), their
  // contact points and one outbox event each, then wakes the outbox relay.
  void CopyCustomers(pqxx::transaction_base& tx,
                     const std::vector<telemarketing::contacts::v1::Customer>& customers,
                     const std::vector<events::OutboundEvent>& events) const;

 private:
  const IdentifierCipher& cipher_;
};

}  // namespace tmk::contacts
