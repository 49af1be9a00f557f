#include "services/common/core/uuid.h"

#include <openssl/rand.h>

#include <cstring>
#include <mutex>
#include <stdexcept>

namespace tmk {
namespace {

// State for monotonic generation: the last timestamp and the 74 random bits after it.
struct V7State {
  std::mutex mu;
  long long last_millis = -1;
  Uuid::Bytes last{};
};

V7State& State() {
  static V7State state;
  return state;
}

void FillRandom(uint8_t* out, int n) {
  if (RAND_bytes(out, n) != 1) {
    // The CSPRNG failing is a broken invariant of the host, not bad input.
    throw std::runtime_error("RAND_bytes failed: no entropy for UUIDv7");
  }
}

// Increments the 74-bit random tail (bytes 6..15 minus version/variant bits); returns false on
// overflow so the caller can borrow a millisecond.
bool IncrementTail(Uuid::Bytes& b) {
  for (int i = 15; i >= 6; --i) {
    uint8_t mask = 0xff;
    if (i == 6) mask = 0x0f;  // version nibble above
    if (i == 8) mask = 0x3f;  // variant bits above
    uint8_t value = (b[i] & mask) + 1;
    b[i] = (b[i] & ~mask) | (value & mask);
    if ((value & mask) != 0) return true;
  }
  return false;
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Uuid Uuid::V7(TimePoint now) {
  V7State& state = State();
  std::lock_guard<std::mutex> lock(state.mu);
  long long millis = tmk::UnixMillis(now);
  Bytes b{};
  if (millis <= state.last_millis) {
    b = state.last;
    millis = state.last_millis;
    if (!IncrementTail(b)) {
      ++millis;
      FillRandom(b.data() + 6, 10);
    }
  } else {
    FillRandom(b.data() + 6, 10);
  }
  for (int i = 0; i < 6; ++i) b[i] = static_cast<uint8_t>(millis >> (8 * (5 - i)));
  b[6] = 0x70 | (b[6] & 0x0f);
  b[8] = 0x80 | (b[8] & 0x3f);
  state.last_millis = millis;
  state.last = b;
  return Uuid(b);
}

std::optional<Uuid> Uuid::Parse(std::string_view text) {
  if (text.size() != 36) return std::nullopt;
  Bytes b{};
  int byte = 0;
  for (size_t i = 0; i < text.size();) {
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (text[i] != '-') return std::nullopt;
      ++i;
      continue;
    }
    int hi = HexValue(text[i]), lo = HexValue(text[i + 1]);
    if (hi < 0 || lo < 0) return std::nullopt;
    b[byte++] = static_cast<uint8_t>(hi << 4 | lo);
    i += 2;
  }
  return Uuid(b);
}

std::string Uuid::ToString() const {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[bytes_[i] >> 4]);
    out.push_back(kHex[bytes_[i] & 0x0f]);
  }
  return out;
}

long long Uuid::UnixMillis() const {
  long long millis = 0;
  for (int i = 0; i < 6; ++i) millis = millis << 8 | bytes_[i];
  return millis;
}

std::string NewId(const Clock& clock) { return Uuid::V7(clock.Now()).ToString(); }

}  // namespace tmk
