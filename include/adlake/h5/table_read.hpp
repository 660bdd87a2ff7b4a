#pragma once
// Reading a table of the layout of CONTRACT section 5 (h5/table_io.hpp): its
// attributes, its list of columns and rows of its columns, each checked
// before a byte of data is read (h5/dataset_check.hpp).
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/handle.hpp"
#include "adlake/h5/table_write.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::h5 {

bool table_exists(const File& file, const std::string& path);
int64_t table_rows(const File& file, const std::string& path);
std::vector<std::string> table_columns(const File& file, const std::string& path);
TableMeta read_table_meta(const File& file, const std::string& path);
// A column's dataset, open once it passed the checks every layer read makes
// (h5/dataset_check.hpp) against its table's `rows`: for readers of its type
// and attributes only (the catalog, memory estimates).
Handle open_column(const File& file, const std::string& table, const std::string& column);
// A table's group, reached through hard links only: for its attributes.
Handle open_table_group(const File& file, const std::string& table);

// Paths of every table (group with a `rows` attribute) in the file, sorted.
std::vector<std::string> list_tables(const File& file);

// Rows [begin, begin + count) of the named columns (all when empty), strings
// whole (a compact column's long values merged from its overflow group). On a
// parallel file this is collective: every rank calls it (ranges may differ,
// count 0 allowed).
Table read_table(const File& file, const std::string& path, int64_t begin, int64_t count,
                 const std::vector<std::string>& columns = {});

// This rank's even share of the rows: rank r gets rows [r*N/P, (r+1)*N/P).
Table read_table_share(const File& file, const std::string& path, const Comm& comm,
                       const std::vector<std::string>& columns = {});

// The even share of `total` rows for `rank` of `size`: {begin, count}.
std::pair<int64_t, int64_t> even_share(int64_t total, int rank, int size);

}  // namespace adlake::h5
