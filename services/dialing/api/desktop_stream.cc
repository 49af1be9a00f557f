#include "services/dialing/api/desktop_stream.h"

#include <chrono>

#include "absl/strings/str_cat.h"
#include "services/common/auth/authorization.h"
#include "services/common/core/status_details.h"
#include "services/common/grpc/proto_conversions.h"
#include "services/common/grpc/resource_conventions.h"
#include "services/common/grpc/status_mapping.h"
#include "services/dialing/store/agent_session_store.h"
#include "services/dialing/store/agent_store.h"

namespace tmk::dialing {
namespace v1 = telemarketing::dialing::v1;

namespace {

constexpr auto kSweep = std::chrono::seconds(5);

// A stream refused before it starts: its status, no messages.
class RefusedStream final : public grpc::ServerWriteReactor<v1::StreamDesktopResponse> {
 public:
  explicit RefusedStream(const grpc::Status& status) { Finish(status); }
  void OnDone() override { delete this; }
};

}  // namespace

grpc::ServerWriteReactor<v1::StreamDesktopResponse>* OpenDesktopStream(
    DesktopStreams& streams, absl::StatusOr<auth::Principal> who, const std::string& region,
    const std::string& error_domain, const v1::StreamDesktopRequest& request) {
  absl::Status allowed =
      who.ok() ? auth::Authorize(*who, {auth::Role::kAgent}, region, "watch an agent desktop")
               : who.status();
  if (allowed.ok()) {
    Violations v;
    grpcx::CheckResourceId(request.session_id(), "session_id", "session", v);
    if (request.resume_after_sequence() != 0) {
      v.Add("resume_after_sequence", "resuming is not supported yet: reconnect with 0");
    }
    if (!v.empty()) allowed = v.ToStatus("invalid request");
  }
  if (!allowed.ok()) return new RefusedStream(grpcx::ToGrpcStatus(allowed, error_domain));
  return new DesktopStream(streams, *std::move(who), request.session_id());
}

void DesktopStream::Core::Push(v1::StreamDesktopResponse message, TimePoint now) {
  std::lock_guard<std::recursive_mutex> lock(mu);
  if (stream == nullptr || finishing) return;
  message.set_sequence(++sequence);
  *message.mutable_event_time() = grpcx::ToProtoTime(now);
  queue.push_back(std::move(message));
  if (writing) return;
  writing = true;
  stream->StartWrite(&queue.front());
}

void DesktopStream::Core::End(const grpc::Status& status) {
  std::lock_guard<std::recursive_mutex> lock(mu);
  if (stream == nullptr || finishing) return;
  finishing = true;
  finish_status = status;
  if (!writing) stream->Finish(status);
}

DesktopStream::DesktopStream(DesktopStreams& streams, auth::Principal who, std::string session_id)
    : streams_(streams),
      who_(std::move(who)),
      session_id_(std::move(session_id)),
      core_(std::make_shared<Core>()) {
  core_->stream = this;
  streams_.Add(this);
  subscription_ = streams_.feed().Subscribe(
      session_id_, [this](const DesktopNotice& notice) { Notice(notice); });
  Snapshot();
}

void DesktopStream::OnWriteDone(bool ok) {
  std::lock_guard<std::recursive_mutex> lock(core_->mu);
  core_->writing = false;
  if (!core_->queue.empty()) core_->queue.pop_front();
  if (!ok) {
    // The client went away; gRPC ends the call.
    if (!core_->finishing) {
      core_->finishing = true;
      Finish(grpc::Status::CANCELLED);
    }
    return;
  }
  if (!core_->queue.empty()) {
    core_->writing = true;
    StartWrite(&core_->queue.front());
  } else if (core_->finishing) {
    Finish(core_->finish_status);
  }
}

void DesktopStream::OnCancel() { core_->End(grpc::Status::CANCELLED); }

void DesktopStream::OnDone() {
  streams_.feed().Unsubscribe(subscription_);
  streams_.Remove(this);
  {
    std::lock_guard<std::recursive_mutex> lock(core_->mu);
    core_->stream = nullptr;
  }
  delete this;
}

// The first message: the session as it is and, when it holds a call, that call's offer. Only the
// session's own agent may watch it (R19).
void DesktopStream::Snapshot() {
  auto core = core_;
  DesktopStreams& streams = streams_;
  auth::Principal who = who_;
  std::string session_id = session_id_;
  const bool queued = streams.executor().TrySubmit([core, &streams, who, session_id] {
    std::optional<SessionRow> row;
    absl::Status owned = streams.pool().Transact([&](pqxx::work& tx) -> absl::Status {
      row = AgentSessionStore().Find(tx, session_id);
      if (!row) return absl::NotFoundError(absl::StrCat("session ", session_id, " not found"));
      std::optional<v1::Agent> agent = AgentStore().Find(tx, row->session.agent_id());
      if (!agent || agent->user_id() != who.subject) {
        return absl::PermissionDeniedError(absl::StrCat(
            who.subject, " may not watch session ", session_id, ": it belongs to another agent"));
      }
      if (row->session.state() == v1::AGENT_STATE_LOGGED_OUT) {
        return WithReason(absl::FailedPreconditionError(
                              absl::StrCat("session ", session_id, " has ended")),
                          "SESSION_ENDED");
      }
      return absl::OkStatus();
    });
    if (!owned.ok()) return core->End(grpcx::ToGrpcStatus(owned, "dialing"));
    v1::StreamDesktopResponse message;
    v1::DesktopSnapshot* snapshot = message.mutable_snapshot();
    *snapshot->mutable_session() = row->session;
    if (!row->session.current_call_id().empty()) {
      absl::StatusOr<v1::CallOffer> offer =
          streams.offers().Build(who, row->session.current_call_id());
      if (offer.ok()) *snapshot->mutable_current_offer() = *std::move(offer);
      // A RESERVED session may hold a preview rather than a call (R17).
      absl::StatusOr<v1::PreviewOffer> preview = streams.offers().BuildPreview(who, session_id);
      if (preview.ok()) *snapshot->mutable_current_preview() = *std::move(preview);
    }
    core->Push(std::move(message), streams.clock().Now());
  });
  if (!queued) {
    core_->End(grpc::Status(grpc::StatusCode::RESOURCE_EXHAUSTED, "server busy; retry later"));
  }
}

void DesktopStream::Notice(const DesktopNotice& notice) {
  auto core = core_;
  DesktopStreams& streams = streams_;
  auth::Principal who = who_;
  streams.executor().TrySubmit([core, &streams, who, notice] {
    v1::StreamDesktopResponse message;
    const auto now = grpcx::ToProtoTime(streams.clock().Now());
    switch (notice.kind) {
      case DesktopNotice::Kind::kOffered: {
        absl::StatusOr<v1::CallOffer> offer = streams.offers().Build(who, notice.call_id);
        if (!offer.ok()) return;
        *message.mutable_call_offered() = *std::move(offer);
        break;
      }
      case DesktopNotice::Kind::kPreviewed: {
        absl::StatusOr<v1::PreviewOffer> preview =
            streams.offers().BuildPreview(who, notice.session_id);
        if (!preview.ok()) return;
        *message.mutable_preview_offered() = *std::move(preview);
        break;
      }
      case DesktopNotice::Kind::kConnected:
        message.mutable_call_connected()->set_call_id(notice.call_id);
        *message.mutable_call_connected()->mutable_connect_time() = now;
        break;
      case DesktopNotice::Kind::kEnded:
        message.mutable_call_ended()->set_call_id(notice.call_id);
        message.mutable_call_ended()->set_outcome(telemarketing::common::v1::CALL_OUTCOME_REACHED);
        *message.mutable_call_ended()->mutable_end_time() = now;
        break;
    }
    core->Push(std::move(message), streams.clock().Now());
  });
}

void DesktopStreams::Start() {
  stopping_ = false;
  thread_ = std::thread([this] { Run(); });
}

void DesktopStreams::Stop() {
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  std::lock_guard<std::mutex> lock(mu_);
  for (DesktopStream* stream : streams_) {
    stream->core()->End(grpc::Status(grpc::StatusCode::UNAVAILABLE, "server stopping"));
  }
}

void DesktopStreams::Add(DesktopStream* stream) {
  std::lock_guard<std::mutex> lock(mu_);
  streams_.insert(stream);
}

void DesktopStreams::Remove(DesktopStream* stream) {
  std::lock_guard<std::mutex> lock(mu_);
  streams_.erase(stream);
}

void DesktopStreams::Run() {
  auto next = std::chrono::steady_clock::now() + kSweep;
  while (!stopping_) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    if (std::chrono::steady_clock::now() < next) continue;
    next += kSweep;
    Sweep();
  }
}

// Heartbeats for live sessions; streams of ended sessions end (the session, not the stream, is
// what the agent logs out of).
void DesktopStreams::Sweep() {
  std::vector<std::pair<std::string, std::shared_ptr<DesktopStream::Core>>> open;
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (DesktopStream* s : streams_) open.emplace_back(s->session_id(), s->core());
  }
  for (auto& [session_id, core] : open) {
    bool live = true;
    (void)pool_.Transact([&](pqxx::work& tx) {
      std::optional<SessionRow> row = AgentSessionStore().Find(tx, session_id);
      live = row && row->session.state() != v1::AGENT_STATE_LOGGED_OUT;
      return absl::OkStatus();
    });
    if (!live) {
      core->End(grpc::Status::OK);
      continue;
    }
    v1::StreamDesktopResponse heartbeat;
    *heartbeat.mutable_heartbeat()->mutable_server_time() = grpcx::ToProtoTime(clock_.Now());
    core->Push(std::move(heartbeat), clock_.Now());
  }
}

}  // namespace tmk::dialing
