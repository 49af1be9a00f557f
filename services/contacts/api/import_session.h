#pragma once
// One ImportCustomers stream's work (R1, R2, R8), fed by the gRPC reactor (import_api.cc) one
// step at a time on the blocking executor: open or resume the job from the spec, then for each
// row batch two stages that overlap — the batch is converted, validated, sealed and its snapshots
// built (CPU) on the calling thread while the previous batch is deduplicated and written (COPY,
// merges, list members, job progress) in its transaction on a writer thread — and settle the job
// at the end. At most one batch is being written at a time, in file order.
#include <pqxx/pqxx>

#include <array>
#include <future>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/api/customer_change_writer.h"
#include "services/contacts/api/customer_snapshot_event.h"
#include "services/contacts/api/imported_customer.h"
#include "services/contacts/domain/import_dedupe.h"
#include "services/contacts/domain/import_mapping.h"
#include "services/contacts/store/attribute_definition_store.h"
#include "services/contacts/store/customer_history_store.h"
#include "services/contacts/store/customer_store.h"
#include "services/contacts/store/import_store.h"
#include "telemarketing/contacts/v1/contacts_service.pb.h"

namespace tmk::contacts {

class ImportSession {
 public:
  ImportSession(server::ServiceRuntime& runtime, HybridLogicalClock& hlc,
                const IdentifierCipher& cipher, auth::Principal who);
  ~ImportSession();

  // The first message. A non-OK status ends the stream with it (no job is created for a bad spec).
  absl::Status Begin(const telemarketing::contacts::v1::ImportSpec& spec);
  // One batch of rows: prepared here, then handed to the writer; a non-OK status (this batch's,
  // or the previous batch's write) ends the stream (the job is settled by Finish).
  absl::Status AddRows(const telemarketing::contacts::v1::ImportRowBatch& batch);
  // Waits for the last write and settles the job: `complete` is false when the stream broke or
  // was cancelled, `failure` the error that ended it early (if any). Fills the response; the
  // returned status ends the RPC.
  absl::Status Finish(bool complete, const absl::Status& failure,
                      telemarketing::contacts::v1::ImportCustomersResponse& response);

 private:
  // A valid row, ready to be created: converted, sealed, its snapshot built.
  struct PreparedRow {
    long long line = 0;
    ImportedCustomer imported;
    telemarketing::contacts::v1::Customer customer;
    std::vector<std::string> keys;  // import_dedupe.h keys, external id first
    ImportStore::SealedCustomer sealed;
    pg::CopyRow event;  // its CustomerSnapshot outbox row
  };
  struct PreparedBatch {
    long long last_line = 0;
    long long received = 0;
    long long rejected = 0;  // rows with conversion errors
    std::vector<telemarketing::contacts::v1::ImportRowError> errors;
    std::vector<PreparedRow> rows;
    SnapshotSharing sharing;  // the policy the snapshots were built with (R6)
  };
  // What writing a batch changed, applied to the job once its transaction committed.
  struct Outcome {
    long long created = 0, imported = 0, duplicates = 0, rejected = 0;
    std::set<std::string> updated;  // stored customers a merge changed
    std::vector<telemarketing::contacts::v1::ImportRowError> errors;
  };

  // One row converted and prepared, or the issues that reject it.
  struct RowPreparation {
    std::optional<PreparedRow> row;
    std::vector<ImportRowIssue> issues;
  };

  absl::StatusOr<PreparedBatch> Prepare(const telemarketing::contacts::v1::ImportRowBatch& batch);
  // Safe from several threads at once: reads the session, changes nothing but the clock.
  RowPreparation PrepareRow(const telemarketing::contacts::v1::ImportRow& row, int year,
                            const SnapshotSharing& sharing) const;
  void Reseal(PreparedRow& row, const SnapshotSharing& sharing) const;
  absl::Status Write(PreparedBatch batch);
  // The batch's dedupe, merges, COPY and list members in `tx`; `write` false only counts (an
  // all-or-nothing import that already failed).
  Outcome Apply(pqxx::work& tx, const PreparedBatch& batch, bool write) const;
  void MergeIntoStored(pqxx::work& tx, const PreparedRow& row, const std::string& customer_id,
                       Outcome& outcome) const;
  void Count(const PreparedBatch& batch, const Outcome& outcome,
             telemarketing::contacts::v1::ImportJob& job) const;
  void RecordErrors(std::vector<telemarketing::contacts::v1::ImportRowError> errors);
  absl::Status WaitForWriter();
  // The job (and, with `settle_list`, its list) in their own transaction, through the pool.
  absl::Status SaveJob(std::optional<bool> settle_list = std::nullopt);

  server::ServiceRuntime& runtime_;
  HybridLogicalClock& hlc_;
  const IdentifierCipher& cipher_;  // phone indexes and snapshot lookup keys (R5, R6)
  const auth::Principal who_;
  ImportStore store_;
  AttributeDefinitionStore definitions_;
  CustomerStore customers_;
  CustomerHistoryStore history_;
  CustomerChangeWriter changes_;  // merges into stored customers (R3)
  std::optional<ImportMapping> mapping_;
  ImportDuplicatePolicy policy_ = ImportDuplicatePolicy::kSkip;
  ImportStamp stamp_;
  telemarketing::contacts::v1::ImportJob job_;  // the writer's once a batch is in flight
  bool started_ = false;
  bool replay_ = false;              // request_id of a finished job: answer its outcome
  long long skip_through_line_ = 0;  // resumed: rows up to here were already processed
  long long last_line_ = 0;          // the last line prepared
  std::vector<telemarketing::contacts::v1::ImportRowError> first_errors_;
  std::vector<telemarketing::contacts::v1::ImportRowError> pending_errors_;  // not yet stored
  long long error_count_ = 0;
  std::future<absl::Status> writing_;  // the batch being written, if any
  // ALL_OR_NOTHING keeps one transaction open on its own connection for the whole stream.
  std::unique_ptr<pqxx::connection> connection_;
  std::unique_ptr<pqxx::work> whole_;
};

}  // namespace tmk::contacts
