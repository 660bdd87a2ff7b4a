#include "adlake/bronze/ingest.hpp"

#include <spdlog/spdlog.h>

#include "adlake/bronze/slabs.hpp"
#include "adlake/bronze/survey.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/csv/byte_split.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/memory_budget.hpp"

namespace adlake::bronze {

namespace {

constexpr std::size_t kCountsPerFile = 3 + csv::kRejectReasonCount;

std::vector<std::int64_t> flatten(const std::vector<FileCounts>& counts) {
  std::vector<std::int64_t> flat;
  flat.reserve(counts.size() * kCountsPerFile);
  for (const auto& c : counts) {
    flat.insert(flat.end(), {c.lines, c.blank_lines, c.rows});
    flat.insert(flat.end(), c.rejects.begin(), c.rejects.end());
  }
  return flat;
}

FileCounts& operator+=(FileCounts& sum, const std::int64_t* flat) {
  sum.lines += flat[0];
  sum.blank_lines += flat[1];
  sum.rows += flat[2];
  for (std::size_t r = 0; r < csv::kRejectReasonCount; ++r) sum.rejects[r] += flat[3 + r];
  return sum;
}

// Every rank's per-file counts, reduced two ways: the totals over all ranks,
// and the lines owned by the ranks before this one (to number its lines).
struct CountsExchange {
  std::vector<FileCounts> totals;
  std::vector<std::int64_t> lines_before;
};

CountsExchange exchange_counts(const Comm& comm, const std::vector<FileCounts>& mine) {
  const std::size_t files = mine.size();
  const auto all = allgatherv(comm, flatten(mine));  // ranks x files x kCountsPerFile
  CountsExchange out{std::vector<FileCounts>(files), std::vector<std::int64_t>(files, 0)};
  for (int rank = 0; rank < comm.size(); ++rank) {
    for (std::size_t f = 0; f < files; ++f) {
      const std::int64_t* flat =
          &all[(static_cast<std::size_t>(rank) * files + f) * kCountsPerFile];
      out.totals[f] += flat;
      if (rank < comm.rank()) out.lines_before[f] += flat[0];
    }
  }
  return out;
}

std::string sources_of(const EntityInput& input) {
  const bool single = input.labels.size() == 1 && input.labels[0] == input.name + ".csv";
  return "raw:" + (single ? input.labels[0] : input.name + "/*.csv");
}

std::uint64_t bytes_of(const std::vector<csv::FileSegment>& segments) {
  std::uint64_t bytes = 0;
  for (const auto& segment : segments) bytes += segment.end - segment.begin;
  return bytes;
}

// The memory bound per rank (mpi/memory_budget.hpp), checked before reading
// each entity. Bronze never holds its share as columns: a slab of records
// (bronze/slabs.hpp), the read buffer and the length counts, whatever the
// size of the input, and 8 bytes per rejected line.
void check_memory_bound(const Context& ctx, const EntityInput& input, const ShareOptions& options) {
  const std::uint64_t lengths =
      input.columns.size() * (csv::kMaxFieldBytes + 1) * sizeof(std::uint64_t);
  check_memory(ctx, slab_memory(input.columns.size()) + options.chunk_bytes + lengths,
               "bronze: reading " + input.name, "for a slab of its records and a read buffer");
}

// Long values go whole to the table's overflow group: a 10 MB rejected line
// costs about 10 MB on disk, not the column at that width. Rather than fill
// the disk on the way, every rank stops before writing tables that the lake's
// file system cannot hold (rank 0's view of its free space).
void check_disk_room(const Context& ctx, const h5::File& file, const EntityInput& input,
                     std::uint64_t need) {
  collective_try(ctx.comm, [&] {
    if (!ctx.is_root()) return;
    const std::uint64_t free = h5::free_disk_bytes(file.path());
    if (free != 0 && need > free) {
      throw IoError("bronze: writing " + input.name + ": its tables would take " +
                    format_bytes(need) + ", more than the " + format_bytes(free) + " free for " +
                    file.path() + ": no space left on device");
    }
  });
}

// Rank 0's progress lines while it reads its share (none on the other ranks).
std::function<void(std::uint64_t)> progress_logger(const Context& ctx, const EntityInput& input,
                                                   std::uint64_t share_bytes, const char* verb,
                                                   const Stopwatch& clock,
                                                   ProgressClock& progress) {
  if (!ctx.is_root()) return {};
  return [&input, &clock, &progress, share_bytes, verb](std::uint64_t done) {
    if (!progress.due() || share_bytes == 0) return;
    const double seconds = clock.seconds();
    spdlog::info("bronze {}: {:.0f}% {}, {:.0f} MB/s per rank", input.name,
                 100.0 * static_cast<double>(done) / static_cast<double>(share_bytes), verb,
                 seconds > 0 ? static_cast<double>(done) / 1e6 / seconds : 0.0);
  };
}

// Collective: the compact widths of the rows' columns and of the rejects'
// `raw` (from the all-reduced length counts), this rank's long values, and
// the bytes both tables will take (their columns with their overflow).
std::uint64_t plan_slabs(const Comm& comm, const ShareSurvey& survey, SlabPlan& plan) {
  std::uint64_t bytes = 0;
  for (const auto& lengths : survey.lengths) {
    const h5::CompactWidth compact = h5::compact_width(lengths, comm);
    plan.widths.push_back(compact.width);
    plan.long_values.push_back(lengths.longer_than(compact.width));
    bytes += compact.cost;
  }
  const h5::CompactWidth raw = h5::compact_width(survey.reject_lengths, comm);
  plan.raw_width = raw.width;
  for (const std::uint64_t length : survey.reject_lengths) {
    if (length <= raw.width) continue;
    ++plan.long_raw.values;
    plan.long_raw.bytes += static_cast<std::int64_t>(length);
  }
  const auto rows = allreduce_sum<unsigned long long>(comm, plan.rows);
  const auto rejects = allreduce_sum<unsigned long long>(comm, plan.rejects);
  // `_file` and `_line`; `file`, `line` and `reason`.
  return bytes + rows * 12 + raw.cost + rejects * 13;
}

h5::TableMeta table_meta(const nlohmann::json& params, const EntityInput& input) {
  h5::TableMeta meta;
  meta.stage = "bronze";
  meta.sources = {sources_of(input)};
  meta.params = params;
  return meta;
}

}  // namespace

EntitySummary ingest_entity(const Context& ctx, h5::File& file, const EntityInput& input,
                            const IngestOptions& options, const nlohmann::json& params) {
  const Comm& comm = ctx.comm;
  Stopwatch clock;
  const auto segments = csv::split_files(input.sizes, ctx.rank(), ctx.size());
  const std::uint64_t share_bytes = bytes_of(segments);
  ProgressClock progress(options.progress_seconds);
  const ShareOptions read_options{
      options.read_chunk_bytes, progress_logger(ctx, input, share_bytes, "read", clock, progress)};
  check_memory_bound(ctx, input, read_options);
  const auto survey =
      collective_try(comm, [&] { return survey_share(input, segments, read_options); });
  const double read_seconds = clock.seconds();
  const auto counts = exchange_counts(comm, survey.counts);
  SlabPlan plan;
  plan.rows = survey.rows();
  plan.rejects = static_cast<std::int64_t>(survey.reject_lengths.size());
  plan.lines_before = counts.lines_before;
  check_disk_room(ctx, file, input, plan_slabs(comm, survey, plan));

  SlabTables meta{table_meta(params, input), table_meta(params, input)};
  meta.rows.stats = entity_stats(input, counts.totals);
  meta.rows.description = "raw " + input.name +
                          " rows as the CSV gave them (unquoted, not trimmed), in input order; "
                          "_file indexes /_files, _line is the physical line (header = 1)";
  meta.rejects.stats = rejects_stats(counts.totals);
  meta.rejects.description = "malformed " + input.name +
                             " lines, verbatim: file indexes /_files, line is the physical line, "
                             "reason per CONTRACT 2.2";
  const ShareOptions write_options{
      options.read_chunk_bytes,
      progress_logger(ctx, input, share_bytes, "written", clock, progress)};
  write_share_slabs(file, input, segments, write_options, plan, meta, comm);
  if (ctx.is_root()) {
    spdlog::debug("bronze {}: rank 0 surveyed {:.1f} MB in {:.2f} s, wrote in {:.2f} s", input.name,
                  static_cast<double>(survey.bytes) / 1e6, read_seconds,
                  clock.seconds() - read_seconds);
  }
  const double seconds = allreduce_max(comm, clock.seconds());
  return summarize(input, counts.totals, seconds);
}

void write_files_table(const Context& ctx, h5::File& file, const BronzePlan& plan,
                       const nlohmann::json& params) {
  StringColumn path;
  StringColumn entity;
  std::vector<std::int64_t> bytes;
  // One table of a few rows: rank 0 holds them all.
  if (ctx.is_root()) {
    for (const auto& input : plan.entities) {
      for (std::size_t f = 0; f < input.labels.size(); ++f) {
        path.push_back(input.labels[f]);
        entity.push_back(input.name);
        bytes.push_back(static_cast<std::int64_t>(input.sizes[f]));
      }
    }
  }
  Table files;
  files.add("path", std::move(path));
  files.add("entity", std::move(entity));
  files.add("bytes", std::move(bytes));
  h5::TableMeta meta;
  meta.stage = "bronze";
  meta.sources = {"raw:"};
  meta.params = params;
  meta.stats = {{"rows_out", static_cast<std::int64_t>(plan.file_count())}};
  meta.description = "the input files, in reading order: path relative to the input folder";
  h5::write_table(file, "/_files", files, meta, ctx.comm, h5::StringWidths::compact);
}

}  // namespace adlake::bronze
