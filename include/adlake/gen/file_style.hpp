#pragma once
// File-level quirks of the raw logs (CONTRACT 1): a BOM, CRLF line ends, no
// final newline, columns in another order, an extra column, odd header names.
#include <cstdint>

#include "adlake/gen/csv_writer.hpp"
#include "adlake/gen/entities.hpp"
#include "adlake/gen/params.hpp"

namespace adlake::gen {

// Part 0 of entity number k always has quirk k (when noise is on), so each
// occurs in every output; other parts draw theirs at random.
FileStyle file_style(const GenParams& params, Entity entity, uint64_t part);

}  // namespace adlake::gen
