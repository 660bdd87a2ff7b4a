#include "adlake/silver/preflight.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <filesystem>

#include "adlake/core/error.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/memory_budget.hpp"
#include "adlake/silver/input.hpp"

namespace adlake::silver {

namespace {

// A bronze table silver reads and the columns it needs from it.
template <class Clean>
void check_bronze_table(const h5::File& file) {
  using E = Entity<Clean>;
  const std::string table = fmt::format("/{}", E::name);
  if (!h5::table_exists(file, table)) throw DataError(file.path() + " has no table " + table);
  const auto columns = h5::table_columns(file, table);
  std::vector<std::string_view> needed(E::columns.begin(), E::columns.end());
  needed.insert(needed.end(), {"_file", "_line"});
  for (const auto column : needed) {
    if (std::find(columns.begin(), columns.end(), column) == columns.end()) {
      throw DataError(fmt::format("{}: table {} has no column {}", file.path(), table, column));
    }
  }
}

// Silver reads one entity at a time, in chunks, and keeps its share of the
// cleaned requests, impressions and click groups to the end (an id-keyed
// entity: its rows plus the dedup's sort keys and index lists, about half as
// much again); a dimension is exchanged and deduplicated whole (about three
// copies of its rows). On top: one chunk of bronze rows with its read buffers
// and cleaned rows, and one fact slice.
constexpr double kIdKeyedCopies = 1.5;
constexpr double kDimensionCopies = 3.0;
constexpr std::uint64_t kFactSliceBytesPerRow = 640;  // columns + fixed-width write buffers

struct EntityMemory {
  std::uint64_t rows = 0;   // the share's cleaned rows, with their working copies
  std::uint64_t chunk = 0;  // one chunk of bronze rows, read and cleaned
};

template <class Clean>
EntityMemory share_memory(const h5::File& bronze, const Comm& comm, std::int64_t chunk_rows,
                          double copies) {
  using E = Entity<Clean>;
  const std::string path = "/" + std::string(E::name);
  const auto count = h5::even_share(h5::table_rows(bronze, path), comm.rank(), comm.size()).second;
  const std::int64_t chunk = std::min(count, std::max<std::int64_t>(chunk_rows, 1));
  std::vector<std::string> names(E::columns.begin(), E::columns.end());
  names.insert(names.end(), {"_file", "_line"});
  const auto row = static_cast<double>(sizeof(Sourced<Clean>));
  return {static_cast<std::uint64_t>(copies * static_cast<double>(count) * row),
          h5::read_memory_bytes(bronze, path, chunk, names) +
              2 * static_cast<std::uint64_t>(static_cast<double>(chunk) * row)};
}

}  // namespace

void check_bronze(const std::string& path, const SilverOptions& options) {
  if (options.broadcast_threshold_bytes < 0) {
    throw UsageError("--broadcast-threshold must not be negative");
  }
  if (!std::filesystem::exists(path)) {
    throw IoError("no bronze layer at " + path + " (run `adlake bronze` first)");
  }
  const h5::File file = h5::File::open_read(path);
  check_bronze_table<clean::CleanRequest>(file);
  check_bronze_table<clean::CleanImpression>(file);
  check_bronze_table<clean::CleanClick>(file);
  check_bronze_table<clean::CleanUser>(file);
  check_bronze_table<clean::CleanCampaign>(file);
  check_bronze_table<clean::CleanApp>(file);
  if (!h5::table_exists(file, "/_files")) throw DataError(path + " has no table /_files");
}

void check_silver_memory(const Context& ctx, const h5::File& bronze, std::int64_t chunk_rows) {
  const Comm& comm = ctx.comm;
  const std::uint64_t need = collective_try(comm, [&] {
    const EntityMemory parts[] = {
        share_memory<clean::CleanRequest>(bronze, comm, chunk_rows, kIdKeyedCopies),
        share_memory<clean::CleanImpression>(bronze, comm, chunk_rows, kIdKeyedCopies),
        share_memory<clean::CleanClick>(bronze, comm, chunk_rows, kIdKeyedCopies),
        share_memory<clean::CleanUser>(bronze, comm, chunk_rows, kDimensionCopies),
        share_memory<clean::CleanCampaign>(bronze, comm, chunk_rows, kDimensionCopies),
        share_memory<clean::CleanApp>(bronze, comm, chunk_rows, kDimensionCopies)};
    std::uint64_t rows = 0, chunk = 0;
    for (const auto& part : parts) {
      rows += part.rows;
      chunk = std::max(chunk, part.chunk);
    }
    return rows + chunk +
           kFactSliceBytesPerRow *
               static_cast<std::uint64_t>(std::max<std::int64_t>(chunk_rows, 1));
  });
  check_memory(ctx, need, "silver: loading " + bronze.path(),
               "its share of the six bronze tables, cleaned and exchanged");
}

}  // namespace adlake::silver
