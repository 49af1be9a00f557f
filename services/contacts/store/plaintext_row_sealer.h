#pragma once
// Seals the rows written before encryption at rest (R6, migration 0006). SQL cannot encrypt
// without the key, so 0006 only moved the clear identifiers into legacy_* columns; the contacts
// module runs SealAll at start-up, before it answers, which rewrites every such row into its
// envelopes and blind indexes and empties its legacy columns. Safe with several replicas starting
// at once: each batch skips the rows another one has locked, and SealAll returns only when no row
// is left in clear. On a database created after 0006 it finds nothing and costs four queries.
#include <pqxx/pqxx>

#include "absl/status/statusor.h"
#include "services/common/pg/pg_pool.h"
#include "services/contacts/store/identifier_cipher.h"

namespace tmk::contacts {

class PlaintextRowSealer {
 public:
  explicit PlaintextRowSealer(const IdentifierCipher& cipher) : cipher_(cipher) {}

  // Seals batches (one transaction each) until no row is left in clear; the number sealed here.
  absl::StatusOr<long long> SealAll(pg::PgPool& pool, int batch_size = 2000) const;

  // Seals up to `limit` rows in clear of each table, skipping rows locked by another
  // transaction; how many it sealed.
  long long SealBatch(pqxx::work& tx, int limit) const;
  // Rows still in clear, locked or not.
  long long Remaining(pqxx::work& tx) const;

 private:
  long long SealCustomers(pqxx::work& tx, int limit) const;
  long long SealContactPoints(pqxx::work& tx, int limit) const;
  long long SealDncEntries(pqxx::work& tx, int limit) const;
  long long SealProfileChanges(pqxx::work& tx, int limit) const;

  const IdentifierCipher& cipher_;
};

}  // namespace tmk::contacts
