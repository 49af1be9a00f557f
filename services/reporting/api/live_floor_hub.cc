#include "services/reporting/api/live_floor_hub.h"

#include "services/common/log/logger.h"

namespace tmk::reporting {
namespace rv1 = telemarketing::reporting::v1;

namespace {

// StreamLiveFloorRequest.min_interval: default and minimum 250 ms.
std::chrono::milliseconds IntervalOf(const rv1::StreamLiveFloorRequest& request) {
  const auto asked = std::chrono::milliseconds(request.min_interval().seconds() * 1000 +
                                               request.min_interval().nanos() / 1'000'000);
  return std::max(asked, std::chrono::milliseconds(250));
}

}  // namespace

LiveFloorStream::LiveFloorStream(LiveFloorHub& hub, auth::Principal who,
                                 rv1::StreamLiveFloorRequest request)
    : hub_(hub), who_(std::move(who)), request_(std::move(request)), interval_(IntervalOf(request_)) {
  hub_.Add(this);
}

void LiveFloorStream::OnWriteDone(bool ok) {
  std::lock_guard<std::mutex> lock(mu_);
  writing_ = false;
  if (!ok && !finished_) {
    finished_ = true;
    Finish(grpc::Status::CANCELLED);
  }
}

void LiveFloorStream::OnCancel() { End(grpc::Status::CANCELLED); }

void LiveFloorStream::OnDone() {
  hub_.Remove(this);
  delete this;
}

void LiveFloorStream::End(const grpc::Status& status) {
  std::lock_guard<std::mutex> lock(mu_);
  if (finished_) return;
  finished_ = true;
  Finish(status);
}

void LiveFloorStream::MaybePush(const LiveFloor& floor, uint64_t version, TimePoint now) {
  if (now >= who_.expiry && who_.expiry != TimePoint()) {
    End(grpc::Status(grpc::StatusCode::UNAUTHENTICATED, "credential expired"));
    return;
  }
  std::lock_guard<std::mutex> lock(mu_);
  const auto steady = std::chrono::steady_clock::now();
  if (finished_ || writing_ || (pushed_version_ == version && pushed_version_ != 0) ||
      steady - last_push_ < interval_) {
    return;
  }
  *pending_.mutable_floor() = floor.Build(request_.filter(), request_.include_agents(), now);
  pushed_version_ = version;
  last_push_ = steady;
  writing_ = true;
  StartWrite(&pending_);
}

void LiveFloorHub::Start() {
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void LiveFloorHub::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (LiveFloorStream* stream : streams_) {
    stream->End(grpc::Status(grpc::StatusCode::UNAVAILABLE, "server stopping"));
  }
}

void LiveFloorHub::Add(LiveFloorStream* stream) {
  std::lock_guard<std::mutex> lock(mu_);
  streams_.insert(stream);
}

void LiveFloorHub::Remove(LiveFloorStream* stream) {
  std::lock_guard<std::mutex> lock(mu_);
  streams_.erase(stream);
}

void LiveFloorHub::RefreshFigures() {
  const TimePoint now = clock_.Now();
  // "Today" is the UTC day: the rollups' day boundary in the region's zone is a report question.
  const auto day = std::chrono::duration_cast<std::chrono::hours>(now.time_since_epoch()).count() / 24;
  const TimePoint day_start = TimePoint(std::chrono::hours(day * 24));
  LiveFigures figures;
  absl::Status read = pool_.Transact([&](pqxx::work& tx) {
    figures = figures_.Figures(tx, day_start, now);
    return absl::OkStatus();
  });
  if (!read.ok()) {
    log::Warn("live floor figures not refreshed", {{"error", read.message()}});
    return;
  }
  floor_.ApplyFigures(std::move(figures));
}

void LiveFloorHub::Run() {
  uint64_t seen = 0;
  auto last_refresh = std::chrono::steady_clock::time_point{};
  while (!stopping_) {
    seen = floor_.WaitForChange(seen, std::chrono::milliseconds(100));
    bool any;
    {
      std::lock_guard<std::mutex> lock(mu_);
      any = !streams_.empty();
    }
    if (!any) continue;
    const auto steady = std::chrono::steady_clock::now();
    if (steady - last_refresh >= std::chrono::seconds(1) && floor_.TakeFiguresDirty()) {
      last_refresh = steady;
      RefreshFigures();
      seen = floor_.version();
    }
    std::lock_guard<std::mutex> lock(mu_);
    for (LiveFloorStream* stream : streams_) stream->MaybePush(floor_, seen, clock_.Now());
  }
}

}  // namespace tmk::reporting
