#pragma once
// StreamDesktop (R9, R19): one agent session's feed. It opens with a snapshot (the session and the
// offer of the call it holds), then pushes each call offered to the session with its customer,
// script and history (CallOfferBuilder, on the agent's behalf), the connect and the end, as the
// dialer announces them on the DesktopFeed. Offers are built on the blocking executor, never on a
// gRPC or dialer thread. DesktopStreams checks every open stream's session in one query every few
// seconds and sends heartbeats; a stream ends when its session ends.
#include <grpcpp/grpcpp.h>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "services/common/auth/principal.h"
#include "services/common/core/clock.h"
#include "services/common/grpc/blocking_executor.h"
#include "services/common/pg/pg_pool.h"
#include "services/dialing/api/call_offer_builder.h"
#include "services/dialing/api/desktop_feed.h"
#include "telemarketing/dialing/v1/agent_desktop_service.pb.h"

namespace tmk::dialing {

class DesktopStreams;

class DesktopStream final
    : public grpc::ServerWriteReactor<telemarketing::dialing::v1::StreamDesktopResponse> {
 public:
  DesktopStream(DesktopStreams& streams, auth::Principal who, std::string session_id);

  void OnWriteDone(bool ok) override;
  void OnCancel() override;
  void OnDone() override;

  const std::string& session_id() const { return session_id_; }

  // What outlives the reactor: work on the executor finishes against it after gRPC is done.
  struct Core {
    // Recursive: gRPC may run a reaction inline from StartWrite or Finish.
    std::recursive_mutex mu;
    DesktopStream* stream = nullptr;  // null once gRPC is done with the stream
    std::deque<telemarketing::dialing::v1::StreamDesktopResponse> queue;
    bool writing = false;
    bool finishing = false;
    grpc::Status finish_status;
    int64_t sequence = 0;
    // Numbers and sends `message` unless the stream is ending.
    void Push(telemarketing::dialing::v1::StreamDesktopResponse message, TimePoint now);
    void End(const grpc::Status& status);
  };
  const std::shared_ptr<Core>& core() const { return core_; }

 private:
  // Builds the message for `notice` on the executor and pushes it.
  void Notice(const DesktopNotice& notice);
  void Snapshot();

  DesktopStreams& streams_;
  const auth::Principal who_;
  const std::string session_id_;
  std::shared_ptr<Core> core_;
  int subscription_ = 0;
};

class DesktopStreams {
 public:
  DesktopStreams(DesktopFeed& feed, const CallOfferBuilder& offers, pg::PgPool& pool,
                 grpcx::BlockingExecutor& executor, const Clock& clock)
      : feed_(feed), offers_(offers), pool_(pool), executor_(executor), clock_(clock) {}
  ~DesktopStreams() { Stop(); }

  void Start();
  void Stop();

  void Add(DesktopStream* stream);
  void Remove(DesktopStream* stream);

  DesktopFeed& feed() { return feed_; }
  const CallOfferBuilder& offers() const { return offers_; }
  pg::PgPool& pool() { return pool_; }
  grpcx::BlockingExecutor& executor() { return executor_; }
  const Clock& clock() const { return clock_; }

 private:
  void Run();
  void Sweep();

  DesktopFeed& feed_;
  const CallOfferBuilder& offers_;
  pg::PgPool& pool_;
  grpcx::BlockingExecutor& executor_;
  const Clock& clock_;
  std::mutex mu_;
  std::set<DesktopStream*> streams_;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// The reactor of one StreamDesktop call: a DesktopStream for an agent naming a session id (the
// session's ownership is checked by its snapshot), or the call refused with its status.
grpc::ServerWriteReactor<telemarketing::dialing::v1::StreamDesktopResponse>* OpenDesktopStream(
    DesktopStreams& streams, absl::StatusOr<auth::Principal> who, const std::string& region,
    const std::string& error_domain,
    const telemarketing::dialing::v1::StreamDesktopRequest& request);

}  // namespace tmk::dialing
