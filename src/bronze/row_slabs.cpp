#include "adlake/bronze/row_slabs.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::bronze {

namespace {

// The rows being filled: the entity's columns, then `_file` and `_line`,
// cleared and refilled slab after slab (their buffers are kept).
class Slab {
 public:
  Slab(const EntityInput& input, std::size_t max_rows) : max_rows_(max_rows) {
    for (const auto& name : input.columns) {
      values_.push_back(&table_.add(std::string(name), StringColumn{}));
    }
    file_ = &table_.add("_file", std::vector<std::int32_t>{});
    line_ = &table_.add("_line", std::vector<std::int64_t>{});
  }

  const Table& table() const { return table_; }

  void clear() {
    for (StringColumn* column : values_) column->clear();
    file_->clear();
    line_->clear();
    bytes_ = 0;
  }

  // Appends the scanner's row; false once the slab is full.
  bool add(const ShareScanner& scanner, std::int32_t file_index, std::int64_t line) {
    for (std::size_t c = 0; c < values_.size(); ++c) {
      const std::string_view value = scanner.value(c);
      values_[c]->push_back(value);
      bytes_ += value.size();
    }
    file_->push_back(file_index);
    line_->push_back(line);
    return bytes_ < kSlabValueBytes && file_->size() < max_rows_;
  }

 private:
  Table table_;
  std::vector<StringColumn*> values_;
  std::vector<std::int32_t>* file_;
  std::vector<std::int64_t>* line_;
  std::size_t max_rows_;
  std::size_t bytes_ = 0;
};

// Refills `slab` with the scanner's next rows (rejects were kept by the first
// pass); false when the share is read.
bool fill(Slab& slab, ShareScanner& scanner, const EntityInput& input,
          std::span<const std::int64_t> lines_before) {
  slab.clear();
  while (scanner.next()) {
    if (scanner.reason()) continue;
    const std::size_t f = scanner.file();
    if (!slab.add(scanner, input.first_file_index + static_cast<std::int32_t>(f),
                  line_number(scanner.position(), f, lines_before))) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::uint64_t row_slab_memory(std::size_t n_columns) {
  // The values, an offset per value and per row its file and line, and the
  // buffer a column is packed into (at most about kStringSlabBytes).
  return kSlabValueBytes + kSlabMaxRows * (n_columns * sizeof(std::uint64_t) + 12) +
         h5::kStringSlabBytes;
}

void write_row_slabs(h5::File& file, const std::string& path, const EntityInput& input,
                     std::span<const csv::FileSegment> segments, const ShareOptions& options,
                     const RowPlacement& placement, const h5::TableMeta& meta, const Comm& comm) {
  std::size_t widest = 1;
  for (const std::size_t width : placement.widths) widest = std::max(widest, width);
  Slab slab(input, std::min(kSlabMaxRows, h5::slab_rows(widest)));
  std::vector<std::size_t> widths = placement.widths;
  widths.resize(input.columns.size() + 2, 0);  // `_file` and `_line` are not strings
  h5::TableWriter writer(file, path, slab.table(), widths, placement.rows, comm,
                         h5::StringWidths::compact);
  ShareScanner scanner(input, segments, options);
  std::int64_t rows = 0;
  // Every rank takes part in every slab's write, with no rows once its own
  // are written, until no rank has more.
  for (;;) {
    const bool more = collective_try(comm, [&] {
      const bool filled = fill(slab, scanner, input, placement.lines_before);
      rows += static_cast<std::int64_t>(slab.table().rows());
      if (rows > placement.rows || (!filled && rows != placement.rows)) {
        throw IoError("bronze: the " + input.name + " files changed while they were read: " +
                      std::to_string(rows) + (filled ? "+" : "") + " rows on the second reading, " +
                      std::to_string(placement.rows) + " on the first");
      }
      return filled;
    });
    writer.write(slab.table());
    if (allreduce_max<int>(comm, more ? 1 : 0) == 0) break;
  }
  writer.finish(meta);
}

}  // namespace adlake::bronze
