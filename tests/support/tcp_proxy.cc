#include "tests/support/tcp_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <map>

namespace tmk::testing {
namespace {

int ConnectTo(const std::string& host, int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port);
  inet_pton(AF_INET, host.c_str(), &addr.sin_addr);
  if (connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    close(fd);
    return -1;
  }
  return fd;
}

}  // namespace

TcpProxy::TcpProxy(std::string target_host, int target_port)
    : target_host_(std::move(target_host)), target_port_(target_port) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  listen(listen_fd_, 64);
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  pipe(wake_);
  thread_ = std::thread([this] { Run(); });
}

TcpProxy::~TcpProxy() {
  stopping_ = true;
  (void)write(wake_[1], "x", 1);
  thread_.join();
  close(listen_fd_);
  close(wake_[0]);
  close(wake_[1]);
}

void TcpProxy::Cut() {
  cut_ = true;
  (void)write(wake_[1], "x", 1);
}

void TcpProxy::Restore() { cut_ = false; }

void TcpProxy::Run() {
  std::map<int, int> peer;  // each end of a forwarded connection → the other end
  auto close_pair = [&](int fd) {
    int other = peer[fd];
    close(fd);
    close(other);
    peer.erase(fd);
    peer.erase(other);
  };
  while (!stopping_) {
    if (cut_) {
      while (!peer.empty()) close_pair(peer.begin()->first);
    }
    std::vector<pollfd> fds = {{wake_[0], POLLIN, 0}, {listen_fd_, POLLIN, 0}};
    for (const auto& [fd, other] : peer) fds.push_back({fd, POLLIN, 0});
    if (poll(fds.data(), fds.size(), 200) <= 0) continue;
    if (fds[0].revents) {
      char drain[16];
      (void)read(wake_[0], drain, sizeof drain);
    }
    if (fds[1].revents & POLLIN) {
      int client = accept(listen_fd_, nullptr, nullptr);
      int server = cut_ ? -1 : ConnectTo(target_host_, target_port_);
      if (server < 0) {
        close(client);  // "down": the connection is refused at once
      } else {
        peer[client] = server;
        peer[server] = client;
      }
    }
    for (size_t i = 2; i < fds.size(); ++i) {
      if (!fds[i].revents || !peer.count(fds[i].fd)) continue;
      char buffer[65536];
      ssize_t n = read(fds[i].fd, buffer, sizeof buffer);
      if (n <= 0 || write(peer[fds[i].fd], buffer, n) != n) close_pair(fds[i].fd);
    }
  }
  while (!peer.empty()) close_pair(peer.begin()->first);
}

}  // namespace tmk::testing
