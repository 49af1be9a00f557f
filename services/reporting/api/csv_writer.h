#pragma once
// RFC 4180 CSV for exports: fields quoted when they hold a comma, quote or line break; rows end
// with CRLF. Rows are gathered into chunks that end on row boundaries.
#include <string>
#include <vector>

namespace tmk::reporting {

class CsvWriter {
 public:
  explicit CsvWriter(size_t chunk_bytes = 64 * 1024) : chunk_bytes_(chunk_bytes) {}

  void Row(const std::vector<std::string>& fields);
  // The chunks so far (the last may be short) with their row counts.
  struct Chunk {
    std::string bytes;
    int64_t rows = 0;
  };
  std::vector<Chunk> TakeChunks();

 private:
  const size_t chunk_bytes_;
  std::vector<Chunk> chunks_;
};

std::string CsvField(const std::string& value);

}  // namespace tmk::reporting
