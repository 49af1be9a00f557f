// Read latency under concurrent load (issue 3): GetCustomer and LookupCustomersByPhone against a
// running suite holding the customers `scripts/bench contacts-import` generated (mobile
// 139xxxxxxxx numbered 0..rows-1). Each client thread has its own channel (its own connection)
// and calls back to back; the figures are per call, measured at the client.
//   contacts_lookup_benchmark --address=HOST:PORT --rows=N [--clients=8] [--seconds=10]
#include <grpcpp/grpcpp.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "telemarketing/contacts/v1/contacts_service.grpc.pb.h"

namespace {
namespace v1 = telemarketing::contacts::v1;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string address = "127.0.0.1:50051";
  long rows = 0;
  int clients = 8;
  int seconds = 10;
};

std::string Phone(long i) {
  char digits[16];
  std::snprintf(digits, sizeof digits, "139%08ld", i);
  return digits;
}

std::unique_ptr<v1::ContactsService::Stub> NewStub(const std::string& address, int n) {
  grpc::ChannelArguments args;
  args.SetInt("tm_bench_client", n);  // a distinct argument: a channel (connection) per client
  return v1::ContactsService::NewStub(
      grpc::CreateCustomChannel(address, grpc::InsecureChannelCredentials(), args));
}

// One call by client `client`, on its stub, with its random source; false on an error.
using Call = std::function<bool(v1::ContactsService::Stub&, std::mt19937_64&)>;

// Runs `call` back to back on every client for the duration; prints the figures; returns errors.
long Drive(const char* name, const Options& options, const Call& call) {
  std::vector<std::vector<double>> latencies(options.clients);
  std::atomic<long> errors{0};
  const auto end = Clock::now() + std::chrono::seconds(options.seconds);
  std::vector<std::thread> threads;
  for (int c = 0; c < options.clients; ++c) {
    threads.emplace_back([&, c] {
      auto stub = NewStub(options.address, c);
      std::mt19937_64 random(static_cast<uint64_t>(c) * 7919 + 1);
      while (Clock::now() < end) {
        auto start = Clock::now();
        bool ok = call(*stub, random);
        latencies[c].push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
        if (!ok) ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  std::vector<double> all;
  for (auto& l : latencies) all.insert(all.end(), l.begin(), l.end());
  std::sort(all.begin(), all.end());
  auto at = [&](double q) { return all.empty() ? 0.0 : all[static_cast<size_t>(q * (all.size() - 1))]; };
  std::printf("  %-24s %8zu calls %9.0f calls/s   p50 %6.2f ms   p99 %6.2f ms   max %7.2f ms   errors %ld\n",
              name, all.size(), all.size() / static_cast<double>(options.seconds), at(0.5), at(0.99),
              all.empty() ? 0.0 : all.back(), errors.load());
  return errors.load();
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char* flag) -> const char* {
      std::string prefix = std::string(flag) + "=";
      return arg.rfind(prefix, 0) == 0 ? argv[i] + prefix.size() : nullptr;
    };
    if (const char* v = value("--address")) {
      options.address = v;
    } else if (const char* v = value("--rows")) {
      options.rows = std::atol(v);
    } else if (const char* v = value("--clients")) {
      options.clients = std::atoi(v);
    } else if (const char* v = value("--seconds")) {
      options.seconds = std::atoi(v);
    } else {
      std::fprintf(stderr, "usage: %s --address=HOST:PORT --rows=N [--clients=C] [--seconds=S]\n", argv[0]);
      return 2;
    }
  }
  if (options.rows <= 0 || options.clients <= 0 || options.seconds <= 0) {
    std::fprintf(stderr, "--rows, --clients and --seconds must be positive\n");
    return 2;
  }

  // The customer ids GetCustomer asks for: those of 2,000 numbers spread over the file.
  std::vector<std::string> ids;
  auto stub = NewStub(options.address, -1);
  for (long n = 0; n < 2000; ++n) {
    grpc::ClientContext context;
    v1::LookupCustomersByPhoneRequest request;
    request.set_phone_number(Phone(n * options.rows / 2000));
    v1::LookupCustomersByPhoneResponse response;
    if (stub->LookupCustomersByPhone(&context, request, &response).ok() &&
        response.customers_size() > 0) {
      ids.push_back(response.customers(0).customer_id());
    }
  }
  if (ids.empty()) {
    std::fprintf(stderr, "no customer found by phone: import the generated customers first\n");
    return 1;
  }
  std::printf("\ncontacts read latency: %d concurrent clients, %d s each, %ld customers stored\n",
              options.clients, options.seconds, options.rows);
  long errors = Drive("GetCustomer", options, [&](v1::ContactsService::Stub& s, std::mt19937_64& r) {
    grpc::ClientContext context;
    v1::GetCustomerRequest request;
    request.set_customer_id(ids[r() % ids.size()]);
    v1::GetCustomerResponse response;
    return s.GetCustomer(&context, request, &response).ok();
  });
  errors += Drive("LookupCustomersByPhone", options,
                  [&](v1::ContactsService::Stub& s, std::mt19937_64& r) {
                    grpc::ClientContext context;
                    v1::LookupCustomersByPhoneRequest request;
                    request.set_phone_number(Phone(static_cast<long>(r() % options.rows)));
                    v1::LookupCustomersByPhoneResponse response;
                    return s.LookupCustomersByPhone(&context, request, &response).ok() &&
                           response.customers_size() == 1;
                  });
  return errors == 0 ? 0 : 1;
}
