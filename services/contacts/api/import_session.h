#pragma once
// One ImportCustomers stream's work, run on the blocking executor one step at a time (never
// concurrently): open or resume the job from the spec, convert/validate/dedupe/COPY each row
// batch, and settle the job at the end. The gRPC reactor (import_api.cc) only feeds it.
#include <pqxx/pqxx>

#include <memory>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "absl/status/status.h"
#include "services/common/auth/principal.h"
#include "services/common/core/hlc.h"
#include "services/common/server/service_runtime.h"
#include "services/contacts/domain/import_mapping.h"
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
  // One batch of rows; a non-OK status ends the stream (the job is settled by Finish).
  absl::Status AddRows(const telemarketing::contacts::v1::ImportRowBatch& batch);
  // Settles the job: `complete` is false when the stream broke or was cancelled, `failure` the
  // error that ended it early (if any). Fills the response; the returned status ends the RPC.
  absl::Status Finish(bool complete, const absl::Status& failure,
                      telemarketing::contacts::v1::ImportCustomersResponse& response);

 private:
  void RecordError(telemarketing::contacts::v1::ImportRowError error);
  absl::Status SaveJob();  // own transaction, through the pool

  server::ServiceRuntime& runtime_;
  HybridLogicalClock& hlc_;
  const auth::Principal who_;
  ImportStore store_;
  std::optional<ImportMapping> mapping_;
  telemarketing::contacts::v1::ImportJob job_;
  bool started_ = false;
  bool replay_ = false;             // request_id of a finished job: answer its outcome
  long long skip_through_line_ = 0; // resumed: rows up to here were already processed
  long long last_line_ = 0;
  std::unordered_set<std::string> seen_keys_;  // normalised phones and external ids of this run
  std::vector<telemarketing::contacts::v1::ImportRowError> first_errors_;
  std::vector<telemarketing::contacts::v1::ImportRowError> pending_errors_;  // not yet stored
  long long error_count_ = 0;
  // ALL_OR_NOTHING keeps one transaction open on its own connection for the whole stream.
  std::unique_ptr<pqxx::connection> connection_;
  std::unique_ptr<pqxx::work> whole_;
};

}  // namespace tmk::contacts
