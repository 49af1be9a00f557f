#pragma once
// Progress of a long import on stderr (every long-running operation reports progress): a bar
// redrawn in place on a terminal, a plain line every few seconds otherwise (CI logs, pipes).
#include <chrono>
#include <cstdint>
#include <string>

namespace tmk::tmctl {

class ImportProgress {
 public:
  ImportProgress(std::string source, int64_t total_bytes, bool interactive);

  // Called as rows are sent; redraws at most a few times a second.
  void Update(int64_t rows_sent, int64_t bytes_read);
  // The last redraw, then a newline so later output starts clean.
  void Finish(int64_t rows_sent, int64_t bytes_read);

 private:
  void Draw(int64_t rows_sent, int64_t bytes_read, bool final);

  const std::string source_;
  const int64_t total_bytes_;
  const bool interactive_;
  const std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
};

}  // namespace tmk::tmctl
