#pragma once
// The HDF5 table layout of CONTRACT section 5: a table is a group, each column a
// 1-D dataset of the table's length. Every rank writes its own contiguous slice
// collectively (rank r's rows follow rank r-1's), strings as fixed-length
// NULLPAD `S<w>` (h5/fixed_strings.hpp: at the longest value, or compact with
// an overflow group), enumerations as HDF5 enum types, and provenance
// attributes on the group.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adlake/h5/column.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::h5 {

struct TableMeta {
  std::string stage;                                 // "bronze", "silver", ...
  std::vector<std::string> sources;                  // upstream tables, e.g. "bronze.h5:/requests"
  nlohmann::json params = nlohmann::json::object();  // the options that made the table
  nlohmann::json stats = nlohmann::json::object();   // counts (CONTRACT section 5)
  std::string description;  // one line: what the table holds / how it is defined
  std::string created_at;   // filled by write_table when empty (rank 0's clock)
};

// Collective over comm (all ranks, also those with no rows). The file must be
// open for parallel writing by the same communicator. Intermediate groups
// (e.g. /_rejects) are created. Column order is kept in the `columns` attribute.
// `widths`: compact for bronze's tables and every rejects table.
void write_table(File& file, const std::string& path, const Table& local_rows,
                 const TableMeta& meta, const Comm& comm,
                 StringWidths widths = StringWidths::longest);

// A table written a slice of rows at a time, for a table too large to hold
// whole on a rank (silver's fact table). The same layout and attributes as
// write_table. Collective: every rank constructs it, calls write() the same
// number of times (0 rows allowed) and finish(); rank r's rows follow rank
// r-1's, each rank's slices in the order written.
class TableWriter {
 public:
  // `schema`: the columns (names, types, enum labels, units; no rows).
  // `string_widths[j]`: the longest value of column j if it holds strings,
  // the same on every rank (the dataset is `S<max(width, 1)>`).
  // `local_rows`: the rows this rank will write in all.
  TableWriter(File& file, const std::string& path, const Table& schema,
              const std::vector<size_t>& string_widths, int64_t local_rows, const Comm& comm);
  ~TableWriter();
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  // This rank's next rows: the schema's columns, in its order.
  void write(const Table& rows);
  // The table's attributes; throws if a rank wrote a different number of
  // rows than it announced.
  void finish(const TableMeta& meta);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Root-group attributes that describe the run (CONTRACT 5: may differ between runs).
void write_run_attributes(File& file, const Comm& comm, const nlohmann::json& extra = {});

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
