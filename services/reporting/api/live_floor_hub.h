#pragma once
// Pushes the live floor to every StreamLiveFloor subscriber (R29) from one thread: it wakes on a
// change of the LiveFloor (or every 100 ms), refreshes the day's figures from the rollups at most
// once a second when events arrived, and writes to each stream whose last push is older than its
// minimum interval. No subscriber ever polls the database.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <chrono>
#include <mutex>
#include <set>
#include <thread>

#include "services/common/auth/principal.h"
#include "services/common/core/clock.h"
#include "services/common/pg/pg_pool.h"
#include "services/reporting/api/live_floor.h"
#include "services/reporting/store/live_figures_store.h"
#include "telemarketing/reporting/v1/reporting_service.pb.h"

namespace tmk::reporting {

class LiveFloorHub;

// One subscriber's stream; deletes itself when gRPC is done with it.
class LiveFloorStream final
    : public grpc::ServerWriteReactor<telemarketing::reporting::v1::StreamLiveFloorResponse> {
 public:
  LiveFloorStream(LiveFloorHub& hub, auth::Principal who,
                  telemarketing::reporting::v1::StreamLiveFloorRequest request);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

  // Called by the hub thread: pushes when the floor moved and the interval passed.
  void MaybePush(const LiveFloor& floor, uint64_t version, TimePoint now);
  // Ends the stream with `status` (once).
  void End(const grpc::Status& status);

 private:
  LiveFloorHub& hub_;
  const auth::Principal who_;
  const telemarketing::reporting::v1::StreamLiveFloorRequest request_;
  const std::chrono::milliseconds interval_;
  std::mutex mu_;
  bool writing_ = false;
  bool finished_ = false;
  uint64_t pushed_version_ = 0;
  std::chrono::steady_clock::time_point last_push_{};
  telemarketing::reporting::v1::StreamLiveFloorResponse pending_;
};

class LiveFloorHub {
 public:
  LiveFloorHub(LiveFloor& floor, pg::PgPool& pool, const Clock& clock)
      : floor_(floor), pool_(pool), clock_(clock) {}
  ~LiveFloorHub() { Stop(); }

  void Start();
  void Stop();

  void Add(LiveFloorStream* stream);
  void Remove(LiveFloorStream* stream);
  const Clock& clock() const { return clock_; }

 private:
  void Run();
  void RefreshFigures();

  LiveFloor& floor_;
  pg::PgPool& pool_;
  const Clock& clock_;
  LiveFiguresStore figures_;
  std::mutex mu_;
  std::set<LiveFloorStream*> streams_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

}  // namespace tmk::reporting
