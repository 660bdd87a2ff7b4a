#pragma once
// Bronze's first pass over a rank's share of an entity (bronze/share.hpp):
// what choosing the string widths (an all-reduce of length histograms,
// h5/string_width.hpp), placing this rank's rows and the stats need, without
// holding the rows. Rejects are kept whole: they are rare, and a rejects
// table's widths need its raw lines, whose length has no bound.
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/bronze/share.hpp"
#include "adlake/core/table.hpp"
#include "adlake/h5/string_width.hpp"

namespace adlake::bronze {

struct ShareSurvey {
  // Per column of the entity (CONTRACT 1 order): the lengths of its rows' values.
  std::vector<h5::LengthCounts> lengths;
  // `file` (int32, into /_files), `line` (int64), `reason` (enum), `raw`;
  // `line` holds ShareScanner's positions until number_rejects() runs.
  Table rejects;
  std::vector<FileCounts> counts;  // per file of the entity
  std::uint64_t bytes = 0;         // the size of this rank's byte ranges

  std::int64_t rows() const;
};

ShareSurvey survey_share(const EntityInput& input, std::span<const csv::FileSegment> segments,
                         const ShareOptions& options = {});

// Turns the rejects' positions into 1-based physical line numbers, given for
// each file of the entity the number of its lines owned by lower ranks.
void number_rejects(Table& rejects, std::int32_t first_file_index,
                    std::span<const std::int64_t> lines_before);

}  // namespace adlake::bronze
