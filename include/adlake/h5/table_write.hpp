#pragma once
// Writing a table in the layout of CONTRACT section 5 (h5/table_io.hpp): a
// group, each column a 1-D dataset, every rank its own contiguous slice
// collectively (rank r's rows follow rank r-1's), and the provenance
// attributes on the group.
#include <cstdint>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adlake/core/table.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/h5/string_width.hpp"
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
  // `local_rows`: the rows this rank will write in all. With compact
  // `widths` (bronze), `string_widths[j]` is the column's compact width
  // (h5/string_width.hpp): a longer value keeps its first bytes in the
  // column and is written whole to the overflow group as its slice is, and
  // `long_values[j]` says how many of this rank's values of column j will be
  // longer than its width, and their bytes.
  TableWriter(File& file, const std::string& path, const Table& schema,
              const std::vector<size_t>& string_widths, int64_t local_rows, const Comm& comm,
              StringWidths widths = StringWidths::longest,
              const std::vector<LongValueCounts>& long_values = {});
  ~TableWriter();
  TableWriter(const TableWriter&) = delete;
  TableWriter& operator=(const TableWriter&) = delete;

  // This rank's next rows: the schema's columns, in its order.
  void write(const Table& rows);
  // The table's attributes; throws if a rank wrote a different number of
  // rows (or long values) than it announced.
  void finish(const TableMeta& meta);

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Root-group attributes that describe the run (CONTRACT 5: may differ between runs).
void write_run_attributes(File& file, const Comm& comm, const nlohmann::json& extra = {});

}  // namespace adlake::h5
