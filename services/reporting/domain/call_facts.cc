#include "services/reporting/domain/call_facts.h"

#include <algorithm>

namespace tmk::reporting {
namespace {

void Fill(std::string& field, const std::string& value) {
  if (!value.empty()) field = value;
}

void ApplyIdentity(CallFacts& facts, const CallStep& step) {
  Fill(facts.campaign_id, step.campaign_id);
  Fill(facts.lead_id, step.lead_id);
  Fill(facts.customer_id, step.customer_id);
  Fill(facts.variant_id, step.variant_id);
  Fill(facts.queue_id, step.queue_id);
  Fill(facts.region_id, step.region_id);
  if (!facts.connected) Fill(facts.agent_id, step.agent_id);
  if (step.direction != Direction::kUnspecified) facts.direction = step.direction;
}

void ApplyStep(CallFacts& facts, const CallStep& step) {
  switch (step.kind) {
    case StepKind::kCreated:
      facts.start = step.time;
      break;
    case StepKind::kRinging:
      break;
    case StepKind::kAnswered:
      facts.answered = true;
      break;
    case StepKind::kMachineDetected:
      facts.machine_detected = true;
      break;
    case StepKind::kQueued:
      facts.queued = true;
      break;
    case StepKind::kAbandoned:
      facts.abandoned = true;
      facts.abandon_reason = step.abandon_reason;
      facts.abandon_counts_against_limit = step.counts_against_limit;
      facts.abandon_wait = step.wait;
      break;
    case StepKind::kAgentConnected:
      // A transfer connects a second agent; the wait and the owner are the first connection's.
      if (!facts.connected) {
        facts.connected = true;
        facts.connect_wait = step.wait;
        Fill(facts.agent_id, step.agent_id);
      }
      break;
    case StepKind::kTransferred:
      ++facts.transfers;
      facts.transfer_total += step.transfer_duration;
      break;
    case StepKind::kEnded:
      facts.ended = true;
      facts.outcome = step.outcome;
      facts.talk = step.talk;
      facts.hold = step.hold;
      facts.line = step.line;
      break;
    case StepKind::kDispositioned:
      facts.dispositioned = true;
      facts.disposition_code = step.disposition_code;
      if (step.outcome != 0) facts.outcome = step.outcome;
      facts.stage = step.stage;
      facts.intention = step.intention;
      facts.order_id = step.order_id;
      facts.counts_as_conversion = step.counts_as_conversion;
      facts.wrap_up = step.wrap_up;
      break;
  }
}

}  // namespace

CallFacts FoldCall(const std::string& call_id, std::vector<CallStep> steps) {
  std::sort(steps.begin(), steps.end(),
            [](const CallStep& a, const CallStep& b) { return a.sequence < b.sequence; });
  CallFacts facts;
  facts.call_id = call_id;
  if (steps.empty()) return facts;
  facts.start = steps.front().time;
  facts.last_time = steps.front().time;
  for (const CallStep& step : steps) {
    facts.start = std::min(facts.start, step.time);
    facts.last_time = std::max(facts.last_time, step.time);
  }
  for (const CallStep& step : steps) {
    ApplyIdentity(facts, step);
    ApplyStep(facts, step);
  }
  return facts;
}

}  // namespace tmk::reporting
