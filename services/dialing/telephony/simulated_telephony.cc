#include "services/dialing/telephony/simulated_telephony.h"

#include <algorithm>
#include <utility>

namespace tmk::dialing {

absl::StatusOr<std::unique_ptr<SimulatedTelephony>> SimulatedTelephony::Create(
    Scheduler& scheduler, const SimulationProfile& profile) {
  if (absl::Status s = profile.Validate(); !s.ok()) return s;
  return std::unique_ptr<SimulatedTelephony>(new SimulatedTelephony(scheduler, profile));
}

CallEvent SimulatedTelephony::Event(CallId id, CallEventType type) const {
  CallEvent event;
  event.call = id;
  event.type = type;
  event.at = scheduler_.Now();
  return event;
}

void SimulatedTelephony::Deliver(const CallEvent& event) {
  if (listener_ != nullptr) listener_->OnCallEvent(event);
}

void SimulatedTelephony::DeliverLater(CallEvent event) {
  scheduler_.At(event.at, [this, event = std::move(event)] { Deliver(event); });
}

absl::StatusOr<CallId> SimulatedTelephony::Originate(const OriginateRequest& request) {
  if (request.number.empty()) return absl::InvalidArgumentError("a call needs a number");
  if (request.ring_timeout.count() <= 0) {
    return absl::InvalidArgumentError("the ring timeout must be positive");
  }
  const CallId id = next_id_++;
  ++counts_.originated;
  calls_.emplace(id, Call{});
  DeliverLater(Event(id, CallEventType::kRinging));

  // What is at the other end, and when the network says so.
  const double u = UniformUnit(rng_);
  const SimulationProfile& p = profile_;
  CallEventType outcome;
  bool person = false;
  double delay;
  if (u < p.person + p.machine) {
    person = u < p.person;
    const bool detected_right = UniformUnit(rng_) < p.amd_accuracy;
    outcome = person == detected_right ? CallEventType::kAnsweredByPerson
                                       : CallEventType::kAnsweredByMachine;
    delay = p.ring_time.Sample(rng_);
  } else if (u < p.person + p.machine + p.busy) {
    outcome = CallEventType::kBusy;
    delay = p.busy_time.Sample(rng_);
  } else if (u < p.person + p.machine + p.busy + p.invalid_number) {
    outcome = CallEventType::kInvalidNumber;
    delay = p.invalid_time.Sample(rng_);
  } else {
    outcome = CallEventType::kNoAnswer;
    delay = p.no_answer_time ? p.no_answer_time->Sample(rng_) : request.ring_timeout.count();
  }
  // Nothing rings past the dialer's timeout: the call then ends unanswered.
  const double timeout = request.ring_timeout.count();
  if (delay > timeout) {
    outcome = CallEventType::kNoAnswer;
    delay = timeout;
  }
  scheduler_.After(std::chrono::duration<double>(delay),
                   [this, id, outcome, person] { Resolve(id, outcome, person); });
  return id;
}

void SimulatedTelephony::StartArrivals() {
  for (size_t i = 0; i < profile_.inbound.size(); ++i) ScheduleArrival(i);
}

void SimulatedTelephony::ScheduleArrival(size_t index) {
  const double mean_gap = 3600 / profile_.inbound[index].calls_per_hour;
  const double gap = DurationDistribution::Exponential(mean_gap).Sample(rng_);
  scheduler_.After(std::chrono::duration<double>(gap), [this, index] { Arrive(index); });
}

// An inbound caller is an answered call from the start: bridged when an agent takes it, or
// gone after their patience (R18).
void SimulatedTelephony::Arrive(size_t index) {
  const InboundStream& stream = profile_.inbound[index];
  const CallId id = next_id_++;
  ++counts_.inbound_arrived;
  Call call;
  call.state = State::kAnswered;
  call.person = true;
  calls_.emplace(id, call);
  CallEvent event = Event(id, CallEventType::kArrived);
  event.dialed_number = stream.dialed_number;
  if (!caller_pool_.empty() && UniformUnit(rng_) < profile_.known_caller_share) {
    event.caller_number = caller_pool_[static_cast<size_t>(UniformUnit(rng_) * caller_pool_.size())];
  } else {
    event.caller_number = "+86139" + std::to_string(10000000 + rng_() % 90000000);
  }
  scheduler_.After(std::chrono::duration<double>(stream.patience.Sample(rng_)), [this, id] {
    auto it = calls_.find(id);
    if (it != calls_.end() && it->second.state == State::kAnswered) ++counts_.inbound_gave_up;
    EndInSilence(id);
  });
  ScheduleArrival(index);
  Deliver(event);
}

void SimulatedTelephony::Resolve(CallId id, CallEventType outcome, bool person) {
  auto it = calls_.find(id);
  if (it == calls_.end()) return;  // hung up while dialing
  switch (outcome) {
    case CallEventType::kAnsweredByPerson:
    case CallEventType::kAnsweredByMachine:
      ++(person ? counts_.persons : counts_.machines);
      if (person != (outcome == CallEventType::kAnsweredByPerson)) ++counts_.misdetected;
      it->second.state = State::kAnswered;
      it->second.person = person;
      scheduler_.After(std::chrono::duration<double>(profile_.silence_patience.Sample(rng_)),
                       [this, id] { EndInSilence(id); });
      break;
    case CallEventType::kBusy:
      ++counts_.busy;
      calls_.erase(it);
      break;
    case CallEventType::kInvalidNumber:
      ++counts_.invalid_number;
      calls_.erase(it);
      break;
    default:
      ++counts_.no_answer;
      calls_.erase(it);
      break;
  }
  Deliver(Event(id, outcome));
}

void SimulatedTelephony::EndInSilence(CallId id) {
  auto it = calls_.find(id);
  if (it == calls_.end() || it->second.state != State::kAnswered) return;
  calls_.erase(it);
  CallEvent event = Event(id, CallEventType::kEnded);
  event.side = HangupSide::kRemote;
  Deliver(event);
}

void SimulatedTelephony::EndConversation(CallId id) {
  auto it = calls_.find(id);
  if (it == calls_.end() || it->second.state != State::kBridged) return;
  CallEvent event = Event(id, CallEventType::kEnded);
  event.side = HangupSide::kRemote;
  event.agent = std::move(it->second.agent);
  calls_.erase(it);
  Deliver(event);
}

absl::Status SimulatedTelephony::HangUp(CallId call) {
  auto it = calls_.find(call);
  if (it == calls_.end()) return absl::NotFoundError("no such call in progress");
  CallEvent event = Event(call, CallEventType::kEnded);
  event.side = HangupSide::kLocal;
  event.agent = std::move(it->second.agent);
  calls_.erase(it);
  DeliverLater(std::move(event));
  return absl::OkStatus();
}

absl::Status SimulatedTelephony::Bridge(CallId call, const std::string& agent) {
  auto it = calls_.find(call);
  if (it == calls_.end()) return absl::NotFoundError("no such call in progress");
  if (it->second.state != State::kAnswered) {
    return absl::FailedPreconditionError("only an answered call not yet bridged can be bridged");
  }
  if (agent.empty()) return absl::InvalidArgumentError("bridging needs an agent");
  it->second.state = State::kBridged;
  it->second.agent = agent;
  const DurationDistribution& talk =
      it->second.person ? profile_.talk_time : profile_.machine_talk_time;
  scheduler_.After(std::chrono::duration<double>(talk.Sample(rng_)),
                   [this, call] { EndConversation(call); });
  CallEvent event = Event(call, CallEventType::kBridged);
  event.agent = agent;
  DeliverLater(std::move(event));
  return absl::OkStatus();
}

absl::Status SimulatedTelephony::Transfer(CallId call, const std::string& destination) {
  auto it = calls_.find(call);
  if (it == calls_.end()) return absl::NotFoundError("no such call in progress");
  if (it->second.state != State::kBridged) {
    return absl::FailedPreconditionError("only a bridged call can be transferred");
  }
  if (destination.empty()) return absl::InvalidArgumentError("a transfer needs a destination");
  // The conversation goes on with the new party; its end stays where it was drawn.
  it->second.agent = destination;
  CallEvent event = Event(call, CallEventType::kTransferred);
  event.agent = destination;
  DeliverLater(std::move(event));
  return absl::OkStatus();
}

}  // namespace tmk::dialing
