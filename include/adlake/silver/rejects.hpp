#pragma once
// /_rejects/<entity> of silver.h5 (CONTRACT 2.5): every rejected row in input
// order with `_file`, `_line`, `reason` and its bronze values except `ip`.
// A rank writes the rejects of the rows it read, so the tables come out in
// input order without a global sort (bronze rows are in input order, checked
// by read_entity, and each rank reads a contiguous share).
#include <cstdint>
#include <span>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/silver/input.hpp"

namespace adlake::silver {

// A rejects table with no rows: `_file`, `_line`, `reason`, then the entity's
// bronze columns without `ip`.
template <class Clean>
Table empty_reject_table();

// Appends to `table` the rows of `chunk` (bronze rows numbered from
// `chunk_seq`, with the entity's columns and _file, _line) that `rejects`
// names; `rejects` ascend by seq and lie in the chunk.
template <class Clean>
void append_reject_rows(Table& table, const Table& chunk, std::int64_t chunk_seq,
                        std::span<const Rejected> rejects);

// Collective: rejects found on other ranks (the id owners' referential
// checks) sent to the ranks that read those rows and appended to their share.
template <class Clean>
void return_rejects(const Comm& comm, const std::vector<Rejected>& found,
                    EntityShare<Clean>& share);

// Collective: this share's rejects table, in input order (sorts
// share.rejects), from its rows read again from bronze in chunks: the
// entities with referential rejects do not keep their bronze rows meanwhile.
template <class Clean>
Table reread_reject_table(const h5::File& bronze, const Comm& comm, EntityShare<Clean>& share,
                          std::int64_t chunk_rows);

}  // namespace adlake::silver
