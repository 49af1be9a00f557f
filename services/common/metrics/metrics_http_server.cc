#include "services/common/metrics/metrics_http_server.h"

#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string_view>
#include <utility>

#include "absl/strings/str_cat.h"

namespace tmk::metrics {
namespace {

using SteadyClock = std::chrono::steady_clock;

// Requests to this server are one line and a few headers; anything bigger is not a scrape.
constexpr size_t kMaxRequestBytes = 8 * 1024;
// After answering, how long to drain what the client still sends so close() does not RST away
// our response.
constexpr std::chrono::milliseconds kDrainTime{200};

std::string AddressText(const std::string& host, int port) {
  // IPv6 literals are bracketed so the port stays readable.
  if (host.find(':') != std::string::npos) return absl::StrCat("[", host, "]:", port);
  return absl::StrCat(host, ":", port);
}

int MillisUntil(SteadyClock::time_point deadline) {
  auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - SteadyClock::now());
  return left.count() < 0 ? 0 : static_cast<int>(left.count());
}

// Waits for `events` on fd or for the stop eventfd. Returns true when fd is ready; false on
// timeout, stop, or error.
bool WaitFor(int fd, short events, int stop_fd, SteadyClock::time_point deadline) {
  for (;;) {
    pollfd fds[2] = {{fd, events, 0}, {stop_fd, POLLIN, 0}};
    int timeout = MillisUntil(deadline);
    int n = ::poll(fds, 2, timeout);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    if (fds[1].revents != 0) return false;
    return (fds[0].revents & (events | POLLHUP | POLLERR)) != 0;
  }
}

void CloseFd(int* fd) {
  if (*fd >= 0) ::close(*fd);
  *fd = -1;
}

}  // namespace

MetricsHttpServer::MetricsHttpServer(Options options, const MetricsRegistry& registry,
                                     std::function<bool()> healthy)
    : options_(std::move(options)), registry_(registry), healthy_(std::move(healthy)) {}

MetricsHttpServer::~MetricsHttpServer() { Stop(); }

absl::Status MetricsHttpServer::Start() {
  if (thread_.joinable()) {
    return absl::FailedPreconditionError("metrics HTTP server already started");
  }
  const std::string address = AddressText(options_.host, options_.port);
  if (options_.port < 0 || options_.port > 65535) {
    return absl::InvalidArgumentError(absl::StrCat("metrics address ", address, ": bad port"));
  }

  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV;
  addrinfo* results = nullptr;
  const std::string port_text = std::to_string(options_.port);
  int gai = ::getaddrinfo(options_.host.empty() ? nullptr : options_.host.c_str(),
                          port_text.c_str(), &hints, &results);
  if (gai != 0) {
    return absl::InvalidArgumentError(
        absl::StrCat("metrics address ", address, " does not resolve: ", gai_strerror(gai)));
  }
  int last_errno = 0;
  for (addrinfo* ai = results; ai != nullptr && listen_fd_ < 0; ai = ai->ai_next) {
    int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC,
                      ai->ai_protocol);
    if (fd < 0) {
      last_errno = errno;
      continue;
    }
    int one = 1;
    ::setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof(one));
    if (::bind(fd, ai->ai_addr, ai->ai_addrlen) != 0 || ::listen(fd, 16) != 0) {
      last_errno = errno;
      ::close(fd);
      continue;
    }
    listen_fd_ = fd;
  }
  ::freeaddrinfo(results);
  if (listen_fd_ < 0) {
    return absl::UnavailableError(absl::StrCat("cannot bind metrics HTTP server to ", address,
                                               ": ", std::strerror(last_errno)));
  }

  sockaddr_storage bound{};
  socklen_t bound_len = sizeof(bound);
  if (::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&bound), &bound_len) == 0) {
    if (bound.ss_family == AF_INET) {
      bound_port_ = ntohs(reinterpret_cast<sockaddr_in*>(&bound)->sin_port);
    } else if (bound.ss_family == AF_INET6) {
      bound_port_ = ntohs(reinterpret_cast<sockaddr_in6*>(&bound)->sin6_port);
    }
  }

  stop_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (stop_fd_ < 0) {
    int err = errno;
    CloseFd(&listen_fd_);
    bound_port_ = 0;
    return absl::InternalError(
        absl::StrCat("metrics HTTP server on ", address, ": eventfd: ", std::strerror(err)));
  }
  thread_ = std::thread([this] { Run(); });
  return absl::OkStatus();
}

void MetricsHttpServer::Stop() {
  if (thread_.joinable()) {
    uint64_t one = 1;
    // An eventfd write of 1 cannot fail short of overflow; the loop below is for EINTR.
    while (::write(stop_fd_, &one, sizeof(one)) < 0 && errno == EINTR) {
    }
    thread_.join();
  }
  CloseFd(&listen_fd_);
  CloseFd(&stop_fd_);
  bound_port_ = 0;
}

void MetricsHttpServer::Run() {
  for (;;) {
    pollfd fds[2] = {{listen_fd_, POLLIN, 0}, {stop_fd_, POLLIN, 0}};
    int n = ::poll(fds, 2, -1);
    if (n < 0) {
      if (errno == EINTR) continue;
      return;  // poll on our own two fds cannot fail otherwise; nothing sensible left to do
    }
    if (fds[1].revents != 0) return;
    if (fds[0].revents == 0) continue;
    // Drain the accept queue; each connection is served to completion before the next.
    for (;;) {
      int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_NONBLOCK | SOCK_CLOEXEC);
      if (fd < 0) {
        // Out of descriptors: the listen socket stays readable, so back off instead of spinning.
        if (errno == EMFILE || errno == ENFILE) ::poll(nullptr, 0, 100);
        break;  // EAGAIN, or a connection reset before we got to it
      }
      HandleConnection(fd);
      ::close(fd);
    }
  }
}

void MetricsHttpServer::HandleConnection(int fd) {
  const auto deadline = SteadyClock::now() + options_.io_timeout;
  std::string request;
  char buffer[2048];
  size_t header_end = std::string::npos;
  bool too_large = false;
  while (header_end == std::string::npos) {
    if (request.size() >= kMaxRequestBytes) {
      too_large = true;
      break;
    }
    if (!WaitFor(fd, POLLIN, stop_fd_, deadline)) return;  // timeout, stop, or error: just close
    ssize_t got = ::recv(fd, buffer, sizeof(buffer), 0);
    if (got < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (got <= 0) break;  // EOF or error: answer whatever arrived, if anything
    request.append(buffer, static_cast<size_t>(got));
    header_end = request.find("\r\n\r\n");
    if (header_end == std::string::npos) header_end = request.find("\n\n");
  }
  if (request.empty()) return;
  if (too_large) {
    Respond(fd, deadline, 431, "Request Header Fields Too Large", "text/plain", "too large\n");
    return;
  }

  // Request line: METHOD SP TARGET SP HTTP/x.y
  std::string_view line(request);
  line = line.substr(0, line.find('\n'));
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  size_t sp1 = line.find(' ');
  size_t sp2 = sp1 == std::string_view::npos ? sp1 : line.find(' ', sp1 + 1);
  if (sp1 == 0 || sp2 == std::string_view::npos || sp2 == sp1 + 1 ||
      line.find(' ', sp2 + 1) != std::string_view::npos ||
      line.substr(sp2 + 1, 5) != "HTTP/") {
    Respond(fd, deadline, 400, "Bad Request", "text/plain", "bad request\n");
    return;
  }
  std::string_view method = line.substr(0, sp1);
  std::string_view target = line.substr(sp1 + 1, sp2 - sp1 - 1);
  std::string_view path = target.substr(0, target.find('?'));

  if (method != "GET") {
    Respond(fd, deadline, 405, "Method Not Allowed", "text/plain", "method not allowed\n",
            "Allow: GET\r\n");
  } else if (path == "/metrics") {
    Respond(fd, deadline, 200, "OK", "text/plain; version=0.0.4; charset=utf-8",
            registry_.Serialize());
  } else if (path == "/healthz") {
    bool healthy = !healthy_ || healthy_();
    if (healthy) {
      Respond(fd, deadline, 200, "OK", "text/plain", "ok\n");
    } else {
      Respond(fd, deadline, 503, "Service Unavailable", "text/plain", "not serving\n");
    }
  } else {
    Respond(fd, deadline, 404, "Not Found", "text/plain", "not found\n");
  }
}

void MetricsHttpServer::Respond(int fd, SteadyClock::time_point deadline, int status,
                                std::string_view reason, std::string_view content_type,
                                std::string_view body, std::string_view extra_headers) {
  // Appended piecewise: Debian's absl::StrCat does not take std::string_view.
  std::string response = absl::StrCat("HTTP/1.1 ", status, " ");
  response.append(reason).append("\r\nContent-Type: ").append(content_type);
  response.append(absl::StrCat("\r\nContent-Length: ", body.size()));
  response.append("\r\nConnection: close\r\n").append(extra_headers).append("\r\n");
  response.append(body);
  size_t sent = 0;
  while (sent < response.size()) {
    ssize_t n = ::send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
    if (n > 0) {
      sent += static_cast<size_t>(n);
      continue;
    }
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN && WaitFor(fd, POLLOUT, stop_fd_, deadline)) continue;
    return;  // peer gone, timed out, or stopping
  }
  // Half-close, then swallow what the client still sends: closing with unread input would reset
  // the connection and could destroy the response before the client reads it.
  ::shutdown(fd, SHUT_WR);
  auto drain_deadline = std::min(deadline, SteadyClock::now() + kDrainTime);
  char sink[1024];
  while (WaitFor(fd, POLLIN, stop_fd_, drain_deadline)) {
    ssize_t n = ::recv(fd, sink, sizeof(sink), 0);
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    if (n <= 0) break;
  }
}

}  // namespace tmk::metrics
