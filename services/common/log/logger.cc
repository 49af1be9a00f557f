#include "services/common/log/logger.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace tmk::log {
namespace {

std::atomic<int> g_min_level{static_cast<int>(Level::kInfo)};
std::string g_region;  // written once in Configure, before any thread logs
std::mutex g_write_mu;

const char* LevelName(Level level) {
  switch (level) {
    case Level::kDebug: return "debug";
    case Level::kInfo: return "info";
    case Level::kWarn: return "warn";
    case Level::kError: return "error";
  }
  return "info";
}

void AppendEscaped(std::string& out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out.push_back(c);
        }
    }
  }
  out.push_back('"');
}

void AppendTimestamp(std::string& out) {
  auto now = std::chrono::system_clock::now();
  auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  std::time_t secs = millis / 1000;
  std::tm utc{};
  gmtime_r(&secs, &utc);
  char buf[40];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%S", &utc);
  char full[48];
  std::snprintf(full, sizeof full, "\"%s.%03lldZ\"", buf, static_cast<long long>(millis % 1000));
  out += full;
}

}  // namespace

void Configure(Level min_level, std::string_view region) {
  g_min_level = static_cast<int>(min_level);
  g_region = std::string(region);
}

bool ParseLevel(std::string_view text, Level* out) {
  if (text == "debug") *out = Level::kDebug;
  else if (text == "info") *out = Level::kInfo;
  else if (text == "warn") *out = Level::kWarn;
  else if (text == "error") *out = Level::kError;
  else return false;
  return true;
}

std::string Format(Level level, std::string_view message, std::initializer_list<Field> fields) {
  std::string line = "{\"ts\":";
  AppendTimestamp(line);
  line += ",\"level\":\"";
  line += LevelName(level);
  line += "\",\"msg\":";
  AppendEscaped(line, message);
  if (!g_region.empty()) {
    line += ",\"region\":";
    AppendEscaped(line, g_region);
  }
  for (const Field& f : fields) {
    line.push_back(',');
    AppendEscaped(line, f.key);
    line.push_back(':');
    if (auto s = std::get_if<std::string_view>(&f.value)) {
      AppendEscaped(line, *s);
    } else if (auto i = std::get_if<int64_t>(&f.value)) {
      line += std::to_string(*i);
    } else if (auto d = std::get_if<double>(&f.value)) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.6g", *d);
      line += buf;
    } else {
      line += std::get<bool>(f.value) ? "true" : "false";
    }
  }
  line.push_back('}');
  return line;
}

void Write(Level level, std::string_view message, std::initializer_list<Field> fields) {
  if (static_cast<int>(level) < g_min_level.load(std::memory_order_relaxed)) return;
  std::string line = Format(level, message, fields);
  line.push_back('\n');
  std::lock_guard<std::mutex> lock(g_write_mu);
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace tmk::log
