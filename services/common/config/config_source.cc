#include "services/common/config/config_source.h"

#include <cctype>

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"

namespace tmk {
namespace {

// Variables of the developer tooling share the TM_ prefix but are not server settings.
bool IsToolingVariable(std::string_view env_name) {
  for (std::string_view prefix : {"TM_TEST_", "TM_DEV_", "TM_CACHE_", "TM_BENCH_"}) {
    if (env_name.substr(0, prefix.size()) == prefix) return true;
  }
  return false;
}

}  // namespace

absl::StatusOr<ConfigSource> ConfigSource::FromCommandLine(int argc, const char* const* argv,
                                                           const char* const* envp) {
  std::map<std::string, std::string> flags;
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg.substr(0, 2) != "--" || arg.size() == 2) {
      return absl::InvalidArgumentError(
          absl::StrCat("unexpected argument '", std::string(arg), "': settings are --name=value"));
    }
    arg.remove_prefix(2);
    std::string name, value;
    if (size_t eq = arg.find('='); eq != std::string_view::npos) {
      name = std::string(arg.substr(0, eq));
      value = std::string(arg.substr(eq + 1));
    } else if (i + 1 < argc && std::string_view(argv[i + 1]).substr(0, 2) != "--") {
      name = std::string(arg);
      value = argv[++i];
    } else {
      name = std::string(arg);
      value = "true";
    }
    if (flags.count(name)) {
      return absl::InvalidArgumentError(absl::StrCat("--", name, " given twice"));
    }
    flags[name] = value;
  }
  std::map<std::string, std::string> env;
  for (const char* const* e = envp; e && *e; ++e) {
    std::string_view entry = *e;
    if (entry.substr(0, 3) != "TM_") continue;
    size_t eq = entry.find('=');
    if (eq == std::string_view::npos) continue;
    std::string key(entry.substr(0, eq));
    if (IsToolingVariable(key)) continue;
    env[key] = std::string(entry.substr(eq + 1));
  }
  return ConfigSource(std::move(flags), std::move(env));
}

std::string ConfigSource::EnvName(std::string_view name) {
  std::string out = "TM_";
  for (char c : name) out.push_back(c == '-' ? '_' : absl::ascii_toupper(c));
  return out;
}

std::string ConfigSource::Describe(std::string_view name) const {
  return absl::StrCat("--", std::string(name), " (", EnvName(name), ")");
}

const std::string* ConfigSource::Lookup(std::string_view name) {
  read_.insert(std::string(name));
  if (auto it = flags_.find(std::string(name)); it != flags_.end()) return &it->second;
  if (auto it = env_.find(EnvName(name)); it != env_.end()) return &it->second;
  return nullptr;
}

bool ConfigSource::Has(std::string_view name) const {
  return flags_.count(std::string(name)) || env_.count(EnvName(name));
}

void ConfigSource::AddError(std::string_view name, std::string_view message) {
  errors_.push_back(absl::StrCat(Describe(name), ": ", std::string(message)));
}

std::string ConfigSource::String(std::string_view name, std::string_view fallback) {
  const std::string* value = Lookup(name);
  return value ? *value : std::string(fallback);
}

std::string ConfigSource::RequiredString(std::string_view name) {
  const std::string* value = Lookup(name);
  if (!value || value->empty()) {
    AddError(name, "required setting is missing");
    return "";
  }
  return *value;
}

int ConfigSource::Int(std::string_view name, int fallback, int min, int max) {
  const std::string* value = Lookup(name);
  if (!value) return fallback;
  int parsed = 0;
  if (!absl::SimpleAtoi(*value, &parsed)) {
    AddError(name, absl::StrCat("'", *value, "' is not an integer"));
    return fallback;
  }
  if (parsed < min || parsed > max) {
    AddError(name, absl::StrCat(parsed, " is outside [", min, ", ", max, "]"));
    return fallback;
  }
  return parsed;
}

bool ConfigSource::Bool(std::string_view name, bool fallback) {
  const std::string* value = Lookup(name);
  if (!value) return fallback;
  std::string v = absl::AsciiStrToLower(*value);
  if (v == "true" || v == "1" || v == "yes") return true;
  if (v == "false" || v == "0" || v == "no") return false;
  AddError(name, absl::StrCat("'", *value, "' is not a boolean (true/false)"));
  return fallback;
}

std::chrono::milliseconds ConfigSource::Duration(std::string_view name,
                                                 std::chrono::milliseconds fallback) {
  const std::string* value = Lookup(name);
  if (!value) return fallback;
  std::string_view v = *value;
  size_t digits = 0;
  while (digits < v.size() && std::isdigit(static_cast<unsigned char>(v[digits]))) ++digits;
  long long amount = 0;
  std::string_view unit = v.substr(digits);
  if (digits == 0 || !absl::SimpleAtoi(std::string(v.substr(0, digits)), &amount)) unit = "?";
  long long factor = unit == "ms" ? 1 : unit == "s" ? 1000 : unit == "m" ? 60000 : unit == "h" ? 3600000 : 0;
  if (factor == 0) {
    AddError(name, absl::StrCat("'", std::string(v), "' is not a duration like 250ms, 5s, 2m, 1h"));
    return fallback;
  }
  return std::chrono::milliseconds(amount * factor);
}

std::vector<std::string> ConfigSource::List(std::string_view name, std::string_view fallback) {
  const std::string* value = Lookup(name);
  std::vector<std::string> out;
  std::string text = value ? *value : std::string(fallback);
  for (absl::string_view item : absl::StrSplit(text, ',', absl::SkipEmpty())) {
    out.emplace_back(absl::StripAsciiWhitespace(item));
  }
  return out;
}

absl::Status ConfigSource::Finish() const {
  std::vector<std::string> problems = errors_;
  for (const auto& [name, value] : flags_) {
    if (!read_.count(name)) problems.push_back(absl::StrCat("--", name, ": unknown setting"));
  }
  for (const auto& [env_name, value] : env_) {
    bool known = false;
    for (const std::string& name : read_) known = known || EnvName(name) == env_name;
    if (!known) problems.push_back(absl::StrCat(env_name, ": unknown setting"));
  }
  if (problems.empty()) return absl::OkStatus();
  return absl::FailedPreconditionError(absl::StrJoin(problems, "\n"));
}

}  // namespace tmk
