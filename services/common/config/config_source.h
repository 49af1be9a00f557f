#pragma once
// Settings come from flags (`--pg-dsn=…`) or environment variables (`TM_PG_DSN`), flags winning.
// Each module reads its own plain config struct from a ConfigSource; every problem is collected and
// reported together, naming the setting, and the process exits with code 2 (STYLE.md §6).
#include <chrono>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace tmk {

class ConfigSource {
 public:
  // Parses `--name=value` and `--name value`; a bare `--name` means "true". Unknown names are
  // detected by Finish(), after every module had its chance to read.
  static absl::StatusOr<ConfigSource> FromCommandLine(int argc, const char* const* argv,
                                                      const char* const* envp);
  ConfigSource(std::map<std::string, std::string> flags, std::map<std::string, std::string> env)
      : flags_(std::move(flags)), env_(std::move(env)) {}

  std::string String(std::string_view name, std::string_view fallback);
  std::string RequiredString(std::string_view name);
  int Int(std::string_view name, int fallback, int min, int max);
  bool Bool(std::string_view name, bool fallback);
  // "250ms", "5s", "2m", "1h".
  std::chrono::milliseconds Duration(std::string_view name, std::chrono::milliseconds fallback);
  // Comma-separated, empty items dropped.
  std::vector<std::string> List(std::string_view name, std::string_view fallback);
  bool Has(std::string_view name) const;

  // For module-level Validate() rules that span settings.
  void AddError(std::string_view name, std::string_view message);

  // OK, or FAILED_PRECONDITION listing every bad, missing or unknown setting, one per line.
  absl::Status Finish() const;

  // `pg-dsn` → `TM_PG_DSN`.
  static std::string EnvName(std::string_view name);

 private:
  const std::string* Lookup(std::string_view name);
  std::string Describe(std::string_view name) const;

  std::map<std::string, std::string> flags_;
  std::map<std::string, std::string> env_;  // only TM_* variables
  std::set<std::string> read_;
  std::vector<std::string> errors_;
};

}  // namespace tmk
