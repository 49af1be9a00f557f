#pragma once
// A loopback TCP proxy a test can cut and restore, to take a dependency "down" for one server
// without touching the PostgreSQL other tests share.
#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace tmk::testing {

class TcpProxy {
 public:
  // Forwards 127.0.0.1:<port()> to target_host:target_port.
  TcpProxy(std::string target_host, int target_port);
  ~TcpProxy();

  int port() const { return port_; }
  // Closes every open connection and refuses new ones until Restore().
  void Cut();
  void Restore();

 private:
  void Run();

  std::string target_host_;
  int target_port_;
  int listen_fd_ = -1;
  int port_ = 0;
  int wake_[2] = {-1, -1};
  std::atomic<bool> stopping_{false};
  std::atomic<bool> cut_{false};
  std::thread thread_;
};

}  // namespace tmk::testing
