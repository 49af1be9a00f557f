#include "services/contacts/api/import_session.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <google/protobuf/util/time_util.h>

#include <algorithm>

#include "absl/strings/str_cat.h"
#include "services/common/core/parallel_chunks.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/pg/pg_pool.h"
#include "services/contacts/api/attribute_mapping.h"
#include "services/contacts/api/customer_mapping.h"
#include "services/contacts/domain/customer_update.h"
#include "services/contacts/domain/import_merge.h"
#include "services/contacts/domain/new_customer.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;
using google::protobuf::util::TimeUtil;

namespace {

constexpr int kMaxRowsPerBatch = 10000;
// Below this a thread costs more than the rows it would prepare.
constexpr size_t kMinRowsPerThread = 500;
constexpr size_t kErrorsInResponse = 1000;

bool IsFinal(v1::ImportJobState state) {
  return state == v1::IMPORT_JOB_STATE_SUCCEEDED ||
         state == v1::IMPORT_JOB_STATE_SUCCEEDED_WITH_ERRORS ||
         state == v1::IMPORT_JOB_STATE_FAILED;
}

// The spec fields a resumed stream must repeat unchanged: all but the ids, the policy as stored.
std::string SpecIdentity(v1::ImportSpec spec) {
  spec.clear_resume_import_job_id();
  spec.clear_request_id();
  if (spec.duplicate_policy() == v1::DUPLICATE_POLICY_UNSPECIFIED) {
    spec.set_duplicate_policy(v1::DUPLICATE_POLICY_SKIP);
  }
  std::string out;
  {
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);  // the column mapping is a map
    spec.SerializeToCodedStream(&coded);
  }
  return out;
}

}  // namespace

ImportSession::ImportSession(server::ServiceRuntime& runtime, HybridLogicalClock& hlc,
                             const IdentifierCipher& cipher, auth::Principal who)
    : runtime_(runtime),
      hlc_(hlc),
      cipher_(cipher),
      who_(std::move(who)),
      store_(cipher),
      customers_(cipher),
      history_(cipher),
      changes_(customers_, history_, hlc, runtime.context().clock, runtime.context().region) {}

ImportSession::~ImportSession() {
  if (writing_.valid()) writing_.wait();  // the writer uses this session
}

absl::Status ImportSession::SaveJob(std::optional<bool> settle_list) {
  const TimePoint now = runtime_.context().clock.Now();
  *job_.mutable_update_time() = grpcx::ToProtoTime(now);
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    store_.Save(tx, job_);
    if (settle_list && !job_.list_id().empty()) {
      store_.SettleList(tx, job_.list_id(), *settle_list, TimeUtil::ToString(grpcx::ToProtoTime(now)));
    }
    return absl::OkStatus();
  });
}

absl::Status ImportSession::Begin(const v1::ImportSpec& spec) {
  Violations v;
  if (spec.mode() == v1::IMPORT_MODE_UNSPECIFIED) {
    v.Add("spec.mode", "required: IMPORT_MODE_RESUMABLE or IMPORT_MODE_ALL_OR_NOTHING");
  }
  if (spec.request_id().size() > 128) v.Add("spec.request_id", "at most 128 characters");
  if (spec.list_display_name().size() > 200) {
    v.Add("spec.list_display_name", "at most 200 bytes");
  }
  if (!spec.create_list() && !spec.list_display_name().empty()) {
    v.Add("spec.list_display_name", "only with create_list");
  }
  if (!v.empty()) return v.ToStatus("invalid import spec");
  std::vector<std::pair<std::string, std::string>> mapping(spec.column_mapping().begin(),
                                                           spec.column_mapping().end());
  std::vector<std::string> columns(spec.columns().begin(), spec.columns().end());
  // Custom attribute columns take their definitions' types (R1); a definition deleted or
  // narrowed while the import runs cannot take values already checked, since both refuse a
  // definition in use.
  std::map<std::string, AttributeDefinition> attributes;
  absl::Status loaded = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    attributes = LoadDefinitions(tx, definitions_, ImportMapping::AttributeKeys(mapping));
    return absl::OkStatus();
  });
  if (!loaded.ok()) return loaded;
  absl::StatusOr<ImportMapping> compiled = ImportMapping::Compile(columns, mapping, attributes);
  if (!compiled.ok()) return compiled.status();
  mapping_ = *std::move(compiled);

  // An earlier job: by resume id, or by request_id (a re-sent import continues or replays).
  std::optional<v1::ImportJob> earlier;
  absl::Status found = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    if (!spec.resume_import_job_id().empty()) {
      if (!Uuid::Parse(spec.resume_import_job_id())) {
        return InvalidField("spec.resume_import_job_id", "not an import job id (a UUID)");
      }
      earlier = store_.Find(tx, spec.resume_import_job_id());
      if (!earlier) {
        return absl::NotFoundError(
            absl::StrCat("import job ", spec.resume_import_job_id(), " not found"));
      }
    } else if (!spec.request_id().empty()) {
      earlier = store_.FindByRequestId(tx, spec.request_id());
    }
    return absl::OkStatus();
  });
  if (!found.ok()) return found;
  const TimePoint now = runtime_.context().clock.Now();
  if (earlier) {
    if (IsFinal(earlier->state())) {
      job_ = *std::move(earlier);
      replay_ = true;
      return absl::OkStatus();
    }
    if (SpecIdentity(earlier->spec()) != SpecIdentity(spec)) {
      return WithReason(absl::FailedPreconditionError(
                            "a resumed import must repeat the original spec"),
                        "IMPORT_SPEC_CHANGED");
    }
    if (earlier->spec().mode() != v1::IMPORT_MODE_RESUMABLE) {
      return absl::FailedPreconditionError("only a RESUMABLE import can be resumed");
    }
    job_ = *std::move(earlier);
    skip_through_line_ = job_.committed_through_line();
    last_line_ = skip_through_line_;
    job_.set_state(v1::IMPORT_JOB_STATE_RUNNING);
  } else {
    job_.set_import_job_id(NewId(runtime_.context().clock));
    job_.set_state(v1::IMPORT_JOB_STATE_RUNNING);
    *job_.mutable_spec() = spec;
    if (job_.spec().duplicate_policy() == v1::DUPLICATE_POLICY_UNSPECIFIED) {
      job_.mutable_spec()->set_duplicate_policy(v1::DUPLICATE_POLICY_SKIP);
    }
    for (const std::string& c : mapping_->ignored_columns()) job_.add_ignored_columns(c);
    *job_.mutable_actor() = grpcx::ActorOf(who_, runtime_.context().region);
    *job_.mutable_create_time() = grpcx::ToProtoTime(now);
    if (spec.create_list()) job_.set_list_id(NewId(runtime_.context().clock));
  }
  started_ = true;
  policy_ = job_.spec().duplicate_policy() == v1::DUPLICATE_POLICY_MERGE    ? ImportDuplicatePolicy::kMerge
            : job_.spec().duplicate_policy() == v1::DUPLICATE_POLICY_REJECT ? ImportDuplicatePolicy::kReject
                                                                            : ImportDuplicatePolicy::kSkip;
  stamp_.region = runtime_.context().region;
  stamp_.customer_source = absl::StrCat("import:", job_.import_job_id());
  stamp_.point_source = job_.spec().source_name().empty()
                            ? "import"
                            : absl::StrCat("import:", job_.spec().source_name());
  const bool new_list = job_.has_create_time() && !earlier && job_.spec().create_list();
  absl::Status saved = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    *job_.mutable_update_time() = grpcx::ToProtoTime(now);
    store_.Save(tx, job_);
    if (new_list) {
      std::string name = job_.spec().list_display_name().empty()
                             ? absl::StrCat("import ", job_.spec().source_name())
                             : job_.spec().list_display_name();
      store_.CreateList(tx, job_.list_id(), name, job_.import_job_id(), stamp_.region,
                        job_.actor(), TimeUtil::ToString(grpcx::ToProtoTime(now)));
    }
    return absl::OkStatus();
  });
  if (!saved.ok()) return saved;
  if (job_.spec().mode() == v1::IMPORT_MODE_ALL_OR_NOTHING) {
    try {
      connection_ = std::make_unique<pqxx::connection>(runtime_.pool().dsn());
      whole_ = std::make_unique<pqxx::work>(*connection_, "import");
      whole_->exec("SET LOCAL search_path TO " + pg::QuoteIdentifier(runtime_.pool().schema()) +
                   ", public");
    } catch (const std::exception& e) {
      return absl::UnavailableError(absl::StrCat("cannot open the import transaction: ", e.what()));
    }
  }
  return absl::OkStatus();
}

void ImportSession::RecordErrors(std::vector<v1::ImportRowError> errors) {
  for (v1::ImportRowError& error : errors) {
    ++error_count_;
    if (first_errors_.size() < kErrorsInResponse) first_errors_.push_back(error);
    pending_errors_.push_back(std::move(error));
  }
}

void ImportSession::Reseal(PreparedRow& row, const SnapshotSharing& sharing) const {
  row.sealed = store_.Seal(row.customer);
  row.event = ImportStore::OutboxRow(NewCustomerSnapshotEvent(
      row.customer, sharing, cipher_, stamp_.region, runtime_.context().clock));
}

ImportSession::RowPreparation ImportSession::PrepareRow(const v1::ImportRow& row, int year,
                                                       const SnapshotSharing& sharing) const {
  RowPreparation out;
  const std::vector<std::string> values(row.values().begin(), row.values().end());
  absl::StatusOr<ImportedCustomer> converted =
      mapping_->Convert(values, stamp_.region, year, out.issues);
  if (!converted.ok()) return out;
  PreparedRow& p = out.row.emplace();
  p.line = row.line_number();
  p.imported = *std::move(converted);
  if (!p.imported.external_id.empty()) p.keys.push_back(ExternalIdKey(p.imported.external_id));
  for (const NormalizedContact& n : p.imported.normalized) {
    if (n.kind != ContactKind::kEmail) p.keys.push_back(PhoneKey(cipher_.ContactIndex(n.normalized)));
  }
  p.customer = NewImportedCustomer(p.imported, stamp_, hlc_, runtime_.context().clock);
  Reseal(p, sharing);
  return out;
}

absl::StatusOr<ImportSession::PreparedBatch> ImportSession::Prepare(const v1::ImportRowBatch& batch) {
  const Clock& clock = runtime_.context().clock;
  const int year = CurrentYear(clock);
  stamp_.now = clock.Now();
  PreparedBatch out;
  // The policy as of now; the writer checks it still holds when the batch commits (R6).
  absl::Status loaded = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    out.sharing = SnapshotSharing::Load(tx);
    return absl::OkStatus();
  });
  if (!loaded.ok()) return loaded;
  // Line order first, in file order: a row out of order fails the batch before any work.
  std::vector<const v1::ImportRow*> fresh;
  fresh.reserve(batch.rows_size());
  for (const v1::ImportRow& row : batch.rows()) {
    if (row.line_number() <= last_line_) {
      if (row.line_number() <= skip_through_line_) continue;  // committed before the resume
      return InvalidField("rows.rows.line_number",
                          absl::StrCat("line ", row.line_number(), " is not after line ", last_line_));
    }
    last_line_ = row.line_number();
    fresh.push_back(&row);
  }
  out.received = static_cast<long long>(fresh.size());
  // Converting and sealing is the import's heaviest CPU work and independent per row: spread
  // over the cores, each row into its own slot so the batch keeps file order.
  std::vector<RowPreparation> slots(fresh.size());
  ParallelChunks(fresh.size(), kMinRowsPerThread, [&](size_t begin, size_t end) {
    for (size_t i = begin; i < end; ++i) slots[i] = PrepareRow(*fresh[i], year, out.sharing);
  });
  out.rows.reserve(slots.size());
  for (size_t i = 0; i < slots.size(); ++i) {
    if (slots[i].row) {
      out.rows.push_back(*std::move(slots[i].row));
      continue;
    }
    for (ImportRowIssue& issue : slots[i].issues) {
      v1::ImportRowError& e = out.errors.emplace_back();
      e.set_line_number(fresh[i]->line_number());
      e.set_column(std::move(issue.column));
      e.set_field_path(std::move(issue.field_path));
      e.set_reason(static_cast<v1::ImportRowErrorReason>(issue.reason));
      e.set_message(std::move(issue.message));
    }
    ++out.rejected;
  }
  out.last_line = last_line_;
  return out;
}

void ImportSession::MergeIntoStored(pqxx::work& tx, const PreparedRow& row,
                                    const std::string& customer_id, Outcome& outcome) const {
  auto reject = [&](v1::ImportRowErrorReason reason, std::string message) {
    v1::ImportRowError& e = outcome.errors.emplace_back();
    e.set_line_number(row.line);
    e.set_reason(reason);
    e.set_message(std::move(message));
    ++outcome.rejected;
  };
  std::optional<v1::Customer> before = customers_.Find(tx, customer_id, /*for_update=*/true);
  if (!before) {  // its key was read in this transaction, so only a concurrent erase gets here
    reject(v1::IMPORT_ROW_ERROR_REASON_DUPLICATE, "the matching customer was just deleted");
    return;
  }
  if (!CheckOwned(*before, stamp_.region).ok()) {
    reject(v1::IMPORT_ROW_ERROR_REASON_OWNED_BY_OTHER_REGION,
           absl::StrCat("the matching customer ", customer_id, " belongs to region '",
                        before->region_id(), "': propose the change to that region (R32)"));
    return;
  }
  ++outcome.duplicates;
  ++outcome.imported;
  ImportMergePlan plan = PlanImportMerge(ImportedFieldsOf(*before), row.imported);
  if (plan.empty()) return;
  v1::Customer after = *before;
  FillImportedFields(plan.fills, after);
  AddImportedPoints(row.imported, plan.new_points, stamp_, runtime_.context().clock, after);
  if (absl::StatusOr<std::vector<NormalizedContact>> valid =
          ValidateCustomerProfile(ToNewCustomer(after), CurrentYear(runtime_.context().clock));
      !valid.ok()) {
    --outcome.duplicates;
    --outcome.imported;
    reject(v1::IMPORT_ROW_ERROR_REASON_INVALID_VALUE,
           absl::StrCat("merged into customer ", customer_id, " it breaks a rule: ",
                        valid.status().message()));
    return;
  }
  ChangeAuthor author;
  author.actor = job_.actor();
  author.origin = v1::CHANGE_ORIGIN_IMPORT;
  author.reason = absl::StrCat("import ", job_.import_job_id(), " line ", row.line);
  absl::Status committed = changes_.Commit(
      tx, author, DiffProfile(plan.paths, RenderPaths(*before, plan.paths), RenderPaths(after, plan.paths)),
      after);
  if (!committed.ok()) throw std::runtime_error(std::string(committed.message()));
  outcome.updated.insert(customer_id);
}

ImportSession::Outcome ImportSession::Apply(pqxx::work& tx, const PreparedBatch& batch,
                                            bool write) const {
  Outcome o;
  std::vector<std::string> phone_indexes, external_ids;
  std::vector<std::vector<std::string>> keys;
  keys.reserve(batch.rows.size());
  for (const PreparedRow& row : batch.rows) {
    keys.push_back(row.keys);
    for (const std::string& k : row.keys) {
      (IsPhoneKey(k) ? phone_indexes : external_ids).push_back(k.substr(1));
    }
  }
  const std::vector<ImportDecision> decisions =
      DecideDuplicates(keys, store_.StoredOwners(tx, phone_indexes, external_ids), policy_);
  // Rows that absorbed later rows of the batch (MERGE), copied so a rerun starts afresh.
  std::map<size_t, PreparedRow> merged;
  const SnapshotSharing sharing = SnapshotSharing::Load(tx);
  const bool policy_changed = !(sharing.policy_hlc == batch.sharing.policy_hlc) ||
                              sharing.personal_attributes != batch.sharing.personal_attributes;
  std::vector<std::pair<size_t, std::string>> into_stored;
  std::vector<std::string> members;
  for (size_t i = 0; i < decisions.size(); ++i) {
    const ImportDecision& d = decisions[i];
    const PreparedRow& row = batch.rows[i];
    switch (d.kind) {
      case ImportDecision::Kind::kCreate:
        ++o.created;
        ++o.imported;
        members.push_back(row.customer.customer_id());
        if (policy_changed) merged.emplace(i, row);
        break;
      case ImportDecision::Kind::kSkip:
        ++o.duplicates;
        members.push_back(d.customer_id.empty() ? batch.rows[d.row].customer.customer_id()
                                                : d.customer_id);
        break;
      case ImportDecision::Kind::kReject: {
        v1::ImportRowError& e = o.errors.emplace_back();
        e.set_line_number(row.line);
        e.set_reason(v1::IMPORT_ROW_ERROR_REASON_DUPLICATE);
        // The number itself stays out of the stored message (R6); the line locates it.
        const bool phone = IsPhoneKey(d.matched_key);
        e.set_field_path(phone ? "contact_points" : "external_id");
        e.set_message(phone ? "the phone number already belongs to a customer or an earlier row"
                            : absl::StrCat("external id ", d.matched_key.substr(1),
                                           " already belongs to a customer or an earlier row"));
        ++o.rejected;
        break;
      }
      case ImportDecision::Kind::kMergeIntoRow: {
        PreparedRow& target = merged.try_emplace(d.row, batch.rows[d.row]).first->second;
        ImportMergePlan plan = PlanImportMerge(target.imported, row.imported);
        FillImportedFields(plan.fills, target.customer);
        AddImportedPoints(row.imported, plan.new_points, stamp_, runtime_.context().clock,
                          target.customer);
        for (size_t p : plan.new_points) {
          target.imported.contact_points.push_back(row.imported.contact_points[p]);
          target.imported.normalized.push_back(row.imported.normalized[p]);
        }
        target.imported = ImportedFieldsOf(target.customer);
        ++o.duplicates;
        ++o.imported;
        break;
      }
      case ImportDecision::Kind::kMergeIntoStored:
        into_stored.emplace_back(i, d.customer_id);
        members.push_back(d.customer_id);
        break;
    }
  }
  if (!write) return o;
  for (auto& [index, row] : merged) Reseal(row, sharing);
  std::vector<const ImportStore::SealedCustomer*> sealed;
  std::vector<const pg::CopyRow*> events;
  sealed.reserve(o.created);
  events.reserve(o.created);
  for (size_t i = 0; i < decisions.size(); ++i) {
    if (decisions[i].kind != ImportDecision::Kind::kCreate) continue;
    auto at = merged.find(i);
    const PreparedRow& row = at != merged.end() ? at->second : batch.rows[i];
    sealed.push_back(&row.sealed);
    events.push_back(&row.event);
  }
  store_.CopySealed(tx, sealed, events);
  for (const auto& [index, customer_id] : into_stored) {
    MergeIntoStored(tx, batch.rows[index], customer_id, o);
  }
  if (!job_.list_id().empty()) store_.AddListMembers(tx, job_.list_id(), members);
  return o;
}

void ImportSession::Count(const PreparedBatch& batch, const Outcome& o, v1::ImportJob& job) const {
  job.set_rows_received(job.rows_received() + batch.received);
  job.set_rows_rejected(job.rows_rejected() + batch.rejected + o.rejected);
  job.set_rows_duplicate(job.rows_duplicate() + o.duplicates);
  job.set_rows_imported(job.rows_imported() + o.imported);
  job.set_customers_created(job.customers_created() + o.created);
  job.set_customers_updated(job.customers_updated() + static_cast<long long>(o.updated.size()));
}

absl::Status ImportSession::Write(PreparedBatch batch) {
  try {
    if (whole_ != nullptr) {
      // In ALL_OR_NOTHING nothing more is written once any row failed: the whole is rolled back.
      const bool write = error_count_ == 0 && batch.errors.empty();
      Outcome o = Apply(*whole_, batch, write);
      Count(batch, o, job_);
      RecordErrors(std::move(batch.errors));
      RecordErrors(std::move(o.errors));
      return SaveJob();  // progress for GetImportJob; the rows stay invisible until the end
    }
    v1::ImportJob next;
    Outcome outcome;
    absl::Status status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
      outcome = Apply(tx, batch, /*write=*/true);
      next = job_;
      Count(batch, outcome, next);
      next.set_committed_through_line(batch.last_line);
      *next.mutable_update_time() = grpcx::ToProtoTime(runtime_.context().clock.Now());
      std::vector<v1::ImportRowError> errors = batch.errors;
      errors.insert(errors.end(), outcome.errors.begin(), outcome.errors.end());
      std::sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) {
        return a.line_number() < b.line_number();
      });
      store_.AppendErrors(tx, next.import_job_id(), errors);
      store_.Save(tx, next);
      return absl::OkStatus();
    });
    if (!status.ok()) return status;
    job_ = std::move(next);
    std::vector<v1::ImportRowError> errors = std::move(batch.errors);
    errors.insert(errors.end(), outcome.errors.begin(), outcome.errors.end());
    std::stable_sort(errors.begin(), errors.end(), [](const auto& a, const auto& b) {
      return a.line_number() < b.line_number();
    });
    RecordErrors(std::move(errors));
    pending_errors_.clear();  // stored with the batch
    return absl::OkStatus();
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("import batch failed: ", e.what()));
  }
}

absl::Status ImportSession::WaitForWriter() {
  if (!writing_.valid()) return absl::OkStatus();
  return writing_.get();
}

absl::Status ImportSession::AddRows(const v1::ImportRowBatch& batch) {
  if (replay_) return absl::OkStatus();  // the outcome is already known; rows are drained
  if (batch.rows_size() == 0 || batch.rows_size() > kMaxRowsPerBatch) {
    return InvalidField("rows.rows", absl::StrCat("1 to ", kMaxRowsPerBatch, " rows per message"));
  }
  absl::StatusOr<PreparedBatch> prepared = Prepare(batch);
  if (absl::Status written = WaitForWriter(); !written.ok()) return written;
  if (!prepared.ok()) return prepared.status();
  // A thread per batch (thousands of rows): the executor's workers serve other calls meanwhile.
  writing_ = std::async(std::launch::async,
                        [this, b = *std::move(prepared)]() mutable { return Write(std::move(b)); });
  return absl::OkStatus();
}

absl::Status ImportSession::Finish(bool complete, const absl::Status& failure,
                                   v1::ImportCustomersResponse& response) {
  auto answer = [&]() {
    *response.mutable_job() = job_;
    for (const auto& e : first_errors_) *response.add_row_errors() = e;
    response.set_row_errors_truncated(error_count_ > static_cast<long long>(first_errors_.size()));
  };
  if (replay_) {
    *response.mutable_job() = job_;
    absl::Status read = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
      std::vector<v1::ImportRowError> errors =
          store_.ListErrors(tx, job_.import_job_id(), {}, kErrorsInResponse + 1, nullptr);
      response.set_row_errors_truncated(errors.size() > kErrorsInResponse);
      if (errors.size() > kErrorsInResponse) errors.resize(kErrorsInResponse);
      for (auto& e : errors) *response.add_row_errors() = std::move(e);
      return absl::OkStatus();
    });
    return read;
  }
  if (!started_) return failure.ok() ? absl::InvalidArgumentError("no import spec") : failure;
  absl::Status failed = failure;
  if (absl::Status written = WaitForWriter(); !written.ok() && failed.ok()) failed = written;
  const TimePoint now = runtime_.context().clock.Now();
  const bool all_or_nothing = job_.spec().mode() == v1::IMPORT_MODE_ALL_OR_NOTHING;
  if (all_or_nothing) {
    bool ok = complete && failed.ok() && error_count_ == 0;
    if (ok) {
      job_.set_state(v1::IMPORT_JOB_STATE_SUCCEEDED);
      job_.set_committed_through_line(last_line_);
      *job_.mutable_finish_time() = grpcx::ToProtoTime(now);
      *job_.mutable_update_time() = grpcx::ToProtoTime(now);
      try {
        store_.Save(*whole_, job_);
        if (!job_.list_id().empty()) {
          store_.SettleList(*whole_, job_.list_id(), true, TimeUtil::ToString(grpcx::ToProtoTime(now)));
        }
        whole_->commit();
      } catch (const std::exception& e) {
        ok = false;
        job_.set_failure_message(absl::StrCat("commit failed: ", e.what()));
      }
    }
    whole_.reset();  // aborts when not committed
    connection_.reset();
    if (!ok) {
      job_.set_state(v1::IMPORT_JOB_STATE_FAILED);
      job_.set_rows_imported(0);
      job_.set_customers_created(0);
      job_.set_customers_updated(0);
      job_.set_committed_through_line(0);
      if (job_.failure_message().empty()) {
        job_.set_failure_message(
            !failed.ok() ? std::string(failed.message())
            : !complete   ? "the stream ended before the client finished it; nothing was written"
                          : absl::StrCat(error_count_, " row error(s); nothing was written"));
      }
      *job_.mutable_finish_time() = grpcx::ToProtoTime(now);
      *job_.mutable_update_time() = grpcx::ToProtoTime(now);
      absl::Status saved = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
        store_.Save(tx, job_);
        store_.AppendErrors(tx, job_.import_job_id(), pending_errors_);
        if (!job_.list_id().empty()) {
          store_.SettleList(tx, job_.list_id(), false, TimeUtil::ToString(grpcx::ToProtoTime(now)));
        }
        return absl::OkStatus();
      });
      if (!saved.ok()) return saved;
    }
  } else {
    if (!complete || !failed.ok()) {
      job_.set_state(v1::IMPORT_JOB_STATE_INTERRUPTED);
      if (!failed.ok()) job_.set_failure_message(std::string(failed.message()));
    } else {
      job_.set_state(error_count_ == 0 && job_.rows_rejected() == 0
                         ? v1::IMPORT_JOB_STATE_SUCCEEDED
                         : v1::IMPORT_JOB_STATE_SUCCEEDED_WITH_ERRORS);
      *job_.mutable_finish_time() = grpcx::ToProtoTime(now);
    }
    const bool settled = job_.state() != v1::IMPORT_JOB_STATE_INTERRUPTED;
    if (absl::Status saved = SaveJob(settled ? std::optional<bool>(true) : std::nullopt);
        !saved.ok()) {
      return saved;
    }
  }
  answer();
  if (!failed.ok()) return failed;
  if (!complete) return absl::CancelledError("the import stream was cancelled");
  return absl::OkStatus();
}

}  // namespace tmk::contacts
