#pragma once
// CloudEvents 1.0 Kafka protocol binding, binary mode: attributes travel as `ce_`-prefixed
// headers and the value is the bare protobuf payload (ARCHITECTURE.md "Contracts").
#include <string>
#include <string_view>

#include "services/common/core/clock.h"

namespace tmk::events::ce {

inline constexpr char kSpecVersion[] = "ce_specversion";
inline constexpr char kId[] = "ce_id";
inline constexpr char kSource[] = "ce_source";
inline constexpr char kType[] = "ce_type";
inline constexpr char kTime[] = "ce_time";
inline constexpr char kSubject[] = "ce_subject";
inline constexpr char kRegion[] = "ce_region";  // extension attribute: the producing region
inline constexpr char kContentType[] = "content-type";
inline constexpr char kProtobufContentType[] = "application/protobuf";

// "//telemarketing/<region>/<service>"
std::string Source(std::string_view region, std::string_view service);
// RFC 3339 UTC with microseconds, e.g. 2026-11-24T05:40:01.123456Z.
std::string FormatTime(TimePoint time);

}  // namespace tmk::events::ce
