#pragma once
// silver.h5's tables (CONTRACT 2.4, 2.5, 5): the fact table, the three
// dimensions, a rejects table per entity and bronze's /_files, each with its
// sources, parameters and counts as attributes.
#include <functional>
#include <string_view>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/silver/build.hpp"
#include "adlake/silver/options.hpp"
#include "adlake/silver/stats.hpp"

namespace adlake::silver {

// Collective: bronze's /_files (a few rows), which silver's rejects index.
// Rank 0 holds it; the others get no rows.
Table read_files_table(const h5::File& bronze, const Comm& comm);

// Collective: every table of silver.h5 into `file`, from this rank's part of
// them; `stats` are the totals over ranks. Calls step_done after the fact table.
void write_tables(h5::File& file, const Comm& comm, const Outputs& out,
                  const std::vector<EntityStats>& stats, const Table& files,
                  const SilverOptions& options,
                  const std::function<void(std::string_view)>& step_done);

}  // namespace adlake::silver
