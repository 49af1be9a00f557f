#pragma once
// A CallerDirectory answering in virtual time, for the inbound router's pgtests (R18): the
// customers it knows by number, after `delay`, or `failure` for every lookup. Contacts itself is
// exercised by tests/e2e/inbound_e2e_test.cc; this one lets a test put the answer before or
// after the agent's offer, or past the call's end.
#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "services/dialing/runtime/caller_directory.h"
#include "services/dialing/telephony/scheduler.h"

namespace tmk::dialing::testing {

class VirtualCallerDirectory final : public CallerDirectory {
 public:
  explicit VirtualCallerDirectory(Scheduler& scheduler) : scheduler_(scheduler) {}

  void Identify(const std::string& call_id, const std::string& caller_number,
                Answer answer) override {
    asked.push_back(call_id);
    absl::StatusOr<std::optional<KnownCaller>> caller = std::optional<KnownCaller>();
    if (!failure.ok()) {
      caller = failure;
    } else if (auto it = known.find(caller_number); it != known.end()) {
      caller = std::optional<KnownCaller>(it->second);
    }
    scheduler_.After(delay, [answer, caller] { answer(caller); });
  }

  std::map<std::string, KnownCaller> known;  // by caller number
  std::chrono::milliseconds delay{100};
  absl::Status failure;
  std::vector<std::string> asked;  // call ids, in order

 private:
  Scheduler& scheduler_;
};

}  // namespace tmk::dialing::testing
