#include "services/dialing/domain/inbound_queue_rules.h"

#include <set>

#include "absl/strings/str_cat.h"
#include "services/common/core/uuid.h"
#include "services/dialing/domain/agent_roster_rules.h"

namespace tmk::dialing {

namespace {

constexpr size_t kMaxDisplayName = 200;
constexpr size_t kMaxListed = 100;

std::string Field(std::string_view prefix, std::string_view name) {
  return prefix.empty() ? std::string(name) : absl::StrCat(std::string(prefix), ".",
                                                           std::string(name));
}

// Each entry well formed and listed once; `well_formed` says what a good entry is.
template <typename Check>
void CheckList(const std::vector<std::string>& ids, const std::string& field,
               const char* expected, Check well_formed, Violations& v) {
  if (ids.size() > kMaxListed) v.Add(field, absl::StrCat("at most ", kMaxListed));
  std::set<std::string> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string at = absl::StrCat(field, "[", i, "]");
    if (!well_formed(ids[i])) {
      v.Add(at, expected);
    } else if (!seen.insert(ids[i]).second) {
      v.Add(at, "listed twice");
    }
  }
}

bool IsUuid(const std::string& id) { return Uuid::Parse(id).has_value(); }

}  // namespace

bool IsDialedNumber(std::string_view number) {
  if (number.size() < 7 || number.size() > 16 || number[0] != '+') return false;
  for (char c : number.substr(1)) {
    if (c < '0' || c > '9') return false;
  }
  return number[1] != '0';
}

void CheckInboundQueue(const InboundQueueSpec& q, std::string_view prefix, Violations& v) {
  if (q.display_name.empty() || q.display_name.size() > kMaxDisplayName) {
    v.Add(Field(prefix, "display_name"), absl::StrCat("1 to ", kMaxDisplayName, " bytes"));
  }
  const std::string numbers = Field(prefix, "dialed_numbers");
  // Without a number no call can reach the queue; transfers alone do not make a queue.
  if (q.dialed_numbers.empty()) v.Add(numbers, "at least one dialed number (E.164)");
  CheckList(q.dialed_numbers, numbers, "an E.164 number: + and 6 to 15 digits",
            [](const std::string& n) { return IsDialedNumber(n); }, v);
  CheckList(q.required_skill_ids, Field(prefix, "required_skill_ids"),
            "1 to 64 of a-z, 0-9 and _", [](const std::string& s) { return IsSkillId(s); }, v);
  const std::string groups = Field(prefix, "agent_group_ids");
  // R19: a queue is served by agent groups; with none, no agent could ever take its calls.
  if (q.agent_group_ids.empty()) v.Add(groups, "at least one agent group serves the queue");
  CheckList(q.agent_group_ids, groups, "an agent group id (a UUID)", IsUuid, v);
  if (q.priority < 0 || q.priority > kMaxQueuePriority) {
    v.Add(Field(prefix, "priority"), absl::StrCat("0 to ", kMaxQueuePriority));
  }
  const std::string threshold = Field(prefix, "service_level_threshold");
  if (q.service_level_threshold <= std::chrono::milliseconds(0) ||
      q.service_level_threshold > kMaxServiceLevelThreshold) {
    v.Add(threshold, absl::StrCat("above 0 and at most ", kMaxServiceLevelThreshold.count(),
                                  " s, e.g. 20 s (R26)"));
  }
  if (!(q.service_level_target > 0 && q.service_level_target < 1)) {
    v.Add(Field(prefix, "service_level_target"),
          "a share strictly between 0 and 1, e.g. 0.8 (R26)");
  }
  const std::string max_wait = Field(prefix, "max_wait");
  if (q.max_wait <= std::chrono::milliseconds(0) || q.max_wait > kMaxQueueWait) {
    v.Add(max_wait, absl::StrCat("above 0 and at most ", kMaxQueueWait.count(), " s"));
  } else if (q.max_wait < q.service_level_threshold) {
    v.Add(max_wait, "at least the service level threshold: calls must be able to meet it");
  }
  if (!q.overflow_queue_id.empty()) {
    const std::string overflow = Field(prefix, "overflow_queue_id");
    if (!IsUuid(q.overflow_queue_id)) {
      v.Add(overflow, "an inbound queue id (a UUID)");
    } else if (q.overflow_queue_id == q.queue_id) {
      v.Add(overflow, "a queue cannot overflow into itself");
    }
  }
  CheckList(q.cross_sell_campaign_ids, Field(prefix, "cross_sell_campaign_ids"),
            "a campaign id (a UUID)", IsUuid, v);
}

}  // namespace tmk::dialing
