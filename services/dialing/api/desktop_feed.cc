#include "services/dialing/api/desktop_feed.h"

#include <vector>

namespace tmk::dialing {

int DesktopFeed::Subscribe(const std::string& session_id, Listener listener) {
  std::lock_guard<std::mutex> lock(mu_);
  const int id = next_id_++;
  subscriptions_.emplace(id, Subscription{session_id, std::move(listener)});
  return id;
}

void DesktopFeed::Unsubscribe(int id) {
  std::lock_guard<std::mutex> lock(mu_);
  subscriptions_.erase(id);
}

void DesktopFeed::Publish(const DesktopNotice& notice) {
  std::lock_guard<std::mutex> lock(mu_);
  for (const auto& [id, s] : subscriptions_) {
    if (s.session_id == notice.session_id) s.listener(notice);
  }
}

}  // namespace tmk::dialing
