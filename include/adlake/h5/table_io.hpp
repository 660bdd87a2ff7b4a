#pragma once
// The HDF5 table layout of CONTRACT section 5: a table is a group, each column a
// 1-D dataset of the table's length. Every rank writes its own contiguous slice
// collectively (rank r's rows follow rank r-1's), strings as fixed-length
// NULLPAD `S<w>` (h5/fixed_strings.hpp: at the longest value, or compact with
// an overflow group), enumerations as HDF5 enum types, and provenance
// attributes on the group.
// Writing: h5/table_write.hpp; reading: h5/table_read.hpp.
#include "adlake/h5/table_read.hpp"
#include "adlake/h5/table_write.hpp"
