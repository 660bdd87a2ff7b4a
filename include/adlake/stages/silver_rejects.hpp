#pragma once
// /_rejects/<entity> of silver.h5 (CONTRACT 2.5): every rejected row in input
// order with `_file`, `_line`, `reason` and its bronze values except `ip`.
// A rank writes the rejects of the rows it read, so the tables come out in
// input order without a global sort (bronze rows are in input order, checked
// by read_entity, and each rank reads a contiguous share).
#include <vector>

#include "adlake/h5/column.hpp"
#include "adlake/stages/silver_input.hpp"

namespace adlake::silver {

// Collective: rejects found on other ranks (the id owners' referential
// checks) sent to the ranks that read those rows and appended to their share.
template <class Clean>
void return_rejects(const Comm& comm, const std::vector<ops::Rejected>& found,
                    EntityShare<Clean>& share);

// This share's rejects table (sorts share.rejects by input position).
template <class Clean>
Table reject_table(EntityShare<Clean>& share);

}  // namespace adlake::silver
