// Bulk import through the client-streaming RPC against the running suite: both modes, row errors
// with line numbers, dedupe by phone, GetImportJob/ListImportRowErrors, and CustomerSnapshot
// events on Kafka for the imported customers.
#include <gtest/gtest.h>

#include <cstdio>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/events/v1/contacts_events.pb.h"
#include "tests/support/kafka_support.h"
#include "tests/support/contacts_suite_test.h"
#include "tests/support/suite_process.h"
#include "tests/support/test_env.h"

namespace tmk {
namespace {

namespace v1 = telemarketing::contacts::v1;

class ImportEndToEnd : public testing::ContactsSuiteTest<ImportEndToEnd> {
 public:  // read by ContactsSuiteTest
  static testing::SuiteProcess::Options SuiteOptions() { return {}; }

 protected:
  static v1::ImportSpec Spec(v1::ImportMode mode) {
    v1::ImportSpec spec;
    spec.set_request_id(testing::UniqueName("imp"));
    spec.set_mode(mode);
    spec.set_source_name("e2e.csv");
    for (const char* c : {"name", "mobile", "gender", "vip", "notes"}) spec.add_columns(c);
    (*spec.mutable_column_mapping())["name"] = "display_name";
    (*spec.mutable_column_mapping())["mobile"] = "contact_points.mobile";
    (*spec.mutable_column_mapping())["gender"] = "gender";
    (*spec.mutable_column_mapping())["vip"] = "vip_tier";
    return spec;
  }

  // A unique, valid mobile number for row `i` (< 10,000) of a run: 13x, then base and row on four
  // digits each (unpadded, a small base made numbers too short to be mobiles).
  static std::string Phone(int base, int i) {
    char digits[32];
    std::snprintf(digits, sizeof digits, "1%d%04d%04d", 37 + base % 3, base % 10000, i);
    return digits;
  }

  // Streams `rows` (line = index + 2) in batches of `batch`.
  v1::ImportCustomersResponse Import(const v1::ImportSpec& spec,
                                     const std::vector<std::vector<std::string>>& rows,
                                     grpc::Status* status, int batch = 50) {
    grpc::ClientContext context;
    v1::ImportCustomersResponse response;
    auto writer = stub_->ImportCustomers(&context, &response);
    v1::ImportCustomersRequest first;
    *first.mutable_spec() = spec;
    EXPECT_TRUE(writer->Write(first));
    for (size_t i = 0; i < rows.size(); i += batch) {
      v1::ImportCustomersRequest message;
      for (size_t j = i; j < std::min(rows.size(), i + batch); ++j) {
        v1::ImportRow* row = message.mutable_rows()->add_rows();
        row->set_line_number(static_cast<long long>(j) + 2);
        for (const auto& v : rows[j]) row->add_values(v);
      }
      if (!writer->Write(message)) break;
    }
    writer->WritesDone();
    *status = writer->Finish();
    return response;
  }

  long long Count(const std::string& sql) {
    pqxx::connection connection(suite_->pg_dsn());
    pqxx::nontransaction tx(connection);
    return tx.exec(sql)[0][0].as<long long>();
  }

};


TEST_F(ImportEndToEnd, ResumableKeepsGoodRowsReportsBadOnesAndDedupes) {
  testing::TopicReader reader(testing::KafkaBrokers(), "tm.contacts.v1");
  const int base = static_cast<int>(std::time(nullptr) % 9000) + 1;
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 300; ++i) {
    rows.push_back({absl::StrCat("客户", i), Phone(base, i), i % 2 ? "女" : "MALE", "GOLD", "x"});
  }
  rows[10][1] = "12345";               // line 12: malformed phone
  rows[20] = {"short", "13800000000"};  // line 22: column count
  rows[30][0] = "";                    // line 32: missing name
  rows[40][1] = rows[41][1];           // lines 42/43: same phone -> line 43 is a duplicate
  rows[50][3] = "BRONZE";              // line 52: invalid enum
  grpc::Status status;
  v1::ImportCustomersResponse response = Import(Spec(v1::IMPORT_MODE_RESUMABLE), rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::ImportJob& job = response.job();
  EXPECT_EQ(job.state(), v1::IMPORT_JOB_STATE_SUCCEEDED_WITH_ERRORS);
  EXPECT_EQ(job.rows_received(), 300);
  EXPECT_EQ(job.rows_rejected(), 4);
  EXPECT_EQ(job.rows_duplicate(), 1);
  EXPECT_EQ(job.rows_imported(), 295);
  EXPECT_EQ(job.committed_through_line(), 301);
  ASSERT_EQ(job.ignored_columns_size(), 1);
  EXPECT_EQ(job.ignored_columns(0), "notes");
  std::map<long long, v1::ImportRowErrorReason> reasons;
  for (const auto& e : response.row_errors()) reasons[e.line_number()] = e.reason();
  EXPECT_EQ(reasons, (std::map<long long, v1::ImportRowErrorReason>{
                         {12, v1::IMPORT_ROW_ERROR_REASON_MALFORMED_PHONE},
                         {22, v1::IMPORT_ROW_ERROR_REASON_COLUMN_COUNT},
                         {32, v1::IMPORT_ROW_ERROR_REASON_MISSING_VALUE},
                         {52, v1::IMPORT_ROW_ERROR_REASON_INVALID_VALUE}}));
  grpc::ClientContext get_context;
  v1::GetImportJobRequest get;
  get.set_import_job_id(job.import_job_id());
  v1::GetImportJobResponse got;
  ASSERT_TRUE(stub_->GetImportJob(&get_context, get, &got).ok());
  EXPECT_EQ(got.import_job().rows_imported(), 295);
  EXPECT_EQ(got.import_job().state(), v1::IMPORT_JOB_STATE_SUCCEEDED_WITH_ERRORS);

  // Row errors page by page, in line order.
  std::vector<long long> lines;
  std::string token;
  do {
    grpc::ClientContext context;
    v1::ListImportRowErrorsRequest list;
    list.set_import_job_id(job.import_job_id());
    list.set_page_size(3);
    list.set_page_token(token);
    v1::ListImportRowErrorsResponse page;
    ASSERT_TRUE(stub_->ListImportRowErrors(&context, list, &page).ok());
    for (const auto& e : page.row_errors()) lines.push_back(e.line_number());
    token = page.next_page_token();
  } while (!token.empty());
  EXPECT_EQ(lines, (std::vector<long long>{12, 22, 32, 52}));

  // Re-importing the same rows: every good row is now a duplicate of an existing customer.
  v1::ImportCustomersResponse again = Import(Spec(v1::IMPORT_MODE_RESUMABLE), rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(again.job().rows_imported(), 0);
  EXPECT_EQ(again.job().rows_duplicate(), 296);

  // One CustomerSnapshot per imported customer reaches tm.contacts.v1.
  std::set<std::string> names;
  reader.ReadUntil(
      [&](const auto& got) {
        names.clear();
        for (const auto& e : got) {
          telemarketing::events::v1::CustomerSnapshot snapshot;
          if (e.type == "telemarketing.events.v1.CustomerSnapshot" &&
              snapshot.ParseFromString(e.payload) &&
              snapshot.customer().source() == "import:" + job.import_job_id()) {
            names.insert(snapshot.customer().display_name());
          }
        }
        return names.size() >= 295;
      },
      std::chrono::seconds(60));
  EXPECT_EQ(names.size(), 295u);
}

TEST_F(ImportEndToEnd, AllOrNothingWithABadRowWritesNothingAndFails) {
  const int base = static_cast<int>(std::time(nullptr) % 9000) + 7;
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 200; ++i) {
    rows.push_back({absl::StrCat("全有", i), Phone(base + 1, i), "", "", ""});
  }
  rows[150][1] = "999";  // line 152
  long long before = Count("SELECT count(*) FROM contacts.customers");
  long long outbox_before = Count("SELECT count(*) FROM contacts.outbox");
  grpc::Status status;
  v1::ImportCustomersResponse response = Import(Spec(v1::IMPORT_MODE_ALL_OR_NOTHING), rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.job().state(), v1::IMPORT_JOB_STATE_FAILED);
  EXPECT_EQ(response.job().rows_imported(), 0);
  ASSERT_EQ(response.row_errors_size(), 1);
  EXPECT_EQ(response.row_errors(0).line_number(), 152);
  EXPECT_EQ(response.row_errors(0).reason(), v1::IMPORT_ROW_ERROR_REASON_MALFORMED_PHONE);
  EXPECT_EQ(Count("SELECT count(*) FROM contacts.customers"), before);
  EXPECT_EQ(Count("SELECT count(*) FROM contacts.outbox"), outbox_before);

  // The same file fixed goes in whole.
  rows[150][1] = Phone(base + 1, 150);
  v1::ImportCustomersResponse fixed = Import(Spec(v1::IMPORT_MODE_ALL_OR_NOTHING), rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(fixed.job().state(), v1::IMPORT_JOB_STATE_SUCCEEDED);
  EXPECT_EQ(fixed.job().rows_imported(), 200);
  EXPECT_EQ(Count("SELECT count(*) FROM contacts.customers"), before + 200);
}

TEST_F(ImportEndToEnd, AResentRequestIdReplaysTheOutcomeAndABadSpecIsInvalidArgument) {
  const int base = static_cast<int>(std::time(nullptr) % 9000) + 13;
  std::vector<std::vector<std::string>> rows{{"甲", Phone(base + 2, 1), "", "", ""}};
  v1::ImportSpec spec = Spec(v1::IMPORT_MODE_RESUMABLE);
  grpc::Status status;
  v1::ImportCustomersResponse first = Import(spec, rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  v1::ImportCustomersResponse second = Import(spec, rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(second.job().import_job_id(), first.job().import_job_id());
  EXPECT_EQ(second.job().rows_imported(), 1);

  v1::ImportSpec bad = Spec(v1::IMPORT_MODE_RESUMABLE);
  (*bad.mutable_column_mapping())["notes"] = "favourite_colour";
  Import(bad, rows, &status);
  EXPECT_EQ(status.error_code(), grpc::StatusCode::INVALID_ARGUMENT) << status.error_message();
}

}  // namespace
}  // namespace tmk
