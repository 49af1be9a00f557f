#include "services/tools/tmctl/import_progress.h"

#include <algorithm>
#include <cstdio>

namespace tmk::tmctl {

ImportProgress::ImportProgress(std::string source, int64_t total_bytes, bool interactive)
    : source_(std::move(source)),
      total_bytes_(total_bytes),
      interactive_(interactive),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void ImportProgress::Update(int64_t rows_sent, int64_t bytes_read) {
  auto now = std::chrono::steady_clock::now();
  auto every = interactive_ ? std::chrono::milliseconds(200) : std::chrono::milliseconds(5000);
  if (now - last_draw_ < every) return;
  last_draw_ = now;
  Draw(rows_sent, bytes_read, false);
}

void ImportProgress::Finish(int64_t rows_sent, int64_t bytes_read) {
  Draw(rows_sent, bytes_read, true);
  if (interactive_) std::fputc('\n', stderr);
}

void ImportProgress::Draw(int64_t rows_sent, int64_t bytes_read, bool final) {
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  double rate = seconds > 0 ? rows_sent / seconds : 0;
  double fraction = total_bytes_ > 0 ? std::min(1.0, double(bytes_read) / total_bytes_) : 0;
  if (interactive_) {
    constexpr int kWidth = 30;
    int filled = static_cast<int>(fraction * kWidth);
    std::string bar = std::string(filled, '#') + std::string(kWidth - filled, '.');
    std::fprintf(stderr, "\r%s [%s] %3.0f%%  %lld rows  %.0f rows/s ", source_.c_str(), bar.c_str(),
                 fraction * 100, static_cast<long long>(rows_sent), rate);
  } else {
    std::fprintf(stderr, "%s: %s %.0f%%, %lld rows streamed, %.0f rows/s\n", source_.c_str(),
                 final ? "sent" : "sending", fraction * 100, static_cast<long long>(rows_sent), rate);
  }
  std::fflush(stderr);
}

}  // namespace tmk::tmctl
