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
  ShareScanner scanner(input, segments, options);
  while (scanner.next()) {
    if (scanner.reason()) {
      survey.reject_lengths.push_back(scanner.line().size());
      continue;
    }
    for (std::size_t c = 0; c < n_columns; ++c) survey.lengths[c].add(scanner.value(c).size());
  }
  survey.counts = scanner.counts();
  survey.bytes = scanner.bytes();
  return survey;
}

}  // namespace adlake::bronze
