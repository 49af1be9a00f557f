// CSV for exports (RFC 4180): quoting where needed, CRLF rows, chunks that end on row boundaries.
#include "services/reporting/api/csv_writer.h"

#include <gtest/gtest.h>

namespace tmk::reporting {
namespace {

TEST(CsvWriterTest, QuotesOnlyFieldsThatNeedIt) {
  EXPECT_EQ(CsvField("plain"), "plain");
  EXPECT_EQ(CsvField("a,b"), "\"a,b\"");
  EXPECT_EQ(CsvField("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(CsvField("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvField("宽带升级"), "宽带升级");
}

TEST(CsvWriterTest, ChunksEndOnRowBoundariesAndCountTheirRows) {
  CsvWriter csv(/*chunk_bytes=*/16);
  csv.Row({"h1", "h2"});
  for (int i = 0; i < 5; ++i) csv.Row({"row" + std::to_string(i), "x,y"});
  std::vector<CsvWriter::Chunk> chunks = csv.TakeChunks();
  ASSERT_GT(chunks.size(), 1u);
  std::string all;
  int64_t rows = 0;
  for (const auto& chunk : chunks) {
    EXPECT_EQ(chunk.bytes.substr(chunk.bytes.size() - 2), "\r\n");
    all += chunk.bytes;
    rows += chunk.rows;
  }
  EXPECT_EQ(rows, 6);
  EXPECT_EQ(all.substr(0, 7), "h1,h2\r\n");
  EXPECT_NE(all.find("row4,\"x,y\"\r\n"), std::string::npos);
}

}  // namespace
}  // namespace tmk::reporting
