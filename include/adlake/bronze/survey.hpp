#pragma once
// Bronze's first pass over a rank's share of an entity (bronze/share.hpp):
// what choosing the string widths (an all-reduce of length histograms,
// h5/string_width.hpp), placing this rank's rows and the stats need, without
// holding the rows or the rejects: per column, the number of values of each
// length (a row's values are at most 4096 bytes long, CONTRACT 2.2); per
// rejected line, its length (a line's has no bound), 8 bytes a reject.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/bronze/share.hpp"
#include "adlake/h5/string_width.hpp"

namespace adlake::bronze {

struct ShareSurvey {
  // Per column of the entity (CONTRACT 1 order): the lengths of its rows' values.
  std::vector<h5::LengthCounts> lengths;
  // Per rejected line, in order: its length (the `raw` column's values).
  std::vector<std::uint64_t> reject_lengths;
  std::vector<FileCounts> counts;  // per file of the entity
  std::uint64_t bytes = 0;         // the size of this rank's byte ranges

  std::int64_t rows() const;
};

ShareSurvey survey_share(const EntityInput& input, std::span<const csv::FileSegment> segments,
                         const ShareOptions& options = {});

}  // namespace adlake::bronze
