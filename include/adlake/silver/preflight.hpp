#pragma once
// What silver checks before it reads a bronze row: that bronze.h5 has every
// table and column silver reads, and that a rank's share fits its memory
// budget (core/memory_budget.hpp).
#include <cstdint>
#include <string>

#include "adlake/h5/file.hpp"
#include "adlake/mpi/context.hpp"
#include "adlake/silver/options.hpp"

namespace adlake::silver {

// Every bronze table and column silver reads (one rank: not collective).
// Throws UsageError for a bad option, IoError when there is no bronze.h5,
// DataError naming the table or column missing.
void check_bronze(const std::string& path, const SilverOptions& options);

// Collective: the memory bound per rank, checked before any bronze row is read.
void check_silver_memory(const Context& ctx, const h5::File& bronze, std::int64_t chunk_rows);

}  // namespace adlake::silver
