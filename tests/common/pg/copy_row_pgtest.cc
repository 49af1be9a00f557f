// COPY rows built by CopyRow (the contacts import's bulk load, R1) read back by PostgreSQL as the
// very values that went in: text with every character COPY's text format escapes, bytea with
// every byte value, NULL, integers and booleans.
#include "services/common/pg/copy_row.h"

#include <tuple>

#include "tests/support/pg_fixture.h"

namespace tmk::pg {
namespace {

using CopyRowTest = testing::PgSchemaTest;

TEST_F(CopyRowTest, PostgreSqlReadsBackExactlyWhatWasWritten) {
  std::string every_byte;
  for (int b = 0; b < 256; ++b) every_byte += static_cast<char>(b);
  const std::string awkward = "tab\there\nnew line\\back\\slash\rcr \\N 宽带 '\"";
  const absl::Status written = pool_->Transact([&](pqxx::work& tx) {
    tx.exec("CREATE TABLE cells (id int, label text, missing text, blob bytea, flag boolean)");
    pqxx::stream_to stream(tx, "cells",
                           std::vector<std::string>{"id", "label", "missing", "blob", "flag"});
    CopyRow first;
    first.Int(-42).Text(awkward).Null().Bytea(every_byte).Bool(true);
    stream << std::tie(first);
    CopyRow second;
    second.Int(7).Text("").Text("\\N").Bytea("").Bool(false);
    stream << std::tie(second);
    stream.complete();
    return absl::OkStatus();
  });
  ASSERT_TRUE(written.ok()) << written;

  EXPECT_EQ(Scalar("SELECT label FROM cells WHERE id = -42"), awkward);
  EXPECT_EQ(Scalar("SELECT missing IS NULL FROM cells WHERE id = -42"), "t");
  EXPECT_EQ(Scalar("SELECT encode(blob, 'hex') FROM cells WHERE id = -42"),
            Scalar("SELECT string_agg(lpad(to_hex(b), 2, '0'), '' ORDER BY b)"
                   " FROM generate_series(0, 255) b"));
  EXPECT_EQ(Scalar("SELECT flag FROM cells WHERE id = -42"), "t");
  // An empty text is not NULL, and the text "\N" is not NULL either.
  EXPECT_EQ(Scalar("SELECT label IS NULL OR label <> '' FROM cells WHERE id = 7"), "f");
  EXPECT_EQ(Scalar("SELECT missing FROM cells WHERE id = 7"), "\\N");
  EXPECT_EQ(Scalar("SELECT length(blob) FROM cells WHERE id = 7"), "0");
  EXPECT_EQ(Scalar("SELECT flag FROM cells WHERE id = 7"), "f");
}

}  // namespace
}  // namespace tmk::pg
