#include "adlake/bronze/share.hpp"

#include <numeric>

namespace adlake::bronze {

namespace {

// How many lines between two progress calls: cheap enough per line, often
// enough for a log every few seconds.
constexpr std::int64_t kProgressEveryLines = 1 << 16;

}  // namespace

std::int64_t FileCounts::reject_total() const {
  return std::accumulate(rejects.begin(), rejects.end(), std::int64_t{0});
}

ShareScanner::ShareScanner(const EntityInput& input, std::span<const csv::FileSegment> segments,
                           const ShareOptions& options)
    : input_(input),
      segments_(segments),
      options_(options),
      counts_(input.paths.size()),
      until_progress_(kProgressEveryLines) {
  for (const auto& segment : segments) share_bytes_ += segment.end - segment.begin;
}

ShareScanner::~ShareScanner() = default;

bool ShareScanner::open_next_segment() {
  if (reader_) {
    done_bytes_ += segments_[next_segment_ - 1].end - segments_[next_segment_ - 1].begin;
    reader_.reset();
  }
  if (next_segment_ == segments_.size()) {
    if (options_.on_progress) options_.on_progress(done_bytes_);
    return false;
  }
  const csv::FileSegment& segment = segments_[next_segment_++];
  file_ = segment.file;
  const std::string& path = input_.paths[file_];
  // The rank that owns a file's first byte reads the header as its first
  // line; the others read it on the side.
  if (segment.begin > 0) {
    header_ = csv::map_header(csv::read_first_line(path), input_.columns, input_.labels[file_]);
  }
  reader_ = std::make_unique<csv::RangeLineReader>(path, input_.sizes[file_], segment.begin,
                                                   segment.end, options_.chunk_bytes, read_buffer_);
  return true;
}

void ShareScanner::report_progress() {
  if (!options_.on_progress || --until_progress_ != 0) return;
  until_progress_ = kProgressEveryLines;
  options_.on_progress(done_bytes_ + (reader_->line_offset() - segments_[next_segment_ - 1].begin));
}

bool ShareScanner::next() {
  for (;;) {
    std::string_view line;
    if (!reader_ || !reader_->next(line)) {
      if (!open_next_segment()) return false;
      continue;
    }
    FileCounts& counts = counts_[file_];
    position_ = counts.lines++;
    report_progress();
    if (reader_->line_offset() == 0) {
      header_ = csv::map_header(line, input_.columns, input_.labels[file_]);
      continue;
    }
    if (csv::is_blank_line(line)) {
      ++counts.blank_lines;
      continue;
    }
    line_ = line;
    reason_ = parser_.parse(line, header_.field_count);
    if (reason_) {
      ++counts.rejects[static_cast<std::size_t>(*reason_)];
    } else {
      ++counts.rows;
    }
    return true;
  }
}

}  // namespace adlake::bronze
