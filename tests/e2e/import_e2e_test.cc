// Bulk import through the client-streaming RPC against the running suite (R1, R2, R3, R8): both
// modes, row errors with line numbers, dedupe by phone within a batch, across batches and against
// stored customers, MERGE and REJECT, an interrupted import resumed, the list an import creates,
// GetImportJob/ListImportRowErrors, and CustomerSnapshot events on Kafka for the imported
// customers.
#include <gtest/gtest.h>

#include <cstdio>
#include <thread>
#include <pqxx/pqxx>

#include "absl/strings/str_cat.h"
#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "telemarketing/events/v1/contacts_events.pb.h"
#include "tests/support/contacts_suite_test.h"
#include "tests/support/kafka_support.h"
#include "tests/support/rpc_error.h"
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

  // The customer ids of the CustomerSnapshots on tm.contacts.v1 by source ("import:<job id>"),
  // read until `job_id`'s number `at_least` (names are not shared by the default sharing policy,
  // so customers are told apart by id).
  static std::map<std::string, std::set<std::string>> ImportedSnapshots(
      testing::TopicReader& reader, const std::string& job_id, size_t at_least) {
    std::map<std::string, std::set<std::string>> by_source;
    reader.ReadUntil(
        [&](const auto& got) {
          by_source.clear();
          for (const auto& e : got) {
            telemarketing::events::v1::CustomerSnapshot snapshot;
            if (e.type == "telemarketing.events.v1.CustomerSnapshot" &&
                snapshot.ParseFromString(e.payload)) {
              by_source[snapshot.customer().source()].insert(snapshot.customer().customer_id());
            }
          }
          return by_source["import:" + job_id].size() >= at_least;
        },
        std::chrono::seconds(60));
    return by_source;
  }

  long long Count(const std::string& sql) {
    pqxx::connection connection(suite_->pg_dsn());
    pqxx::nontransaction tx(connection);
    return tx.exec(sql)[0][0].as<long long>();
  }

  // This region's own customers: replicas of other regions' customers arrive meanwhile (R32).
  long long OwnedCustomers() {
    return Count(
        "SELECT count(*) FROM contacts.customers c WHERE NOT EXISTS"
        " (SELECT 1 FROM contacts.customer_replicas r WHERE r.customer_id = c.customer_id)");
  }

  v1::Customer Lookup(const std::string& phone) {
    grpc::ClientContext context;
    v1::LookupCustomersByPhoneRequest request;
    request.set_phone_number(phone);
    v1::LookupCustomersByPhoneResponse response;
    grpc::Status status = stub_->LookupCustomersByPhone(&context, request, &response);
    EXPECT_TRUE(status.ok()) << status.error_message();
    EXPECT_EQ(response.customers_size(), 1) << phone;
    return response.customers_size() > 0 ? response.customers(0) : v1::Customer();
  }

  v1::ImportJob GetJob(const std::string& id) {
    grpc::ClientContext context;
    v1::GetImportJobRequest request;
    request.set_import_job_id(id);
    v1::GetImportJobResponse response;
    EXPECT_TRUE(stub_->GetImportJob(&context, request, &response).ok());
    return response.import_job();
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
  const std::set<std::string> ids =
      ImportedSnapshots(reader, job.import_job_id(), 295)["import:" + job.import_job_id()];
  EXPECT_EQ(ids.size(), 295u);
}

// A client sending big messages (tmctl sends 5000 rows): the server prepares a message's rows on
// several cores, and rows, errors and duplicates still come out in file order.
TEST_F(ImportEndToEnd, BigMessagesKeepFileOrderAcrossCores) {
  const int base = static_cast<int>(std::time(nullptr) % 9000) + 11;
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 3000; ++i) {
    rows.push_back({absl::StrCat("多核", i), Phone(base + 6, i), "", "", ""});
  }
  rows[3][1] = "123";                 // line 5, the first chunk
  rows[1600][3] = "BRONZE";           // line 1602, a later chunk
  rows[2998] = {"short"};             // line 3000, the last chunk
  rows[2500][1] = rows[100][1];       // line 2502 repeats line 102's phone: a duplicate
  grpc::Status status;
  v1::ImportCustomersResponse response =
      Import(Spec(v1::IMPORT_MODE_RESUMABLE), rows, &status, /*batch=*/3000);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.job().rows_received(), 3000);
  EXPECT_EQ(response.job().rows_rejected(), 3);
  EXPECT_EQ(response.job().rows_duplicate(), 1);
  EXPECT_EQ(response.job().customers_created(), 2996);
  std::vector<long long> lines;
  for (const auto& e : response.row_errors()) lines.push_back(e.line_number());
  EXPECT_EQ(lines, (std::vector<long long>{5, 1602, 3000}));
  // Each stored customer is its own row: names and numbers did not cross between rows.
  for (int i : {0, 999, 1000, 1601, 2499, 2999}) {
    EXPECT_EQ(Lookup(Phone(base + 6, i)).display_name(), absl::StrCat("多核", i)) << i;
  }
  EXPECT_EQ(Lookup(Phone(base + 6, 100)).display_name(), "多核100");  // the first of the two
}

TEST_F(ImportEndToEnd, AllOrNothingWithABadRowWritesNothingAndFails) {
  const int base = static_cast<int>(std::time(nullptr) % 9000) + 7;
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 200; ++i) {
    rows.push_back({absl::StrCat("全有", i), Phone(base + 1, i), "", "", ""});
  }
  rows[150][1] = "999";  // line 152
  testing::TopicReader reader(testing::KafkaBrokers(), "tm.contacts.v1");
  long long before = OwnedCustomers();
  grpc::Status status;
  v1::ImportCustomersResponse response = Import(Spec(v1::IMPORT_MODE_ALL_OR_NOTHING), rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.job().state(), v1::IMPORT_JOB_STATE_FAILED);
  EXPECT_EQ(response.job().rows_imported(), 0);
  ASSERT_EQ(response.row_errors_size(), 1);
  EXPECT_EQ(response.row_errors(0).line_number(), 152);
  EXPECT_EQ(response.row_errors(0).reason(), v1::IMPORT_ROW_ERROR_REASON_MALFORMED_PHONE);
  EXPECT_EQ(OwnedCustomers(), before);

  // The same file fixed goes in whole.
  rows[150][1] = Phone(base + 1, 150);
  v1::ImportCustomersResponse fixed = Import(Spec(v1::IMPORT_MODE_ALL_OR_NOTHING), rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(fixed.job().state(), v1::IMPORT_JOB_STATE_SUCCEEDED);
  EXPECT_EQ(fixed.job().rows_imported(), 200);
  EXPECT_EQ(OwnedCustomers(), before + 200);

  // The failed job published nothing: by the time the fixed job's 200 snapshots are on
  // tm.contacts.v1, none of the failed one's is.
  auto by_source = ImportedSnapshots(reader, fixed.job().import_job_id(), 200);
  EXPECT_EQ(by_source["import:" + fixed.job().import_job_id()].size(), 200u);
  EXPECT_EQ(by_source.count("import:" + response.job().import_job_id()), 0u);
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

TEST_F(ImportEndToEnd, CustomAttributeColumnsNeedADefinitionAndTakeItsType) {
  const int base = static_cast<int>(std::time(nullptr) % 9000) + 29;
  v1::ImportSpec spec = Spec(v1::IMPORT_MODE_RESUMABLE);
  (*spec.mutable_column_mapping())["notes"] = "custom_attributes.household_size";
  std::vector<std::vector<std::string>> rows{{"甲", Phone(base, 1), "", "", "4"},
                                             {"乙", Phone(base, 2), "", "", "four"}};
  grpc::Status status;
  Import(spec, rows, &status);
  // Not defined yet (in a fresh schema): the whole import is refused before any row (R1).
  if (status.error_code() == grpc::StatusCode::INVALID_ARGUMENT) {
    EXPECT_EQ(testing::FieldViolations(status).count("spec.column_mapping[notes]"), 1u)
        << status.error_message();
    grpc::ClientContext context;
    v1::LookupCustomersByPhoneRequest lookup;
    lookup.set_phone_number(Phone(base, 1));
    v1::LookupCustomersByPhoneResponse found;
    ASSERT_TRUE(stub_->LookupCustomersByPhone(&context, lookup, &found).ok());
    EXPECT_EQ(found.customers_size(), 0);
  }
  {
    grpc::ClientContext context;
    v1::CreateAttributeDefinitionRequest define;
    define.set_request_id("import-e2e-household-size");
    define.mutable_attribute_definition()->set_attribute_key("household_size");
    define.mutable_attribute_definition()->set_type(v1::ATTRIBUTE_TYPE_INT);
    v1::CreateAttributeDefinitionResponse defined;
    grpc::Status created = stub_->CreateAttributeDefinition(&context, define, &defined);
    ASSERT_TRUE(created.ok()) << created.error_message();
  }
  spec.set_request_id(testing::UniqueName("imp"));
  v1::ImportCustomersResponse response = Import(spec, rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.job().rows_imported(), 1);
  ASSERT_EQ(response.row_errors_size(), 1);
  EXPECT_EQ(response.row_errors(0).line_number(), 3);
  EXPECT_EQ(response.row_errors(0).reason(), v1::IMPORT_ROW_ERROR_REASON_INVALID_VALUE);
  v1::Customer imported = Lookup(Phone(base, 1));
  ASSERT_EQ(imported.custom_attributes().count("household_size"), 1u);
  EXPECT_EQ(imported.custom_attributes().at("household_size").int_value(), 4);
}

TEST_F(ImportEndToEnd, MergeFillsEmptyFieldsAddsNumbersRecordsHistoryAndFormsAList) {
  const int base = static_cast<int>(std::time(nullptr) % 9000) + 19;
  const std::string p1 = Phone(base + 3, 1), p2 = Phone(base + 3, 2), p3 = Phone(base + 3, 3);
  grpc::Status status;
  v1::ImportCustomersResponse first =
      Import(Spec(v1::IMPORT_MODE_RESUMABLE), {{"李雷", p1, "", "GOLD", ""}}, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const std::string stored_id = Lookup(p1).customer_id();

  v1::ImportSpec spec = Spec(v1::IMPORT_MODE_RESUMABLE);
  spec.set_duplicate_policy(v1::DUPLICATE_POLICY_MERGE);
  spec.set_create_list(true);
  spec.set_list_display_name("merged import");
  v1::ImportCustomersResponse merged = Import(
      spec,
      {{"李雷雷", p1 + ";" + p2, "女", "SILVER", ""},  // line 2: fills gender, adds p2, keeps GOLD
       {"韩梅梅", p3, "", "", ""},                     // line 3: a new customer
       {"韩梅梅", p3, "女", "", ""},                   // line 4: merged into line 3's customer
       {"李雷", p2, "", "PLATINUM", ""}},              // line 5: reaches the stored one by p2
      &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  const v1::ImportJob& job = merged.job();
  EXPECT_EQ(job.state(), v1::IMPORT_JOB_STATE_SUCCEEDED);
  EXPECT_EQ(job.customers_created(), 1);
  EXPECT_EQ(job.customers_updated(), 1);
  EXPECT_EQ(job.rows_duplicate(), 3);
  EXPECT_EQ(job.rows_imported(), 4);

  v1::Customer stored = Lookup(p2);
  EXPECT_EQ(stored.customer_id(), stored_id);
  EXPECT_EQ(stored.display_name(), "李雷");
  EXPECT_EQ(stored.gender(), v1::GENDER_FEMALE);
  EXPECT_EQ(stored.vip_tier(), v1::VIP_TIER_GOLD);
  EXPECT_EQ(stored.contact_points_size(), 2);
  v1::Customer created = Lookup(p3);
  EXPECT_EQ(created.display_name(), "韩梅梅");
  EXPECT_EQ(created.gender(), v1::GENDER_FEMALE);

  // The merge is in the profile history with origin IMPORT (R3).
  grpc::ClientContext history_context;
  v1::ListProfileChangesRequest history;
  history.set_customer_id(stored_id);
  v1::ListProfileChangesResponse changes;
  ASSERT_TRUE(stub_->ListProfileChanges(&history_context, history, &changes).ok());
  std::set<std::string> paths;
  for (const auto& c : changes.changes()) {
    EXPECT_EQ(c.origin(), v1::CHANGE_ORIGIN_IMPORT);
    paths.insert(c.field_path());
  }
  EXPECT_EQ(paths, (std::set<std::string>{"gender", "contact_points"}));

  // The list holds every customer the file resolved to, once each (R8).
  ASSERT_FALSE(job.list_id().empty());
  grpc::ClientContext list_context;
  v1::GetContactListRequest get_list;
  get_list.set_list_id(job.list_id());
  v1::GetContactListResponse list;
  ASSERT_TRUE(stub_->GetContactList(&list_context, get_list, &list).ok());
  EXPECT_EQ(list.contact_list().origin(), v1::CONTACT_LIST_ORIGIN_IMPORT);
  EXPECT_EQ(list.contact_list().state(), v1::CONTACT_LIST_STATE_READY);
  EXPECT_EQ(list.contact_list().import_job_id(), job.import_job_id());
  EXPECT_EQ(list.contact_list().member_count(), 2);
}

TEST_F(ImportEndToEnd, RejectReportsDuplicatesAcrossBatchesWithTheirLines) {
  const int base = static_cast<int>(std::time(nullptr) % 9000) + 23;
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 120; ++i) rows.push_back({absl::StrCat("拒", i), Phone(base + 4, i), "", "", ""});
  rows[5][1] = rows[2][1];    // line 7: duplicates line 4 in the same batch
  rows[90][1] = rows[10][1];  // line 92: duplicates line 12, stored by an earlier batch
  v1::ImportSpec spec = Spec(v1::IMPORT_MODE_RESUMABLE);
  spec.set_duplicate_policy(v1::DUPLICATE_POLICY_REJECT);
  grpc::Status status;
  v1::ImportCustomersResponse response = Import(spec, rows, &status, /*batch=*/50);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(response.job().state(), v1::IMPORT_JOB_STATE_SUCCEEDED_WITH_ERRORS);
  EXPECT_EQ(response.job().rows_imported(), 118);
  EXPECT_EQ(response.job().rows_rejected(), 2);
  ASSERT_EQ(response.row_errors_size(), 2);
  EXPECT_EQ(response.row_errors(0).line_number(), 7);
  EXPECT_EQ(response.row_errors(1).line_number(), 92);
  for (const auto& e : response.row_errors()) {
    EXPECT_EQ(e.reason(), v1::IMPORT_ROW_ERROR_REASON_DUPLICATE);
    EXPECT_EQ(e.message().find(Phone(base + 4, 2)), std::string::npos) << "no number stored (R6)";
  }
}

TEST_F(ImportEndToEnd, AnInterruptedImportResumesAfterItsLastCommittedLine) {
  const int base = static_cast<int>(std::time(nullptr) % 9000) + 29;
  std::vector<std::vector<std::string>> rows;
  for (int i = 0; i < 400; ++i) rows.push_back({absl::StrCat("续", i), Phone(base + 5, i), "", "", ""});
  const long long before = OwnedCustomers();
  v1::ImportSpec spec = Spec(v1::IMPORT_MODE_RESUMABLE);

  // Two batches, then the client goes away once the first is committed.
  std::string job_id;
  {
    grpc::ClientContext context;
    v1::ImportCustomersResponse response;
    auto writer = stub_->ImportCustomers(&context, &response);
    v1::ImportCustomersRequest first;
    *first.mutable_spec() = spec;
    ASSERT_TRUE(writer->Write(first));
    for (int b = 0; b < 2; ++b) {
      v1::ImportCustomersRequest message;
      for (int j = b * 100; j < (b + 1) * 100; ++j) {
        v1::ImportRow* row = message.mutable_rows()->add_rows();
        row->set_line_number(j + 2);
        for (const auto& v : rows[j]) row->add_values(v);
      }
      ASSERT_TRUE(writer->Write(message));
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (job_id.empty() && std::chrono::steady_clock::now() < deadline) {
      grpc::ClientContext list_context;
      v1::ListImportJobsRequest list;
      list.set_page_size(20);
      v1::ListImportJobsResponse jobs;
      ASSERT_TRUE(stub_->ListImportJobs(&list_context, list, &jobs).ok());
      for (const auto& j : jobs.import_jobs()) {
        if (j.spec().request_id() == spec.request_id() && j.committed_through_line() >= 101) {
          job_id = j.import_job_id();
        }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    ASSERT_FALSE(job_id.empty()) << "the first batch was never committed";
    context.TryCancel();
    writer->Finish();
  }
  v1::ImportJob interrupted;
  for (int i = 0; i < 100; ++i) {
    interrupted = GetJob(job_id);
    if (interrupted.state() != v1::IMPORT_JOB_STATE_RUNNING) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_EQ(interrupted.state(), v1::IMPORT_JOB_STATE_INTERRUPTED);
  const long long committed = interrupted.committed_through_line();
  EXPECT_TRUE(committed == 101 || committed == 201) << committed;
  EXPECT_EQ(OwnedCustomers(), before + committed - 1);

  // The whole file again, resumed: rows up to the committed line are passed over.
  v1::ImportSpec resumed = spec;
  resumed.set_resume_import_job_id(job_id);
  grpc::Status status;
  v1::ImportCustomersResponse done = Import(resumed, rows, &status);
  ASSERT_TRUE(status.ok()) << status.error_message();
  EXPECT_EQ(done.job().import_job_id(), job_id);
  EXPECT_EQ(done.job().state(), v1::IMPORT_JOB_STATE_SUCCEEDED);
  EXPECT_EQ(done.job().rows_imported(), 400);
  EXPECT_EQ(done.job().rows_duplicate(), 0);
  EXPECT_EQ(OwnedCustomers(), before + 400);
}

}  // namespace
}  // namespace tmk
