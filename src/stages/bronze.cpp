#include "adlake/stages/bronze.hpp"

#include <spdlog/spdlog.h>

#include <numeric>

#include "adlake/core/memory_budget.hpp"
#include "adlake/core/summary.hpp"
#include "adlake/core/timer.hpp"
#include "adlake/csv/byte_split.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/stages/bronze_plan.hpp"
#include "adlake/stages/bronze_report.hpp"
#include "adlake/stages/bronze_share.hpp"

namespace adlake {

namespace {

using bronze::EntityInput;
using bronze::FileCounts;

constexpr std::size_t kCountsPerFile = 3 + csv::kRejectReasonCount;

constexpr unsigned kBronzeFileMode = 0640;

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

// The memory bound per rank (core/memory_budget.hpp), checked before reading
// and before writing each entity. Reading holds the values and one offset per
// value, and vectors grow by doubling: about twice the CSV bytes of the share
// (measured: 80 MB more RSS for a 40 MB share of requests).
constexpr std::uint64_t kReadBytesPerCsvByte = 2;

void check_read_memory(const Context& ctx, const EntityInput& input,
                       const std::vector<csv::FileSegment>& segments) {
  std::uint64_t csv_bytes = 0;
  for (const auto& segment : segments) csv_bytes += segment.end - segment.begin;
  check_memory(ctx, kReadBytesPerCsvByte * csv_bytes, "bronze: reading " + input.name,
               "for its share of " + format_bytes(csv_bytes) + " of CSV");
}

// Writing packs each string column at its compact width (CONTRACT 5), a slab
// of about 16 MiB at a time (h5/fixed_strings.hpp), and long values go whole
// to the table's overflow group: a 10 MB rejected line costs about 10 MB on
// disk, not the column at that width. Rather than fill the disk on the way,
// every rank stops before writing tables that the lake's file system cannot
// hold (rank 0's view of its free space); and each rank checks its memory.
void check_write_room(const Context& ctx, const h5::File& file, const EntityInput& input,
                      const bronze::EntityShare& share) {
  const auto rows = h5::table_file_size(share.rows, ctx.comm, h5::StringWidths::compact);
  const auto rejects = h5::table_file_size(share.rejects, ctx.comm, h5::StringWidths::compact);
  const std::uint64_t need = rows.bytes + rejects.bytes;
  collective_try(ctx.comm, [&] {
    if (!ctx.is_root()) return;
    const std::uint64_t free = h5::free_disk_bytes(file.path());
    if (free != 0 && need > free) {
      throw IoError("bronze: writing " + input.name + ": its tables would take " +
                    format_bytes(need) + ", more than the " + format_bytes(free) + " free for " +
                    file.path() + ": no space left on device");
    }
  });
  const std::uint64_t held =
      h5::table_memory_bytes(share.rows) + h5::table_memory_bytes(share.rejects);
  const std::uint64_t packed = std::max(rows.write_buffer, rejects.write_buffer);
  check_memory(ctx, held + packed, "bronze: writing " + input.name,
               format_bytes(held) + " of rows and rejects, plus " + format_bytes(packed) +
                   " to pack a column as fixed-length strings");
}

// Reads, numbers and writes one entity; returns its summary line.
bronze::EntitySummary ingest_entity(Context& ctx, h5::File& file, const EntityInput& input,
                                    const BronzeOptions& options, const nlohmann::json& params) {
  const Comm& comm = ctx.comm;
  Stopwatch clock;
  const auto segments = csv::split_files(input.sizes, ctx.rank(), ctx.size());
  bronze::ShareOptions share_options{options.read_chunk_bytes, {}};
  ProgressClock progress(options.progress_seconds);
  if (ctx.is_root()) {
    std::uint64_t share_bytes = 0;
    for (const auto& segment : segments) share_bytes += segment.end - segment.begin;
    share_options.on_progress = [&, share_bytes](std::uint64_t done) {
      if (!progress.due() || share_bytes == 0) return;
      const double seconds = clock.seconds();
      spdlog::info("bronze {}: {:.0f}% read, {:.0f} MB/s per rank", input.name,
                   100.0 * static_cast<double>(done) / static_cast<double>(share_bytes),
                   seconds > 0 ? static_cast<double>(done) / 1e6 / seconds : 0.0);
    };
  }
  check_read_memory(ctx, input, segments);
  auto share =
      collective_try(comm, [&] { return bronze::read_share(input, segments, share_options); });
  check_write_room(ctx, file, input, share);
  const double read_seconds = clock.seconds();
  const auto counts = exchange_counts(comm, share.counts);
  bronze::number_lines(share, input.first_file_index, counts.lines_before);

  h5::TableMeta meta;
  meta.stage = "bronze";
  meta.sources = {sources_of(input)};
  meta.params = params;
  meta.stats = bronze::entity_stats(input, counts.totals);
  meta.description = "raw " + input.name +
                     " rows as the CSV gave them (unquoted, not trimmed), in input order; "
                     "_file indexes /_files, _line is the physical line (header = 1)";
  h5::write_table(file, "/" + input.name, share.rows, meta, comm, h5::StringWidths::compact);
  meta.stats = bronze::rejects_stats(counts.totals);
  meta.description = "malformed " + input.name +
                     " lines, verbatim: file indexes /_files, line is the physical line, "
                     "reason per CONTRACT 2.2";
  h5::write_table(file, "/_rejects/" + input.name, share.rejects, meta, comm,
                  h5::StringWidths::compact);

  if (ctx.is_root()) {
    spdlog::debug("bronze {}: rank 0 read {:.1f} MB in {:.2f} s, wrote in {:.2f} s", input.name,
                  static_cast<double>(share.bytes) / 1e6, read_seconds,
                  clock.seconds() - read_seconds);
  }
  const double seconds = allreduce_max(comm, clock.seconds());
  return bronze::summarize(input, counts.totals, seconds);
}

void write_files_table(Context& ctx, h5::File& file, const bronze::BronzePlan& plan,
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

}  // namespace

lineage::FingerprintSpec bronze_fingerprint_spec(const BronzeOptions& options) {
  return {"bronze", {{"input", options.input}}, {}, options.input, {}};
}

void run_bronze(Context& ctx, const BronzeOptions& options) {
  const Comm& comm = ctx.comm;
  Stopwatch clock;
  // Taken before reading: an input that changes during the run makes the layer stale.
  const auto fingerprint = lineage::agree_fingerprint(bronze_fingerprint_spec(options), comm);
  // Rank 0 lists and checks every input file before any output exists, so a
  // bad input ends the job with nothing written.
  std::string plan_text = collective_try(comm, [&] {
    if (!ctx.is_root()) return std::string();
    std::vector<std::string> warnings;
    auto plan = bronze::plan_input(options.input, warnings);
    for (const auto& warning : warnings) spdlog::warn("bronze: {}", warning);
    return bronze::plan_to_json(plan);
  });
  broadcast(comm, plan_text);
  const auto plan = bronze::plan_from_json(plan_text, options.input);
  if (ctx.is_root()) {
    std::uint64_t bytes = 0;
    for (const auto& input : plan.entities) {
      bytes = std::accumulate(input.sizes.begin(), input.sizes.end(), bytes);
    }
    spdlog::info("bronze: {} files, {:.1f} MB from {} on {} rank(s)", plan.file_count(),
                 static_cast<double>(bytes) / 1e6, options.input, ctx.size());
  }

  const nlohmann::json params = {{"input", options.input}};
  // The only layer with full IP addresses: never readable by all (CONTRACT 0).
  h5::LayerFile layer(options.lake, "bronze.h5", comm, kBronzeFileMode);
  std::vector<bronze::EntitySummary> summaries;
  StageReport report{"bronze"};
  for (const auto& input : plan.entities) {
    summaries.push_back(ingest_entity(ctx, layer.file(), input, options, params));
    const auto& s = summaries.back();
    std::int64_t rejects = 0;
    for (auto n : s.rejects) rejects += n;
    report.rows_in += s.rows + rejects + s.blank_lines;
    report.rows_out += s.rows;
    report.rejects += rejects;
    report.megabytes += s.megabytes;
  }
  write_files_table(ctx, layer.file(), plan, params);
  h5::write_run_attributes(layer.file(), comm);
  lineage::write_fingerprint(layer.file(), comm, fingerprint);
  layer.publish();
  if (ctx.is_root()) {
    spdlog::info("bronze: wrote {}\n{}", layer.final_path(),
                 bronze::format_summary(summaries, ctx.size()));
  }
  record_stage(ctx, report, clock.seconds());
}

}  // namespace adlake
