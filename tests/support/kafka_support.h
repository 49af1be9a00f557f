#pragma once
// Kafka as an integrator sees it, for tests: create a topic, then read what arrives after a point,
// CloudEvents headers included.
#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "services/common/events/consumed_event.h"

namespace tmk::testing {

// Creates `topic` on the test broker (no-op when it exists); fails the test on error.
void CreateTopic(const std::string& brokers, const std::string& topic, int partitions);

// Reads a topic from where its partitions end at construction time (or from the beginning), so a
// test sees only what it caused even on a topic other runs wrote to.
// Commits `group`'s offsets at the current end of `topics`, so a consumer group of a suite under
// test starts after the backlog other tests left on the shared broker (e.g. millions of
// tm.contacts.v1 snapshots), as if it had read them. Best effort: a group a running process holds
// keeps its offsets.
void SkipBacklog(const std::string& brokers, const std::string& group,
                 const std::vector<std::string>& topics);

class TopicReader {
 public:
  enum class From { kNow, kBeginning };
  TopicReader(const std::string& brokers, const std::string& topic, From from = From::kNow);
  ~TopicReader();

  // Reads until `done(all events so far)` is true or the timeout passes; returns what was read.
  std::vector<events::ConsumedEvent> ReadUntil(
      const std::function<bool(const std::vector<events::ConsumedEvent>&)>& done,
      std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace tmk::testing
