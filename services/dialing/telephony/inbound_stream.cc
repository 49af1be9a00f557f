#include "services/dialing/telephony/inbound_stream.h"

#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace tmk::dialing {

absl::Status InboundStream::Validate() const {
  if (dialed_number.size() < 2 || dialed_number[0] != '+') {
    return absl::InvalidArgumentError(
        absl::StrCat("inbound number '", dialed_number, "' is not E.164 (+ and digits)"));
  }
  if (!(calls_per_hour > 0 && calls_per_hour <= 100000)) {
    return absl::InvalidArgumentError(
        absl::StrCat("inbound calls per hour of ", dialed_number, " must be in (0, 100000]"));
  }
  return patience.Validate();
}

absl::StatusOr<std::vector<InboundStream>> ParseInboundStreams(
    std::string_view text, const DurationDistribution& patience) {
  std::vector<InboundStream> streams;
  if (text.empty()) return streams;
  // Debian's absl has its own string_view: split std::strings.
  const std::vector<std::string> items = absl::StrSplit(std::string(text), ',');
  for (const std::string& item : items) {
    std::vector<std::string> parts = absl::StrSplit(item, ':');
    InboundStream stream;
    stream.patience = patience;
    if (parts.size() != 2 || !absl::SimpleAtod(parts[1], &stream.calls_per_hour)) {
      return absl::InvalidArgumentError(
          absl::StrCat("'", item, "' is not NUMBER:CALLS_PER_HOUR, e.g. +8610086:120"));
    }
    stream.dialed_number = parts[0];
    if (absl::Status s = stream.Validate(); !s.ok()) return s;
    streams.push_back(std::move(stream));
  }
  return streams;
}

}  // namespace tmk::dialing
