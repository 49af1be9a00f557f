#include "services/contacts/api/import_session.h"

#include <google/protobuf/descriptor.h>

#include <ctime>

#include "absl/strings/str_cat.h"
#include "services/common/core/status_details.h"
#include "services/common/core/uuid.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/pg/pg_pool.h"
#include "services/contacts/api/customer_snapshot_event.h"

namespace tmk::contacts {
namespace v1 = telemarketing::contacts::v1;

namespace {

constexpr int kMaxRowsPerBatch = 10000;
constexpr size_t kErrorsInResponse = 1000;

int CurrentYear(const Clock& clock) {
  std::time_t now = std::chrono::system_clock::to_time_t(clock.Now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  return utc.tm_year + 1900;
}

template <class Enum>
Enum EnumOf(const google::protobuf::EnumDescriptor* descriptor, const std::string& prefix,
            const std::string& suffix) {
  if (suffix.empty()) return static_cast<Enum>(0);
  const google::protobuf::EnumValueDescriptor* value = descriptor->FindValueByName(prefix + suffix);
  return static_cast<Enum>(value ? value->number() : 0);
}

bool IsFinal(v1::ImportJobState state) {
  return state == v1::IMPORT_JOB_STATE_SUCCEEDED ||
         state == v1::IMPORT_JOB_STATE_SUCCEEDED_WITH_ERRORS ||
         state == v1::IMPORT_JOB_STATE_FAILED;
}

// The spec fields a resumed stream must repeat unchanged.
std::string SpecIdentity(v1::ImportSpec spec) {
  spec.clear_resume_import_job_id();
  spec.clear_request_id();
  std::string out;
  spec.SerializeToString(&out);  // deterministic enough: the same client sends the same map
  return absl::StrCat(spec.mode(), "|", spec.columns_size(), "|", spec.source_name());
}

}  // namespace

ImportSession::ImportSession(server::ServiceRuntime& runtime, HybridLogicalClock& hlc,
                             const IdentifierCipher& cipher, auth::Principal who)
    : runtime_(runtime), hlc_(hlc), who_(std::move(who)), store_(cipher) {}

ImportSession::~ImportSession() = default;

absl::Status ImportSession::SaveJob() {
  *job_.mutable_update_time() = grpcx::ToProtoTime(runtime_.context().clock.Now());
  return runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
    store_.Save(tx, job_);
    return absl::OkStatus();
  });
}

absl::Status ImportSession::Begin(const v1::ImportSpec& spec) {
  Violations v;
  if (spec.mode() == v1::IMPORT_MODE_UNSPECIFIED) {
    v.Add("spec.mode", "required: IMPORT_MODE_RESUMABLE or IMPORT_MODE_ALL_OR_NOTHING");
  }
  if (spec.request_id().size() > 128) v.Add("spec.request_id", "at most 128 characters");
  if (!v.empty()) return v.ToStatus("invalid import spec");
  if (spec.duplicate_policy() == v1::DUPLICATE_POLICY_MERGE) {
    return absl::UnimplementedError(
        "DUPLICATE_POLICY_MERGE is not implemented yet; use SKIP (the default) or REJECT");
  }
  if (spec.create_list()) {
    return absl::UnimplementedError("create_list is not implemented yet for imports");
  }
  std::vector<std::pair<std::string, std::string>> mapping(spec.column_mapping().begin(),
                                                           spec.column_mapping().end());
  std::vector<std::string> columns(spec.columns().begin(), spec.columns().end());
  absl::StatusOr<ImportMapping> compiled = ImportMapping::Compile(columns, mapping);
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
  }
  started_ = true;
  if (absl::Status saved = SaveJob(); !saved.ok()) return saved;
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

void ImportSession::RecordError(v1::ImportRowError error) {
  ++error_count_;
  if (first_errors_.size() < kErrorsInResponse) first_errors_.push_back(error);
  pending_errors_.push_back(std::move(error));
}

absl::Status ImportSession::AddRows(const v1::ImportRowBatch& batch) {
  if (replay_) return absl::OkStatus();  // the outcome is already known; rows are drained
  if (batch.rows_size() == 0 || batch.rows_size() > kMaxRowsPerBatch) {
    return InvalidField("rows.rows", absl::StrCat("1 to ", kMaxRowsPerBatch, " rows per message"));
  }
  const Clock& clock = runtime_.context().clock;
  const std::string& region = runtime_.context().region;
  const int year = CurrentYear(clock);
  const bool reject_duplicates = job_.spec().duplicate_policy() == v1::DUPLICATE_POLICY_REJECT;
  const TimePoint now = clock.Now();

  struct Candidate {
    long long line;
    ImportedCustomer customer;
    std::vector<std::string> keys;  // "p:<phone>", "x:<external id>"
  };
  std::vector<Candidate> candidates;
  std::vector<ImportRowIssue> issues;
  long long received = 0;
  for (const v1::ImportRow& row : batch.rows()) {
    if (row.line_number() <= last_line_) {
      if (row.line_number() <= skip_through_line_) continue;  // committed before the resume
      return InvalidField("rows.rows.line_number",
                          absl::StrCat("line ", row.line_number(), " is not after line ", last_line_));
    }
    last_line_ = row.line_number();
    ++received;
    std::vector<std::string> values(row.values().begin(), row.values().end());
    absl::StatusOr<ImportedCustomer> converted = mapping_->Convert(values, region, year, issues);
    if (!converted.ok()) {
      for (ImportRowIssue& issue : issues) {
        v1::ImportRowError e;
        e.set_line_number(row.line_number());
        e.set_column(issue.column);
        e.set_field_path(issue.field_path);
        e.set_reason(static_cast<v1::ImportRowErrorReason>(issue.reason));
        e.set_message(issue.message);
        RecordError(std::move(e));
      }
      job_.set_rows_rejected(job_.rows_rejected() + 1);
      continue;
    }
    Candidate c{row.line_number(), *std::move(converted), {}};
    for (const NormalizedContact& n : c.customer.normalized) {
      if (n.kind != ContactKind::kEmail) c.keys.push_back("p:" + n.normalized);
    }
    if (!c.customer.external_id.empty()) c.keys.push_back("x:" + c.customer.external_id);
    candidates.push_back(std::move(c));
  }
  job_.set_rows_received(job_.rows_received() + received);

  pqxx::work* whole = whole_.get();
  absl::Status status = absl::OkStatus();
  auto load = [&](pqxx::transaction_base& tx) {
    // Dedupe against existing customers and earlier rows of this file (SKIP: counted as
    // duplicates; REJECT: a row error).
    std::vector<std::string> phones, external_ids;
    for (const Candidate& c : candidates) {
      for (const std::string& k : c.keys) {
        (k[0] == 'p' ? phones : external_ids).push_back(k.substr(2));
      }
    }
    std::set<std::string> existing_phones = store_.ExistingPhones(tx, phones);
    std::set<std::string> existing_ids = store_.ExistingExternalIds(tx, external_ids);
    std::vector<v1::Customer> customers;
    std::vector<events::OutboundEvent> outbound;
    long long duplicates = 0, rejected = 0;
    std::vector<v1::ImportRowError> duplicate_errors;
    std::unordered_set<std::string> seen = seen_keys_;
    for (Candidate& c : candidates) {
      std::string duplicate_of;
      for (const std::string& k : c.keys) {
        const std::string value = k.substr(2);
        if (seen.count(k) || (k[0] == 'p' ? existing_phones.count(value) : existing_ids.count(value))) {
          duplicate_of = k;
          break;
        }
      }
      if (!duplicate_of.empty()) {
        if (reject_duplicates) {
          v1::ImportRowError e;
          e.set_line_number(c.line);
          // The number itself stays out of the stored message (R6); the line locates it.
          const bool phone = duplicate_of[0] == 'p';
          e.set_field_path(phone ? "contact_points" : "external_id");
          e.set_reason(v1::IMPORT_ROW_ERROR_REASON_DUPLICATE);
          e.set_message(phone ? "the phone number already belongs to a customer or an earlier row"
                              : absl::StrCat("external id ", duplicate_of.substr(2),
                                             " already belongs to a customer or an earlier row"));
          duplicate_errors.push_back(std::move(e));
          ++rejected;
        } else {
          ++duplicates;
        }
        continue;
      }
      for (const std::string& k : c.keys) seen.insert(k);
      const ImportedCustomer& in = c.customer;
      v1::Customer customer;
      customer.set_customer_id(NewId(clock));
      customer.set_region_id(region);
      customer.set_display_name(in.display_name);
      customer.set_gender(EnumOf<v1::Gender>(v1::Gender_descriptor(), "GENDER_", in.gender));
      customer.set_marital_status(EnumOf<v1::MaritalStatus>(v1::MaritalStatus_descriptor(),
                                                            "MARITAL_STATUS_", in.marital_status));
      customer.set_income_band(
          EnumOf<v1::IncomeBand>(v1::IncomeBand_descriptor(), "INCOME_BAND_", in.income_band));
      customer.set_kind(EnumOf<telemarketing::common::v1::CustomerKind>(
          telemarketing::common::v1::CustomerKind_descriptor(), "CUSTOMER_KIND_", in.kind));
      customer.set_vip_tier(EnumOf<v1::VipTier>(v1::VipTier_descriptor(), "VIP_TIER_", in.vip_tier));
      customer.set_birth_year(in.birth_year);
      auto* residence = customer.mutable_residence();
      const google::protobuf::Reflection* reflection = residence->GetReflection();
      for (const auto& [field, value] : in.residence) {
        if (const auto* f = residence->GetDescriptor()->FindFieldByName(field)) {
          reflection->SetString(residence, f, value);
        }
      }
      customer.set_occupation(in.occupation);
      customer.set_company_name(in.company_name);
      customer.set_external_id(in.external_id);
      for (const std::string& t : in.tags) customer.add_tags(t);
      for (const auto& [key, value] : in.attributes) {
        (*customer.mutable_custom_attributes())[key].set_string_value(value);
      }
      customer.set_source(absl::StrCat("import:", job_.import_job_id()));
      *customer.mutable_create_time() = grpcx::ToProtoTime(now);
      *customer.mutable_update_time() = grpcx::ToProtoTime(now);
      customer.set_etag(absl::StrCat(UnixMillis(now)));
      *customer.mutable_hlc() = grpcx::ToProtoHlc(hlc_.Now());
      for (size_t i = 0; i < in.contact_points.size(); ++i) {
        v1::ContactPoint* p = customer.add_contact_points();
        p->set_contact_point_id(NewId(clock));
        p->set_type(in.normalized[i].kind == ContactKind::kEmail       ? v1::CONTACT_POINT_TYPE_EMAIL
                    : in.normalized[i].kind == ContactKind::kFixedLine ? v1::CONTACT_POINT_TYPE_FIXED_LINE
                                                                       : v1::CONTACT_POINT_TYPE_MOBILE);
        p->set_value(in.contact_points[i].value);
        p->set_normalized_value(in.normalized[i].normalized);
        p->set_status(v1::CONTACT_POINT_STATUS_UNVERIFIED);
        p->set_source(job_.spec().source_name().empty()
                          ? "import"
                          : absl::StrCat("import:", job_.spec().source_name()));
        p->set_primary(i == 0);
        *p->mutable_create_time() = grpcx::ToProtoTime(now);
      }
      outbound.push_back(CustomerSnapshotEvent(customer, region, clock));
      customers.push_back(std::move(customer));
    }
    // In ALL_OR_NOTHING nothing more is written once any row failed: the whole is rolled back.
    bool write = whole == nullptr || (error_count_ == 0 && duplicate_errors.empty());
    if (write) store_.CopyCustomers(tx, customers, outbound);
    return std::make_tuple(customers.size(), duplicates, rejected, std::move(duplicate_errors),
                           std::move(seen));
  };
  auto apply = [&](auto result) {
    auto& [created, duplicates, rejected, duplicate_errors, seen] = result;
    job_.set_customers_created(job_.customers_created() + created);
    job_.set_rows_imported(job_.rows_imported() + created);
    job_.set_rows_duplicate(job_.rows_duplicate() + duplicates);
    job_.set_rows_rejected(job_.rows_rejected() + rejected);
    for (auto& e : duplicate_errors) RecordError(std::move(e));
    seen_keys_ = std::move(seen);
  };
  try {
    if (whole != nullptr) {
      apply(load(*whole));
      // Progress for GetImportJob; the rows themselves stay invisible until the end.
      return SaveJob();
    }
    status = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
      auto result = load(tx);
      v1::ImportJob before = job_;
      std::vector<v1::ImportRowError> pending_before = pending_errors_;
      long long count_before = error_count_;
      size_t first_before = first_errors_.size();
      apply(std::move(result));
      job_.set_committed_through_line(last_line_);
      *job_.mutable_update_time() = grpcx::ToProtoTime(clock.Now());
      try {
        store_.AppendErrors(tx, job_.import_job_id(), pending_errors_);
        store_.Save(tx, job_);
      } catch (...) {
        job_ = before;  // a retried transaction must not count twice
        pending_errors_ = pending_before;
        error_count_ = count_before;
        first_errors_.resize(first_before);
        throw;
      }
      pending_errors_.clear();
      return absl::OkStatus();
    });
  } catch (const std::exception& e) {
    return absl::UnavailableError(absl::StrCat("import batch failed: ", e.what()));
  }
  return status;
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
  const TimePoint now = runtime_.context().clock.Now();
  const bool all_or_nothing = job_.spec().mode() == v1::IMPORT_MODE_ALL_OR_NOTHING;
  if (all_or_nothing) {
    bool ok = complete && failure.ok() && error_count_ == 0;
    if (ok) {
      job_.set_state(v1::IMPORT_JOB_STATE_SUCCEEDED);
      job_.set_committed_through_line(last_line_);
      *job_.mutable_finish_time() = grpcx::ToProtoTime(now);
      *job_.mutable_update_time() = grpcx::ToProtoTime(now);
      try {
        store_.Save(*whole_, job_);
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
      job_.set_committed_through_line(0);
      if (job_.failure_message().empty()) {
        job_.set_failure_message(
            !failure.ok() ? std::string(failure.message())
            : !complete   ? "the stream ended before the client finished it; nothing was written"
                          : absl::StrCat(error_count_, " row error(s); nothing was written"));
      }
      *job_.mutable_finish_time() = grpcx::ToProtoTime(now);
      *job_.mutable_update_time() = grpcx::ToProtoTime(now);
      absl::Status saved = runtime_.pool().Transact([&](pqxx::work& tx) -> absl::Status {
        store_.Save(tx, job_);
        store_.AppendErrors(tx, job_.import_job_id(), pending_errors_);
        return absl::OkStatus();
      });
      if (!saved.ok()) return saved;
    }
  } else {
    if (!complete || !failure.ok()) {
      job_.set_state(v1::IMPORT_JOB_STATE_INTERRUPTED);
      if (!failure.ok()) job_.set_failure_message(std::string(failure.message()));
    } else {
      job_.set_state(error_count_ == 0 && job_.rows_rejected() == 0
                         ? v1::IMPORT_JOB_STATE_SUCCEEDED
                         : v1::IMPORT_JOB_STATE_SUCCEEDED_WITH_ERRORS);
      *job_.mutable_finish_time() = grpcx::ToProtoTime(now);
    }
    if (absl::Status saved = SaveJob(); !saved.ok()) return saved;
  }
  answer();
  if (!failure.ok()) return failure;
  if (!complete) return absl::CancelledError("the import stream was cancelled");
  return absl::OkStatus();
}

}  // namespace tmk::contacts
