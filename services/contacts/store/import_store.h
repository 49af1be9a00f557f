#pragma once
// PostgreSQL access for bulk imports: the job records, their row errors, the dedupe lookup, the
// COPY that loads imported customers with their contact points and CustomerSnapshot outbox
// events, and the contact list an import may create.
#include <pqxx/pqxx>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "services/common/events/outbound_event.h"
#include "services/common/pg/copy_row.h"
#include "services/contacts/store/identifier_cipher.h"
#include "telemarketing/common/v1/actor.pb.h"
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

  // Dedupe (R2): the stored customer that has each of these keys, keyed as import_dedupe.h keys
  // them (PhoneKey of a blind index, ExternalIdKey); the oldest customer when several do.
  std::map<std::string, std::string> StoredOwners(pqxx::transaction_base& tx,
                                                  const std::vector<std::string>& phone_indexes,
                                                  const std::vector<std::string>& external_ids) const;

  // A customer ready for COPY: its cells sealed and indexed (R6) the way CustomerStore::Insert
  // writes them. Sealing is CPU only, no SQL, so one batch is sealed while the previous one is
  // being written.
  // The rows are COPY lines, built here so the writer only sends them.
  struct SealedCustomer {
    pg::CopyRow customer;
    std::vector<pg::CopyRow> points;
  };
  SealedCustomer Seal(const telemarketing::contacts::v1::Customer& customer) const;
  // An outbox row, as a COPY line.
  static pg::CopyRow OutboxRow(const events::OutboundEvent& event);
  // COPYs the customers, their contact points and the outbox rows, then wakes the outbox relay.
  void CopySealed(pqxx::transaction_base& tx, const std::vector<const SealedCustomer*>& customers,
                  const std::vector<const pg::CopyRow*>& events) const;

  // create_list (R8): the list of an import, BUILDING until the job settles it.
  void CreateList(pqxx::transaction_base& tx, const std::string& list_id,
                  const std::string& display_name, const std::string& import_job_id,
                  const std::string& region_id, const telemarketing::common::v1::Actor& creator,
                  const std::string& at) const;
  // Adds the customers (once each) with their phones, primary first, and recounts the list.
  void AddListMembers(pqxx::transaction_base& tx, const std::string& list_id,
                      const std::vector<std::string>& customer_ids) const;
  // READY, or FAILED with its members removed (an all-or-nothing import wrote nothing).
  void SettleList(pqxx::transaction_base& tx, const std::string& list_id, bool ready,
                  const std::string& at) const;

 private:
  const IdentifierCipher& cipher_;
};

}  // namespace tmk::contacts
