// The import RPCs: ImportCustomers as a callback read reactor that feeds an ImportSession on the
// blocking executor, and the job/row-error readers.
#include "services/contacts/api/import_api.h"

#include <deque>
#include <mutex>

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/page_token.h"
#include "services/common/grpc/status_mapping.h"
#include "services/contacts/api/import_session.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using auth::Role;

namespace {
constexpr auth::RoleSet kImporters{Role::kSupervisor, Role::kAdmin, Role::kIntegrator};
// Batches received but not yet written: reading stops while this many wait (back-pressure).
constexpr size_t kMaxBatchesInFlight = 2;
}  // namespace

// Reads on gRPC threads, works on the executor: one drain loop at a time runs the session's
// steps in order; reading resumes only when fewer than kMaxBatchesInFlight batches wait.
class ImportApi::ImportReactor final : public grpc::ServerReadReactor<v1::ImportCustomersRequest> {
 public:
  ImportReactor(ImportApi& api, grpc::CallbackServerContext* context,
                v1::ImportCustomersResponse* response)
      : api_(api), context_(context), response_(response) {
    absl::StatusOr<auth::Principal> who = api_.runtime_.calls().Authenticate(*context);
    absl::Status allowed = who.ok() ? auth::Authorize(*who, kImporters, api_.runtime_.context().region,
                                                      "import customers")
                                    : who.status();
    if (!allowed.ok()) {
      Finish(grpcx::ToGrpcStatus(allowed, api_.runtime_.calls().error_domain()));
      return;
    }
    session_ = std::make_unique<ImportSession>(api_.runtime_, api_.hlc_, api_.cipher_,
                                               *std::move(who));
    StartRead(&incoming_);
  }

  void OnReadDone(bool ok) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (!ok) {
      ended_ = true;
      complete_ = !context_->IsCancelled();
    } else if (!first_seen_ && !incoming_.has_spec()) {
      ended_ = true;
      failure_ = InvalidField("spec", "the first message must carry the import spec");
    } else if (first_seen_ && !incoming_.has_rows()) {
      ended_ = true;
      failure_ = InvalidField("rows", "only the first message carries a spec; later ones carry rows");
    } else {
      first_seen_ = true;
      queue_.push_back(std::move(incoming_));
      incoming_.Clear();
      if (queue_.size() < kMaxBatchesInFlight) {
        StartRead(&incoming_);
      } else {
        paused_ = true;
      }
    }
    ScheduleLocked();
  }

  void OnDone() override { delete this; }

 private:
  void ScheduleLocked() {
    if (draining_ || (queue_.empty() && !ended_)) return;
    draining_ = true;
    if (!api_.runtime_.executor().TrySubmit([this] { Drain(); })) {
      draining_ = false;
      // Workers saturated: end the stream; the session settles the job as interrupted/failed.
      failure_ = absl::ResourceExhaustedError("the server is busy; retry the import later");
      ended_ = true;
      queue_.clear();
      FinishLocked();
    }
  }

  void Drain() {
    while (true) {
      v1::ImportCustomersRequest next;
      {
        std::lock_guard<std::mutex> lock(mu_);
        if (queue_.empty() || !failure_.ok()) {
          if (ended_ || !failure_.ok()) {
            FinishLocked();
          } else {
            draining_ = false;
          }
          return;
        }
        next = std::move(queue_.front());
        queue_.pop_front();
        if (paused_ && queue_.size() < kMaxBatchesInFlight && !ended_) {
          paused_ = false;
          StartRead(&incoming_);
        }
      }
      absl::Status step = next.has_spec() ? session_->Begin(next.spec()) : session_->AddRows(next.rows());
      if (!step.ok()) {
        std::lock_guard<std::mutex> lock(mu_);
        failure_ = step;
      }
    }
  }

  // Settles the job on this (executor) thread; called once, with mu_ held.
  void FinishLocked() {
    if (finished_) return;
    finished_ = true;
    absl::Status status = session_->Finish(complete_ && failure_.ok() && ended_, failure_, *response_);
    Finish(status.ok() ? grpc::Status::OK
                       : grpcx::ToGrpcStatus(status, api_.runtime_.calls().error_domain()));
  }

  ImportApi& api_;
  grpc::CallbackServerContext* context_;
  v1::ImportCustomersResponse* response_;
  std::unique_ptr<ImportSession> session_;
  v1::ImportCustomersRequest incoming_;

  std::mutex mu_;
  std::deque<v1::ImportCustomersRequest> queue_;
  bool first_seen_ = false;
  bool paused_ = false;
  bool ended_ = false;     // no more reads will be started
  bool complete_ = false;  // the client half-closed normally
  bool draining_ = false;
  bool finished_ = false;
  absl::Status failure_;
};

ImportApi::ImportApi(server::ServiceRuntime& runtime, const IdentifierCipher& cipher,
                     HybridLogicalClock& hlc)
    : runtime_(runtime),
      cipher_(cipher),
      hlc_(hlc),
      store_(cipher) {}

grpc::ServerReadReactor<v1::ImportCustomersRequest>* ImportApi::ImportCustomers(
    grpc::CallbackServerContext* context, v1::ImportCustomersResponse* response) {
  return new ImportReactor(*this, context, response);
}

absl::Status ImportApi::GetImportJob(const auth::Principal& who, const v1::GetImportJobRequest& request,
                                     v1::GetImportJobResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kImporters, runtime_.context().region, "read import jobs");
      !allowed.ok()) {
    return allowed;
  }
  if (!Uuid::Parse(request.import_job_id())) {
    return InvalidField("import_job_id", "required: an import job id (a UUID)");
  }
  std::optional<v1::ImportJob> job;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    job = store_.Find(tx, request.import_job_id());
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!job) return absl::NotFoundError(absl::StrCat("import job ", request.import_job_id(), " not found"));
  *response.mutable_import_job() = *std::move(job);
  return absl::OkStatus();
}

absl::Status ImportApi::ListImportJobs(const auth::Principal& who, const v1::ListImportJobsRequest& request,
                                       v1::ListImportJobsResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kImporters, runtime_.context().region, "list import jobs");
      !allowed.ok()) {
    return allowed;
  }
  if (request.page_size() < 0 || request.page_size() > 1000) {
    return InvalidField("page_size", "1 to 1,000, or 0 for 100");
  }
  int size = request.page_size() == 0 ? 100 : request.page_size();
  std::string before;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), "import_jobs");
    if (!cursor || !Uuid::Parse(*cursor)) return InvalidField("page_token", "not a token of this listing");
    before = *cursor;
  }
  std::vector<v1::ImportJob> jobs;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    jobs = store_.List(tx, before, size + 1);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  bool more = static_cast<int>(jobs.size()) > size;
  if (more) jobs.resize(size);
  for (auto& j : jobs) *response.add_import_jobs() = std::move(j);
  if (more) response.set_next_page_token(grpcx::EncodePageToken("import_jobs", jobs.back().import_job_id()));
  return absl::OkStatus();
}

absl::Status ImportApi::ListImportRowErrors(const auth::Principal& who,
                                            const v1::ListImportRowErrorsRequest& request,
                                            v1::ListImportRowErrorsResponse& response) {
  if (absl::Status allowed =
          auth::Authorize(who, kImporters, runtime_.context().region, "read import row errors");
      !allowed.ok()) {
    return allowed;
  }
  if (!Uuid::Parse(request.import_job_id())) {
    return InvalidField("import_job_id", "required: an import job id (a UUID)");
  }
  if (request.page_size() < 0 || request.page_size() > 10000) {
    return InvalidField("page_size", "1 to 10,000, or 0 for 1,000");
  }
  int size = request.page_size() == 0 ? 1000 : request.page_size();
  const std::string kind = "import_row_errors:" + request.import_job_id();
  ImportStore::ErrorCursor after;
  if (!request.page_token().empty()) {
    std::optional<std::string> cursor = grpcx::DecodePageToken(request.page_token(), kind);
    std::vector<std::string> parts;
    if (cursor) parts = absl::StrSplit(*cursor, ':');
    if (parts.size() != 2 || !absl::SimpleAtoi(parts[0], &after.line_number) ||
        !absl::SimpleAtoi(parts[1], &after.seq)) {
      return InvalidField("page_token", "not a token of this listing");
    }
  }
  bool exists = false;
  std::vector<v1::ImportRowError> errors;
  std::vector<ImportStore::ErrorCursor> cursors;
  absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    cursors.clear();
    exists = store_.Find(tx, request.import_job_id()).has_value();
    if (exists) errors = store_.ListErrors(tx, request.import_job_id(), after, size + 1, &cursors);
    return absl::OkStatus();
  });
  if (!status.ok()) return status;
  if (!exists) return absl::NotFoundError(absl::StrCat("import job ", request.import_job_id(), " not found"));
  bool more = static_cast<int>(errors.size()) > size;
  if (more) errors.resize(size);
  for (auto& e : errors) *response.add_row_errors() = std::move(e);
  if (more) {
    const auto& last = cursors[size - 1];
    response.set_next_page_token(
        grpcx::EncodePageToken(kind, absl::StrCat(last.line_number, ":", last.seq)));
  }
  return absl::OkStatus();
}

}  // namespace tmk::contacts
