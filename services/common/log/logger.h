#pragma once
// Structured logs: one JSON object per line on stderr, so Kubernetes log shippers index fields
// (service, method, latency_ms, code…) without parsing prose.
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <variant>

#include "absl/strings/string_view.h"

namespace tmk::log {

enum class Level { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3 };

struct Field {
  using Value = std::variant<std::string_view, int64_t, double, bool>;
  Field(std::string_view k, std::string_view v) : key(k), value(v) {}
  Field(std::string_view k, const std::string& v) : key(k), value(std::string_view(v)) {}
  Field(std::string_view k, const char* v) : key(k), value(std::string_view(v)) {}
  // absl::Status::message() is an absl::string_view in the Abseil Debian ships.
  Field(std::string_view k, absl::string_view v) : key(k), value(std::string_view(v.data(), v.size())) {}
  Field(std::string_view k, int v) : key(k), value(int64_t{v}) {}
  Field(std::string_view k, long v) : key(k), value(int64_t{v}) {}
  Field(std::string_view k, long long v) : key(k), value(int64_t{v}) {}
  Field(std::string_view k, unsigned v) : key(k), value(int64_t{v}) {}
  Field(std::string_view k, unsigned long v) : key(k), value(static_cast<int64_t>(v)) {}
  Field(std::string_view k, double v) : key(k), value(v) {}
  Field(std::string_view k, bool v) : key(k), value(v) {}
  std::string_view key;
  Value value;
};

// Process-wide settings, set once by main before threads start.
void Configure(Level min_level, std::string_view region);
bool ParseLevel(std::string_view text, Level* out);

void Write(Level level, std::string_view message, std::initializer_list<Field> fields);

// Exposed for tests: the exact line Write would emit (without the trailing newline).
std::string Format(Level level, std::string_view message, std::initializer_list<Field> fields);

inline void Debug(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kDebug, m, f); }
inline void Info(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kInfo, m, f); }
inline void Warn(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kWarn, m, f); }
inline void Error(std::string_view m, std::initializer_list<Field> f = {}) { Write(Level::kError, m, f); }

}  // namespace tmk::log
