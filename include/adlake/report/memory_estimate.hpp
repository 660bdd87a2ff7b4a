#pragma once
// What the report will hold, for the memory bound per rank
// (core/memory_budget.hpp, --max-memory-per-rank), known before a byte of
// data is read: a gold.h5 or metrics.json from elsewhere can be any size, and
// the report, like every stage, stops with a clear error rather than meet the
// kernel's OOM killer.
#include <cstdint>

#include "adlake/report/lake.hpp"

namespace adlake::report {

// One process. The bytes of every table of gold.h5 but /features (the
// aggregates the report draws, read whole; only their types are read here),
// of metrics.json parsed, and of the page made of them. An upper bound: the
// page reads one table at a time and lets it go. Throws as Lake does.
std::uint64_t memory_estimate(Lake& lake);

}  // namespace adlake::report
