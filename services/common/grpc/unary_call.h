#pragma once
// Runs a unary RPC the same way for every service: authenticate, hand the blocking work to the
// executor, map its status in one place. A handler then reads like a sentence (ARCHITECTURE.md):
//
//   return calls_.Unary(ctx, [=](const auth::Principal& who) { return DoCreate(who, *req, resp); });
#include <grpcpp/grpcpp.h>

#include <exception>
#include <string>
#include <utility>

#include "absl/status/status.h"
#include "services/common/auth/authenticator.h"
#include "services/common/grpc/blocking_executor.h"
#include "services/common/grpc/status_mapping.h"
#include "services/common/log/logger.h"

namespace tmk::grpcx {

// The bearer token of a call, from its `authorization` metadata ("" when absent).
std::string AuthorizationHeader(const grpc::CallbackServerContext& context);

class UnaryCalls {
 public:
  UnaryCalls(const auth::Authenticator& authenticator, BlockingExecutor& executor,
             std::string error_domain)
      : authenticator_(authenticator), executor_(executor), domain_(std::move(error_domain)) {}

  // The caller of a call, from its bearer token (streaming handlers authenticate with this).
  absl::StatusOr<auth::Principal> Authenticate(const grpc::CallbackServerContext& context) const {
    return authenticator_.Authenticate(AuthorizationHeader(context));
  }
  const std::string& error_domain() const { return domain_; }

  // `work(principal)` runs on a worker thread and returns the call's status; the response
  // message it fills is sent when it returns OK.
  template <class Work>
  grpc::ServerUnaryReactor* Unary(grpc::CallbackServerContext* context, Work work) {
    grpc::ServerUnaryReactor* reactor = context->DefaultReactor();
    absl::StatusOr<auth::Principal> principal = Authenticate(*context);
    if (!principal.ok()) {
      reactor->Finish(ToGrpcStatus(principal.status(), domain_));
      return reactor;
    }
    bool queued = executor_.TrySubmit(
        [this, reactor, work = std::move(work), who = *std::move(principal)]() mutable {
          absl::Status status;
          try {
            status = work(static_cast<const auth::Principal&>(who));
          } catch (const std::exception& e) {
            // A broken invariant: loud in the log, opaque to the client.
            log::Error("handler threw", {{"error", e.what()}});
            status = absl::InternalError(e.what());
          }
          reactor->Finish(ToGrpcStatus(status, domain_));
        });
    if (!queued) {
      reactor->Finish(ToGrpcStatus(absl::ResourceExhaustedError("server busy; retry later"), domain_));
    }
    return reactor;
  }

  // A service class's RPC override forwarding to `api.*handler(who, request, response)`, the
  // shape of every unary handler in the suite.
  template <class Api, class Request, class Response>
  grpc::ServerUnaryReactor* Delegate(grpc::CallbackServerContext* context, Api& api,
                                     absl::Status (Api::*handler)(const auth::Principal&,
                                                                  const Request&, Response&),
                                     const Request* request, Response* response) {
    return Unary(context, [&api, handler, request, response](const auth::Principal& who) {
      return (api.*handler)(who, *request, *response);
    });
  }

 private:
  const auth::Authenticator& authenticator_;
  BlockingExecutor& executor_;
  const std::string domain_;
};

}  // namespace tmk::grpcx
