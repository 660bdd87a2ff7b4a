#pragma once
// The local kernel of bronze: one rank's share of one entity, read from its
// byte ranges (csv/byte_split.hpp) record by record. No MPI here: the
// distributed flow (bronze/ingest.hpp) numbers the lines and writes the tables.
#include <array>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/csv/byte_split.hpp"
#include "adlake/csv/header.hpp"
#include "adlake/csv/line_reader.hpp"
#include "adlake/csv/record_parser.hpp"
#include "adlake/csv/reject_reason.hpp"

namespace adlake::bronze {

// One entity's input: its files in name order.
struct EntityInput {
  std::string name;
  std::span<const std::string_view> columns;  // CONTRACT 1, in order
  std::vector<std::string> paths;             // full paths, to open
  std::vector<std::string> labels;            // paths relative to RAW, for messages and /_files
  std::vector<std::uint64_t> sizes;
  std::int32_t first_file_index = 0;  // index of paths[0] in /_files
};

// What a rank saw of one file.
struct FileCounts {
  std::int64_t lines = 0;  // physical lines owned, the header included
  std::int64_t blank_lines = 0;
  std::int64_t rows = 0;
  std::array<std::int64_t, csv::kRejectReasonCount> rejects{};

  std::int64_t reject_total() const;
};

struct ShareOptions {
  std::size_t chunk_bytes = std::size_t{4} << 20;
  // Called now and then with the bytes of this rank's ranges read so far.
  std::function<void(std::uint64_t)> on_progress;
};

// The records (rows and rejects) of the lines this rank owns in `segments`,
// one at a time: headers and blank lines are counted and passed over. Both of
// bronze's passes over a share read it through this (bronze/survey.hpp,
// bronze/slabs.hpp). Throws DataError (header) or IoError naming the
// file.
class ShareScanner {
 public:
  ShareScanner(const EntityInput& input, std::span<const csv::FileSegment> segments,
               const ShareOptions& options = {});
  ~ShareScanner();
  ShareScanner(const ShareScanner&) = delete;
  ShareScanner& operator=(const ShareScanner&) = delete;

  // The next record; false when the share is read (counts() then final).
  bool next();

  // The record's reject reason; nullopt for a row.
  const std::optional<csv::RejectReason>& reason() const { return reason_; }
  // The record's file (index into EntityInput::paths) and its 0-based
  // position among the lines of that file this rank owns.
  std::size_t file() const { return file_; }
  std::int64_t position() const { return position_; }
  // The physical line, without LF or CRLF (valid until the next call).
  std::string_view line() const { return line_; }
  // A row's value of the entity's column `column` (valid until the next call).
  std::string_view value(std::size_t column) const {
    return parser_.fields()[header_.field_of_column[column]];
  }

  // Per file of the entity (EntityInput order), the lines read so far.
  const std::vector<FileCounts>& counts() const { return counts_; }
  // The size of this rank's byte ranges.
  std::uint64_t bytes() const { return share_bytes_; }

 private:
  bool open_next_segment();
  void report_progress();

  const EntityInput& input_;
  std::span<const csv::FileSegment> segments_;
  ShareOptions options_;
  std::vector<FileCounts> counts_;
  std::uint64_t share_bytes_ = 0;
  std::uint64_t done_bytes_ = 0;  // of the segments before the current one
  std::size_t next_segment_ = 0;
  std::int64_t until_progress_;
  std::vector<char> read_buffer_;  // one for every file of the share
  std::unique_ptr<csv::RangeLineReader> reader_;
  csv::HeaderMap header_;
  csv::RecordParser parser_;
  std::size_t file_ = 0;
  std::int64_t position_ = 0;
  std::string_view line_;
  std::optional<csv::RejectReason> reason_;
};

// The 1-based physical line number of a record, given the position
// ShareScanner gave it and, for each file of the entity, the number of its
// lines owned by lower ranks.
inline std::int64_t line_number(std::int64_t position, std::size_t file,
                                std::span<const std::int64_t> lines_before) {
  return position + lines_before[file] + 1;
}

}  // namespace adlake::bronze
