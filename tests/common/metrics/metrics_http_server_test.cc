#include "services/common/metrics/metrics_http_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <string>

namespace tmk::metrics {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;

// A plain blocking client: connect to 127.0.0.1:port, send `request` (optionally half-closing),
// read until the server closes. Returns the whole response, or "" when nothing came back.
std::string RoundTrip(int port, std::string_view request, bool half_close = false) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  timeval timeout{5, 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout));
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
    ::close(fd);
    return "connect failed";
  }
  size_t sent = 0;
  while (sent < request.size()) {
    ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;
    sent += static_cast<size_t>(n);
  }
  if (half_close) ::shutdown(fd, SHUT_WR);
  std::string response;
  char buffer[4096];
  for (;;) {
    ssize_t n = ::recv(fd, buffer, sizeof(buffer), 0);
    if (n <= 0) break;
    response.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return response;
}

std::string Body(const std::string& response) {
  size_t end = response.find("\r\n\r\n");
  return end == std::string::npos ? "" : response.substr(end + 4);
}

class MetricsHttpServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    registry_.Counter("tm_test_requests_total", "Requests.", {{"code", "OK"}}).Increment(7);
    MetricsHttpServer::Options options;
    options.host = "127.0.0.1";
    options.port = 0;
    options.io_timeout = std::chrono::milliseconds(500);
    server_ = std::make_unique<MetricsHttpServer>(options, registry_,
                                                  [this] { return healthy_.load(); });
    ASSERT_TRUE(server_->Start().ok());
    ASSERT_GT(server_->port(), 0);
  }
  void TearDown() override { server_->Stop(); }

  MetricsRegistry registry_;
  std::atomic<bool> healthy_{true};
  std::unique_ptr<MetricsHttpServer> server_;
};

TEST_F(MetricsHttpServerTest, ServesMetrics) {
  std::string response =
      RoundTrip(server_->port(), "GET /metrics HTTP/1.1\r\nHost: x\r\nAccept: */*\r\n\r\n");
  EXPECT_THAT(response, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_THAT(response, HasSubstr("Content-Type: text/plain; version=0.0.4"));
  EXPECT_EQ(Body(response), registry_.Serialize());
  EXPECT_THAT(Body(response), HasSubstr("tm_test_requests_total{code=\"OK\"} 7\n"));
  // Query strings are ignored.
  EXPECT_THAT(RoundTrip(server_->port(), "GET /metrics?x=1 HTTP/1.0\r\n\r\n"),
              StartsWith("HTTP/1.1 200 OK\r\n"));
}

TEST_F(MetricsHttpServerTest, ServesHealth) {
  std::string ok = RoundTrip(server_->port(), "GET /healthz HTTP/1.1\r\n\r\n");
  EXPECT_THAT(ok, StartsWith("HTTP/1.1 200 OK\r\n"));
  EXPECT_EQ(Body(ok), "ok\n");
  healthy_ = false;
  std::string down = RoundTrip(server_->port(), "GET /healthz HTTP/1.1\r\n\r\n");
  EXPECT_THAT(down, StartsWith("HTTP/1.1 503 "));
  EXPECT_EQ(Body(down), "not serving\n");
}

TEST_F(MetricsHttpServerTest, NotFoundAndMethodNotAllowed) {
  EXPECT_THAT(RoundTrip(server_->port(), "GET /nope HTTP/1.1\r\n\r\n"),
              StartsWith("HTTP/1.1 404 "));
  std::string post = RoundTrip(server_->port(),
                               "POST /metrics HTTP/1.1\r\nContent-Length: 3\r\n\r\nabc");
  EXPECT_THAT(post, StartsWith("HTTP/1.1 405 "));
  EXPECT_THAT(post, HasSubstr("Allow: GET\r\n"));
}

TEST_F(MetricsHttpServerTest, SurvivesGarbage) {
  EXPECT_THAT(RoundTrip(server_->port(), "\x01\x02\xff garbage\r\n\r\n"),
              StartsWith("HTTP/1.1 400 "));
  EXPECT_THAT(RoundTrip(server_->port(), "GET\r\n\r\n"), StartsWith("HTTP/1.1 400 "));
  EXPECT_THAT(RoundTrip(server_->port(), "GET /metrics SPDY/9\r\n\r\n"),
              StartsWith("HTTP/1.1 400 "));
  // Incomplete request, then the client gives up sending: answered with what arrived.
  EXPECT_THAT(RoundTrip(server_->port(), "GET /healthz HTTP/1.1\r\n", /*half_close=*/true),
              StartsWith("HTTP/1.1 200 "));
  // Oversized headers.
  std::string huge = "GET /metrics HTTP/1.1\r\nX: " + std::string(20000, 'a') + "\r\n\r\n";
  EXPECT_THAT(RoundTrip(server_->port(), huge), StartsWith("HTTP/1.1 431 "));
  // Connect and close without a byte; connect and stall past the timeout.
  EXPECT_EQ(RoundTrip(server_->port(), "", /*half_close=*/true), "");
  EXPECT_EQ(RoundTrip(server_->port(), "GET /met"), "");
  // Still serving afterwards.
  EXPECT_THAT(RoundTrip(server_->port(), "GET /healthz HTTP/1.1\r\n\r\n"),
              StartsWith("HTTP/1.1 200 "));
}

TEST_F(MetricsHttpServerTest, ServesManyConnectionsSequentially) {
  for (int i = 0; i < 50; ++i) {
    ASSERT_THAT(RoundTrip(server_->port(), "GET /healthz HTTP/1.1\r\n\r\n"),
                StartsWith("HTTP/1.1 200 "))
        << i;
  }
}

TEST_F(MetricsHttpServerTest, StopIsIdempotentAndFreesThePort) {
  int port = server_->port();
  server_->Stop();
  server_->Stop();
  EXPECT_EQ(server_->port(), 0);
  EXPECT_EQ(RoundTrip(port, "GET /healthz HTTP/1.1\r\n\r\n"), "connect failed");
}

TEST(MetricsHttpServerStartTest, BindErrorsNameTheAddress) {
  MetricsRegistry registry;
  MetricsHttpServer::Options options;
  options.host = "127.0.0.1";
  options.port = 0;
  MetricsHttpServer first(options, registry, nullptr);
  ASSERT_TRUE(first.Start().ok());
  EXPECT_EQ(first.Start().code(), absl::StatusCode::kFailedPrecondition);

  options.port = first.port();
  MetricsHttpServer second(options, registry, nullptr);
  absl::Status status = second.Start();
  EXPECT_EQ(status.code(), absl::StatusCode::kUnavailable);
  EXPECT_THAT(std::string(status.message()),
              HasSubstr("127.0.0.1:" + std::to_string(first.port())));

  options.host = "no-such-host.invalid";
  options.port = 0;
  MetricsHttpServer third(options, registry, nullptr);
  status = third.Start();
  EXPECT_EQ(status.code(), absl::StatusCode::kInvalidArgument);
  EXPECT_THAT(std::string(status.message()), HasSubstr("no-such-host.invalid"));
}

}  // namespace
}  // namespace tmk::metrics
