#include "services/reporting/api/reporting_service.h"

#include "services/common/grpc/status_mapping.h"
#include "services/reporting/api/report_request.h"

namespace tmk::reporting {
namespace {

// A stream that only carries an error.
class RefusedStream final : public grpc::ServerWriteReactor<rv1::StreamLiveFloorResponse> {
 public:
  explicit RefusedStream(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerWriteReactor<rv1::StreamLiveFloorResponse>* ReportingService::StreamLiveFloor(
    grpc::CallbackServerContext* context, const rv1::StreamLiveFloorRequest* request) {
  const std::string& domain = runtime_.calls().error_domain();
  absl::StatusOr<auth::Principal> who = runtime_.calls().Authenticate(*context);
  if (!who.ok()) return new RefusedStream(grpcx::ToGrpcStatus(who.status(), domain));
  absl::Status allowed =
      AuthorizeReport(*who, runtime_.context().region, request->filter(), false, "watch the live floor");
  if (allowed.ok() && (request->min_interval().seconds() < 0 || request->min_interval().nanos() < 0)) {
    allowed = InvalidField("min_interval", "must not be negative");
  }
  if (!allowed.ok()) return new RefusedStream(grpcx::ToGrpcStatus(allowed, domain));
  return new LiveFloorStream(hub_, *std::move(who), *request);
}

}  // namespace tmk::reporting
