#pragma once
// The live side of a queue's status (R18, R29): what waits in it and who serves it right now, as
// the inbound router sees it. Readable from any thread.
#include <chrono>
#include <string>

namespace tmk::dialing {

struct LiveQueueFigures {
  int calls_waiting = 0;
  std::chrono::milliseconds longest_wait{0};
  int agents_ready = 0;
  int agents_on_call = 0;
  int blended_agents = 0;  // blended agents moved to inbound who take the queue
};

class QueueStatusSource {
 public:
  virtual ~QueueStatusSource() = default;
  virtual LiveQueueFigures Live(const std::string& queue_id) const = 0;
};

}  // namespace tmk::dialing
