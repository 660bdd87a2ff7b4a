#include "adlake/bronze/slabs.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::bronze {

namespace {

// The records being filled, cleared and refilled slab after slab (their
// buffers are kept): rows as the entity's columns, `_file` and `_line`;
// rejects as `file`, `line`, `reason` and `raw`.
class Slab {
 public:
  Slab(const EntityInput& input, std::size_t max_rows, std::size_t max_rejects)
      : max_rows_(max_rows), max_rejects_(max_rejects) {
    for (const auto& name : input.columns) {
      values_.push_back(&rows_.add(std::string(name), StringColumn{}));
    }
    file_ = &rows_.add("_file", std::vector<std::int32_t>{});
    line_ = &rows_.add("_line", std::vector<std::int64_t>{});
    reject_file_ = &rejects_.add("file", std::vector<std::int32_t>{});
    reject_line_ = &rejects_.add("line", std::vector<std::int64_t>{});
    reason_ = &rejects_.add(
        "reason", EnumColumn{{csv::kRejectReasonNames.begin(), csv::kRejectReasonNames.end()}, {}});
    raw_ = &rejects_.add("raw", StringColumn{});
  }

  const Table& rows() const { return rows_; }
  const Table& rejects() const { return rejects_; }

  void clear() {
    for (StringColumn* column : values_) column->clear();
    file_->clear();
    line_->clear();
    reject_file_->clear();
    reject_line_->clear();
    reason_->codes.clear();
    raw_->clear();
    bytes_ = 0;
  }

  // Appends the scanner's record; false once the slab is full.
  bool add(const ShareScanner& scanner, std::int32_t file_index, std::int64_t line) {
    if (const auto& reason = scanner.reason()) {
      reject_file_->push_back(file_index);
      reject_line_->push_back(line);
      reason_->codes.push_back(static_cast<std::uint8_t>(*reason));
      raw_->push_back(scanner.line());
      bytes_ += scanner.line().size();
    } else {
      for (std::size_t c = 0; c < values_.size(); ++c) {
        const std::string_view value = scanner.value(c);
        values_[c]->push_back(value);
        bytes_ += value.size();
      }
      file_->push_back(file_index);
      line_->push_back(line);
    }
    return bytes_ < kSlabValueBytes && file_->size() < max_rows_ &&
           reject_file_->size() < max_rejects_;
  }

 private:
  Table rows_;
  Table rejects_;
  std::vector<StringColumn*> values_;
  std::vector<std::int32_t>* file_;
  std::vector<std::int64_t>* line_;
  std::vector<std::int32_t>* reject_file_;
  std::vector<std::int64_t>* reject_line_;
  EnumColumn* reason_;
  StringColumn* raw_;
  std::size_t max_rows_;
  std::size_t max_rejects_;
  std::size_t bytes_ = 0;
};

// Refills `slab` with the scanner's next records; false when the share is read.
bool fill(Slab& slab, ShareScanner& scanner, const EntityInput& input,
          std::span<const std::int64_t> lines_before) {
  slab.clear();
  while (scanner.next()) {
    const std::size_t f = scanner.file();
    if (!slab.add(scanner, input.first_file_index + static_cast<std::int32_t>(f),
                  line_number(scanner.position(), f, lines_before))) {
      return true;
    }
  }
  return false;
}

// Checks that the second reading gives what the first counted.
void check_counts(const EntityInput& input, const SlabPlan& plan, std::int64_t rows,
                  std::int64_t rejects, bool more) {
  if (rows > plan.rows || rejects > plan.rejects ||
      (!more && (rows != plan.rows || rejects != plan.rejects))) {
    throw IoError("bronze: the " + input.name + " files changed while they were read: " +
                  std::to_string(rows) + " rows and " + std::to_string(rejects) +
                  " rejects on the second reading, " + std::to_string(plan.rows) + " and " +
                  std::to_string(plan.rejects) + " on the first");
  }
}

}  // namespace

std::uint64_t slab_memory(std::size_t n_columns) {
  // The values, an offset per value and per row or reject its file, line
  // (and reason), and the buffer a column is packed into (at most about
  // kStringSlabBytes).
  return kSlabValueBytes + kSlabMaxRows * ((n_columns + 1) * sizeof(std::uint64_t) + 13) +
         h5::kStringSlabBytes;
}

void write_share_slabs(h5::File& file, const EntityInput& input,
                       std::span<const csv::FileSegment> segments, const ShareOptions& options,
                       const SlabPlan& plan, const SlabTables& meta, const Comm& comm) {
  std::size_t widest = 1;
  for (const std::size_t width : plan.widths) widest = std::max(widest, width);
  Slab slab(input, std::min(kSlabMaxRows, h5::slab_rows(widest)),
            std::min(kSlabMaxRows, h5::slab_rows(plan.raw_width)));
  std::vector<std::size_t> widths = plan.widths;
  std::vector<h5::LongValueCounts> long_values = plan.long_values;
  widths.resize(input.columns.size() + 2, 0);  // `_file` and `_line` are not strings
  long_values.resize(widths.size());
  h5::TableWriter rows(file, "/" + input.name, slab.rows(), widths, plan.rows, comm,
                       h5::StringWidths::compact, long_values);
  h5::TableWriter rejects(file, "/_rejects/" + input.name, slab.rejects(),
                          {0, 0, 0, plan.raw_width}, plan.rejects, comm, h5::StringWidths::compact,
                          {{}, {}, {}, plan.long_raw});
  ShareScanner scanner(input, segments, options);
  std::int64_t rows_read = 0;
  std::int64_t rejects_read = 0;
  // Every rank takes part in every slab's writes, with nothing once its own
  // records are written, until no rank has more.
  for (;;) {
    const bool more = collective_try(comm, [&] {
      const bool filled = fill(slab, scanner, input, plan.lines_before);
      rows_read += static_cast<std::int64_t>(slab.rows().rows());
      rejects_read += static_cast<std::int64_t>(slab.rejects().rows());
      check_counts(input, plan, rows_read, rejects_read, filled);
      return filled;
    });
    rows.write(slab.rows());
    rejects.write(slab.rejects());
    if (allreduce_max<int>(comm, more ? 1 : 0) == 0) break;
  }
  rows.finish(meta.rows);
  rejects.finish(meta.rejects);
}

}  // namespace adlake::bronze
