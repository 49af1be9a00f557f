#pragma once
// A GoogleTest suite sharing one running server (started once for the suite, stopped after it)
// and a ContactsService stub, for end-to-end tests of the contacts service.
//
//   class ImportEndToEnd : public testing::ContactsSuiteTest<ImportEndToEnd> {};
//
// A suite that needs other server settings defines `static SuiteProcess::Options SuiteOptions()`.
#include <gtest/gtest.h>

#include <memory>

#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"
#include "tests/support/suite_process.h"

namespace tmk::testing {

template <class Suite>
class ContactsSuiteTest : public ::testing::Test {
 protected:
  static SuiteProcess::Options SuiteOptions() { return {"e2e", "contacts"}; }

  static void SetUpTestSuite() { suite_ = new SuiteProcess(Suite::SuiteOptions()); }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  void SetUp() override {
    ASSERT_TRUE(suite_->running()) << Tail(suite_->log_path());
    stub_ = telemarketing::contacts::v1::ContactsService::NewStub(suite_->channel());
  }

  static inline SuiteProcess* suite_ = nullptr;
  std::unique_ptr<telemarketing::contacts::v1::ContactsService::Stub> stub_;
};

}  // namespace tmk::testing
