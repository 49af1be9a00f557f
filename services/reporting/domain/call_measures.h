#pragma once
// The additive counts and sums one call contributes to its 15-minute rollup row (R26-R28). Every
// SLA and campaign measure is a ratio of these, so coarser buckets and other dimensions are plain
// sums and a report never needs the raw events.
#include <array>
#include <cstdint>

namespace tmk::reporting {

// Service-level thresholds a report may ask for: a rollup counts the calls answered within each.
inline constexpr std::array<int, 10> kServiceLevelSeconds = {5, 10, 15, 20, 30, 45, 60, 90, 120, 180};

struct CallMeasures {
  int64_t dial_attempts = 0;  // outbound calls placed
  int64_t contacts = 0;       // customers reached (outbound answered by a person; inbound handled)
  int64_t offered = 0;        // inbound arrived; outbound answered by a person
  int64_t handled = 0;        // connected to an agent
  int64_t abandoned = 0;      // per the compliance definition (R20)
  int64_t abandons_by_agent = 0;  // an agent was reserved and failed to connect (R28)
  int64_t machine_detected = 0;
  int64_t transferred = 0;
  int64_t transfer_ms = 0;
  int64_t wait_ms = 0;        // offered to connect, over handled calls
  int64_t handle_count = 0;   // handled calls that ended: AHT's denominator
  int64_t talk_ms = 0;
  int64_t hold_ms = 0;
  int64_t wrap_ms = 0;
  int64_t line_ms = 0;
  int64_t dispositions = 0;
  int64_t conversions = 0;
  int64_t orders = 0;
  // answered_within[i]: handled with a wait of at most kServiceLevelSeconds[i].
  std::array<int64_t, kServiceLevelSeconds.size()> answered_within{};

  // Applies f(field of *this, field of other) to every field, in declaration order.
  template <class F>
  void Zip(const CallMeasures& other, F f) {
    f(dial_attempts, other.dial_attempts);
    f(contacts, other.contacts);
    f(offered, other.offered);
    f(handled, other.handled);
    f(abandoned, other.abandoned);
    f(abandons_by_agent, other.abandons_by_agent);
    f(machine_detected, other.machine_detected);
    f(transferred, other.transferred);
    f(transfer_ms, other.transfer_ms);
    f(wait_ms, other.wait_ms);
    f(handle_count, other.handle_count);
    f(talk_ms, other.talk_ms);
    f(hold_ms, other.hold_ms);
    f(wrap_ms, other.wrap_ms);
    f(line_ms, other.line_ms);
    f(dispositions, other.dispositions);
    f(conversions, other.conversions);
    f(orders, other.orders);
    for (size_t i = 0; i < answered_within.size(); ++i) f(answered_within[i], other.answered_within[i]);
  }
  CallMeasures& operator+=(const CallMeasures& other) {
    Zip(other, [](int64_t& a, int64_t b) { a += b; });
    return *this;
  }
  CallMeasures& operator-=(const CallMeasures& other) {
    Zip(other, [](int64_t& a, int64_t b) { a -= b; });
    return *this;
  }
  bool IsZero() const {
    bool zero = true;
    CallMeasures copy = *this;
    copy.Zip(CallMeasures{}, [&](int64_t& a, int64_t) { zero = zero && a == 0; });
    return zero;
  }
  friend bool operator==(const CallMeasures& a, const CallMeasures& b) {
    CallMeasures d = a;
    d -= b;
    return d.IsZero();
  }
};

}  // namespace tmk::reporting
