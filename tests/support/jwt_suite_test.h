#pragma once
// A GoogleTest suite sharing one running server with JWT authentication (started once for the
// suite, stopped after it), in region "gd", hosting the services the suite names; calls are made
// as any subject and roles of that region. A suite that declares its own kRegion (and starts its
// own server in it, e.g. with StartDialingSuite) is called in that region instead.
//
//   class AgentsEndToEnd : public testing::JwtSuiteTest<AgentsEndToEnd> {
//    public:  // read by JwtSuiteTest
//     static constexpr char kServices[] = "dialing";
//   };
#include <grpcpp/grpcpp.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "tests/support/suite_process.h"
#include "tests/support/suite_tokens.h"

namespace tmk::testing {

template <class Suite>
class JwtSuiteTest : public ::testing::Test {
 protected:
  static constexpr char kRegion[] = "gd";

  static void SetUpTestSuite() {
    SuiteProcess::Options options;
    options.region = Suite::kRegion;
    options.services = Suite::kServices;
    options.extra_args = JwtServerArgs();
    suite_ = new SuiteProcess(options);
  }
  static void TearDownTestSuite() {
    delete suite_;
    suite_ = nullptr;
  }
  void SetUp() override { ASSERT_TRUE(suite_->running()) << Tail(suite_->log_path()); }

  // A call as `who` with `roles` (a supervisor unless they say otherwise) in the suite's region.
  static std::unique_ptr<grpc::ClientContext> As(const std::string& who,
                                                 std::vector<std::string> roles = {"supervisor"}) {
    auto context = std::make_unique<grpc::ClientContext>();
    context->AddMetadata("authorization", BearerToken(who, std::move(roles), {Suite::kRegion}));
    return context;
  }

  static inline SuiteProcess* suite_ = nullptr;
};

}  // namespace tmk::testing
