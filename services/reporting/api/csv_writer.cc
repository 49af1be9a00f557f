#include "services/reporting/api/csv_writer.h"

namespace tmk::reporting {

std::string CsvField(const std::string& value) {
  if (value.find_first_of(",\"\r\n") == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
}

void CsvWriter::Row(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += ',';
    line += CsvField(fields[i]);
  }
  line += "\r\n";
  if (chunks_.empty() || chunks_.back().bytes.size() + line.size() > chunk_bytes_) {
    chunks_.emplace_back();
  }
  chunks_.back().bytes += line;
  ++chunks_.back().rows;
}

std::vector<CsvWriter::Chunk> CsvWriter::TakeChunks() { return std::move(chunks_); }

}  // namespace tmk::reporting
