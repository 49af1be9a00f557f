#include "services/tools/tmctl/contacts_import.h"

#include <grpcpp/grpcpp.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>

#include "services/contacts/domain/import_csv.h"
#include "services/tools/tmctl/import_progress.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"

namespace tmk::tmctl {
namespace v1 = telemarketing::contacts::v1;

namespace {

const char* StateName(v1::ImportJobState state) {
  switch (state) {
    case v1::IMPORT_JOB_STATE_SUCCEEDED: return "succeeded";
    case v1::IMPORT_JOB_STATE_SUCCEEDED_WITH_ERRORS: return "succeeded with errors";
    case v1::IMPORT_JOB_STATE_FAILED: return "failed (nothing written)";
    case v1::IMPORT_JOB_STATE_INTERRUPTED: return "interrupted (resume with the same request id)";
    default: return "unknown";
  }
}

int Fail(const std::string& message) {
  std::fprintf(stderr, "tmctl: %s\n", message.c_str());
  return 3;
}

}  // namespace

int RunContactsImport(const ImportOptions& options) {
  std::ifstream in(options.file, std::ios::binary | std::ios::ate);
  if (!in) return Fail("cannot read " + options.file);
  const int64_t total_bytes = in.tellg();
  in.seekg(0);
  contacts::CsvReader reader(in);
  auto header = reader.Next();
  if (!header.ok()) return Fail(options.file + ": " + std::string(header.status().message()));
  if (!*header) return Fail(options.file + " is empty: the first line must be the header");

  v1::ImportCustomersRequest first;
  v1::ImportSpec* spec = first.mutable_spec();
  spec->set_request_id(options.request_id.empty()
                           ? options.file + ":" + std::to_string(total_bytes)
                           : options.request_id);
  spec->set_mode(options.mode == "all-or-nothing" ? v1::IMPORT_MODE_ALL_OR_NOTHING
                                                  : v1::IMPORT_MODE_RESUMABLE);
  spec->set_source_name(options.file);
  spec->set_duplicate_policy(options.duplicates == "merge"    ? v1::DUPLICATE_POLICY_MERGE
                             : options.duplicates == "reject" ? v1::DUPLICATE_POLICY_REJECT
                                                              : v1::DUPLICATE_POLICY_SKIP);
  if (!options.list_name.empty()) {
    spec->set_create_list(true);
    spec->set_list_display_name(options.list_name);
  }
  for (const std::string& column : (*header)->values) {
    spec->add_columns(column);
    // A column named after a field maps to it; --map names the others.
    auto mapped = options.mapping.find(column);
    (*spec->mutable_column_mapping())[column] = mapped != options.mapping.end() ? mapped->second : column;
  }

  auto channel = grpc::CreateChannel(options.address, grpc::InsecureChannelCredentials());
  auto stub = v1::ContactsService::NewStub(channel);
  grpc::ClientContext context;
  if (!options.token.empty()) context.AddMetadata("authorization", "Bearer " + options.token);
  v1::ImportCustomersResponse response;
  std::unique_ptr<grpc::ClientWriter<v1::ImportCustomersRequest>> writer =
      stub->ImportCustomers(&context, &response);

  const auto start = std::chrono::steady_clock::now();
  ImportProgress progress(options.file, total_bytes, isatty(STDERR_FILENO));
  int64_t rows_sent = 0;
  bool stream_open = writer->Write(first);
  v1::ImportCustomersRequest batch;
  auto flush = [&] {
    if (batch.rows().rows_size() == 0 || !stream_open) return;
    stream_open = writer->Write(batch);
    rows_sent += batch.rows().rows_size();
    batch.mutable_rows()->clear_rows();
    progress.Update(rows_sent, in.tellg() < 0 ? total_bytes : static_cast<int64_t>(in.tellg()));
  };
  while (stream_open) {
    auto record = reader.Next();
    if (!record.ok()) {
      context.TryCancel();
      return Fail(options.file + ": " + std::string(record.status().message()));
    }
    if (!*record) break;
    v1::ImportRow* row = batch.mutable_rows()->add_rows();
    row->set_line_number((*record)->line_number);
    for (std::string& value : (*record)->values) row->add_values(std::move(value));
    if (batch.rows().rows_size() >= options.batch_rows) flush();
  }
  flush();
  progress.Finish(rows_sent, total_bytes);
  writer->WritesDone();
  grpc::Status status = writer->Finish();
  if (!status.ok()) {
    return Fail("import refused (" + std::to_string(status.error_code()) + "): " + status.error_message());
  }

  const v1::ImportJob& job = response.job();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("import %s: %s in %.2f s (%.0f rows/s)\n", job.import_job_id().c_str(),
              StateName(job.state()), seconds, seconds > 0 ? job.rows_received() / seconds : 0.0);
  std::printf("  rows %lld received, %lld imported, %lld rejected, %lld duplicates %s\n",
              static_cast<long long>(job.rows_received()), static_cast<long long>(job.rows_imported()),
              static_cast<long long>(job.rows_rejected()), static_cast<long long>(job.rows_duplicate()),
              options.duplicates == "merge" ? "merged" : "skipped");
  std::printf("  customers %lld created, %lld updated\n",
              static_cast<long long>(job.customers_created()),
              static_cast<long long>(job.customers_updated()));
  if (!job.list_id().empty()) std::printf("  contact list %s\n", job.list_id().c_str());
  int shown = 0;
  for (const v1::ImportRowError& error : response.row_errors()) {
    if (++shown > 20) break;
    std::printf("  line %lld, %s: %s\n", static_cast<long long>(error.line_number()),
                error.column().c_str(), error.message().c_str());
  }
  if (response.row_errors_size() > 20 || response.row_errors_truncated()) {
    std::printf("  … more errors: ListImportRowErrors import_job_id=%s\n", job.import_job_id().c_str());
  }
  return job.state() == v1::IMPORT_JOB_STATE_SUCCEEDED ? 0 : 1;
}

}  // namespace tmk::tmctl
