#include "adlake/bronze/survey.hpp"

namespace adlake::bronze {

std::int64_t ShareSurvey::rows() const {
  std::int64_t n = 0;
  for (const auto& file : counts) n += file.rows;
  return n;
}

ShareSurvey survey_share(const EntityInput& input, std::span<const csv::FileSegment> segments,
                         const ShareOptions& options) {
  const std::size_t n_columns = input.columns.size();
  ShareSurvey survey;
  // A row's values are at most kMaxFieldBytes long (CONTRACT 2.2): longer
  // makes the line a reject.
  survey.lengths.assign(n_columns, h5::LengthCounts(csv::kMaxFieldBytes));
  std::vector<std::int32_t> reject_file;
  std::vector<std::int64_t> reject_line;
  EnumColumn reject_reason{{csv::kRejectReasonNames.begin(), csv::kRejectReasonNames.end()}, {}};
  StringColumn reject_raw;
  ShareScanner scanner(input, segments, options);
  while (scanner.next()) {
    if (const auto& reason = scanner.reason()) {
      reject_file.push_back(input.first_file_index + static_cast<std::int32_t>(scanner.file()));
      reject_line.push_back(scanner.position());
      reject_reason.codes.push_back(static_cast<std::uint8_t>(*reason));
      reject_raw.push_back(scanner.line());
      continue;
    }
    for (std::size_t c = 0; c < n_columns; ++c) survey.lengths[c].add(scanner.value(c).size());
  }
  survey.counts = scanner.counts();
  survey.bytes = scanner.bytes();
  survey.rejects.add("file", std::move(reject_file));
  survey.rejects.add("line", std::move(reject_line));
  survey.rejects.add("reason", std::move(reject_reason));
  survey.rejects.add("raw", std::move(reject_raw));
  return survey;
}

void number_rejects(Table& rejects, std::int32_t first_file_index,
                    std::span<const std::int64_t> lines_before) {
  const auto& files = rejects.values<std::int32_t>("file");
  auto& lines = rejects.values<std::int64_t>("line");
  for (std::size_t i = 0; i < lines.size(); ++i) {
    lines[i] =
        line_number(lines[i], static_cast<std::size_t>(files[i] - first_file_index), lines_before);
  }
}

}  // namespace adlake::bronze
