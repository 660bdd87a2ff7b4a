#include "adlake/bronze/share.hpp"

#include <numeric>

#include "adlake/csv/header.hpp"
#include "adlake/csv/line_reader.hpp"
#include "adlake/csv/record_parser.hpp"

namespace adlake::bronze {

namespace {

// How many lines between two progress calls: cheap enough per line, often
// enough for a log every few seconds.
constexpr std::int64_t kProgressEveryLines = 1 << 16;

std::vector<std::string> reason_labels() {
  return {csv::kRejectReasonNames.begin(), csv::kRejectReasonNames.end()};
}

// After this many rows, the columns are reserved for the whole share.
constexpr std::size_t kRowsBeforeReserve = 4096;

// Rows and rejects being filled, before they become Tables.
struct Builder {
  explicit Builder(std::size_t columns) : values(columns) {}
  std::vector<StringColumn> values;
  std::vector<std::int32_t> file;
  std::vector<std::int64_t> line;
  std::vector<std::int32_t> reject_file;
  std::vector<std::int64_t> reject_line;
  EnumColumn reject_reason{reason_labels(), {}};
  StringColumn reject_raw;

  // Grows the columns once to what the rows so far, `read` bytes of the
  // share's `total`, predict for the whole share (10% spare). Growing by
  // doubling instead would copy the columns and touch twice the memory: a
  // third of bronze's time went to page faults and copies.
  void reserve_for_share(std::uint64_t read, std::uint64_t total) {
    if (read == 0 || total <= read) return;
    const double scale = 1.1 * static_cast<double>(total) / static_cast<double>(read);
    const auto rows = static_cast<std::size_t>(scale * static_cast<double>(file.size()));
    for (auto& column : values) {
      column.reserve(rows,
                     static_cast<std::size_t>(scale * static_cast<double>(column.byte_size())));
    }
    file.reserve(rows);
    line.reserve(rows);
  }
};

}  // namespace

std::int64_t FileCounts::reject_total() const {
  return std::accumulate(rejects.begin(), rejects.end(), std::int64_t{0});
}

EntityShare read_share(const EntityInput& input, std::span<const csv::FileSegment> segments,
                       const ShareOptions& options) {
  const std::size_t n_columns = input.columns.size();
  Builder out(n_columns);
  EntityShare share;
  share.counts.resize(input.paths.size());
  csv::RecordParser parser;
  std::uint64_t share_bytes = 0;
  for (const auto& segment : segments) share_bytes += segment.end - segment.begin;
  std::uint64_t done_bytes = 0;
  std::int64_t until_progress = kProgressEveryLines;
  std::vector<char> read_buffer;  // one for every file of the share
  for (const csv::FileSegment& segment : segments) {
    const std::size_t f = segment.file;
    const std::string& path = input.paths[f];
    const std::int32_t file_index = input.first_file_index + static_cast<std::int32_t>(f);
    FileCounts& counts = share.counts[f];
    csv::HeaderMap header;
    // The rank that owns a file's first byte reads the header as its first
    // line; the others read it on the side.
    if (segment.begin > 0) {
      header = csv::map_header(csv::read_first_line(path), input.columns, input.labels[f]);
    }
    csv::RangeLineReader reader(path, input.sizes[f], segment.begin, segment.end,
                                options.chunk_bytes, read_buffer);
    std::string_view line;
    while (reader.next(line)) {
      const std::int64_t position = counts.lines++;
      if (options.on_progress && --until_progress == 0) {
        until_progress = kProgressEveryLines;
        options.on_progress(done_bytes + (reader.line_offset() - segment.begin));
      }
      if (reader.line_offset() == 0) {
        header = csv::map_header(line, input.columns, input.labels[f]);
        continue;
      }
      if (csv::is_blank_line(line)) {
        ++counts.blank_lines;
        continue;
      }
      if (const auto reason = parser.parse(line, header.field_count)) {
        ++counts.rejects[static_cast<std::size_t>(*reason)];
        out.reject_file.push_back(file_index);
        out.reject_line.push_back(position);
        out.reject_reason.codes.push_back(static_cast<std::uint8_t>(*reason));
        out.reject_raw.push_back(line);
        continue;
      }
      ++counts.rows;
      const auto& fields = parser.fields();
      for (std::size_t c = 0; c < n_columns; ++c) {
        out.values[c].push_back(fields[header.field_of_column[c]]);
      }
      out.file.push_back(file_index);
      out.line.push_back(position);
      if (out.file.size() == kRowsBeforeReserve) {
        out.reserve_for_share(done_bytes + (reader.line_offset() - segment.begin) + line.size(),
                              share_bytes);
      }
    }
    done_bytes += segment.end - segment.begin;
  }
  share.bytes = done_bytes;
  if (options.on_progress) options.on_progress(done_bytes);

  for (std::size_t c = 0; c < n_columns; ++c) {
    share.rows.add(std::string(input.columns[c]), std::move(out.values[c]));
  }
  share.rows.add("_file", std::move(out.file));
  share.rows.add("_line", std::move(out.line));
  share.rejects.add("file", std::move(out.reject_file));
  share.rejects.add("line", std::move(out.reject_line));
  share.rejects.add("reason", std::move(out.reject_reason));
  share.rejects.add("raw", std::move(out.reject_raw));
  return share;
}

void number_lines(EntityShare& share, std::int32_t first_file_index,
                  std::span<const std::int64_t> lines_before) {
  const auto renumber = [&](const std::vector<std::int32_t>& files,
                            std::vector<std::int64_t>& lines) {
    for (std::size_t i = 0; i < lines.size(); ++i) {
      lines[i] += lines_before[static_cast<std::size_t>(files[i] - first_file_index)] + 1;
    }
  };
  renumber(share.rows.values<std::int32_t>("_file"), share.rows.values<std::int64_t>("_line"));
  renumber(share.rejects.values<std::int32_t>("file"), share.rejects.values<std::int64_t>("line"));
}

}  // namespace adlake::bronze
