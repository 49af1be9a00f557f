#pragma once
// What the dialer tells agents' desktops (R19): a call offered to a session, connected, ended,
// a lead previewed.
// In process and push-only: the runtime publishes after its transaction commits, each open
// StreamDesktop of the session is told at once, nobody polls the database for it.
#include <functional>
#include <map>
#include <mutex>
#include <string>

namespace tmk::dialing {

struct DesktopNotice {
  // kPreviewed: a lead held for the session's preview; `call_id` is the preview's (R17).
  enum class Kind { kOffered, kConnected, kEnded, kPreviewed };
  Kind kind = Kind::kOffered;
  std::string session_id;
  std::string call_id;
};

class DesktopFeed {
 public:
  using Listener = std::function<void(const DesktopNotice&)>;

  // Listens to one session's notices until Unsubscribe; returns the subscription's id.
  int Subscribe(const std::string& session_id, Listener listener);
  void Unsubscribe(int id);
  // Called from any thread; listeners run on it and must not block.
  void Publish(const DesktopNotice& notice);

 private:
  struct Subscription {
    std::string session_id;
    Listener listener;
  };
  std::mutex mu_;
  int next_id_ = 1;
  std::map<int, Subscription> subscriptions_;
};

}  // namespace tmk::dialing
