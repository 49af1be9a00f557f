#include "services/common/core/uuid.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

namespace tmk {
namespace {

TEST(UuidV7, HasVersionVariantAndTimestamp) {
  ManualClock clock(TimePoint(std::chrono::milliseconds(1'700'000'000'123)));
  Uuid id = Uuid::V7(clock.Now());
  EXPECT_EQ(id.version(), 7);
  EXPECT_EQ(id.bytes()[8] & 0xc0, 0x80);  // RFC 9562 variant
  EXPECT_EQ(id.UnixMillis(), 1'700'000'000'123);
}

TEST(UuidV7, IsStrictlyIncreasingEvenWhenTheClockStalls) {
  ManualClock clock(TimePoint(std::chrono::milliseconds(1'700'000'000'000)));
  Uuid previous = Uuid::V7(clock.Now());
  for (int i = 0; i < 10000; ++i) {
    Uuid next = Uuid::V7(clock.Now());
    ASSERT_TRUE(previous < next) << previous.ToString() << " !< " << next.ToString();
    previous = next;
  }
}

TEST(UuidV7, RoundTripsThroughText) {
  Uuid id = Uuid::V7(SystemClock::Instance().Now());
  std::string text = id.ToString();
  ASSERT_EQ(text.size(), 36u);
  std::optional<Uuid> parsed = Uuid::Parse(text);
  ASSERT_TRUE(parsed.has_value());
  EXPECT_EQ(*parsed, id);
}

TEST(UuidParse, RejectsMalformedText) {
  EXPECT_FALSE(Uuid::Parse(""));
  EXPECT_FALSE(Uuid::Parse("0190a0b2-7c1d-7e3f-8a4b-5c6d7e8f9a0"));    // short
  EXPECT_FALSE(Uuid::Parse("0190a0b2x7c1d-7e3f-8a4b-5c6d7e8f9a0b"));   // bad dash
  EXPECT_FALSE(Uuid::Parse("0190a0b2-7c1d-7e3f-8a4b-5c6d7e8f9a0g"));   // bad hex
  EXPECT_TRUE(Uuid::Parse("0190A0B2-7C1D-7E3F-8A4B-5C6D7E8F9A0B"));    // upper case is fine
}

TEST(UuidV7, IdsAreUniqueAcrossThreads) {
  std::vector<std::thread> threads;
  std::vector<std::vector<std::string>> out(4);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&out, t] {
      for (int i = 0; i < 5000; ++i) out[t].push_back(NewId());
    });
  }
  for (auto& th : threads) th.join();
  std::set<std::string> all;
  for (auto& v : out) all.insert(v.begin(), v.end());
  EXPECT_EQ(all.size(), 20000u);
}

}  // namespace
}  // namespace tmk
