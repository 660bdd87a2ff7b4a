#include "adlake/gold/fact_share.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/gold/features.hpp"
#include "adlake/h5/fixed_strings.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/memory_budget.hpp"

namespace adlake::gold {
namespace {

// The memory bound per rank (mpi/memory_budget.hpp), checked before any fact
// row is read. A rank holds its share of the fact columns (read, then moved
// into FactRows) to the end and, beside them, its /features rows (about 120
// bytes each: the id, 17 features, 6 history columns; at most one per fact
// row) and the history kernel's per-row slots and per-key fold counts, which
// are exchanged between ranks (more copies on 2+ ranks); writing packs one
// slab of fixed-length strings (h5/fixed_strings.hpp) on top. Measured on 1M
// fact rows (peak above the process's start, per rank): 254 MB on 1 rank,
// 187 MB on 2, 130 MB on 3; estimated 375, 196 and 136 MiB.
constexpr std::uint64_t kFeatureBytesPerRow = 200;

void check_gold_memory(const Context& ctx, const h5::File& silver, std::int64_t count) {
  const std::uint64_t fact = collective_try(
      ctx.comm, [&] { return h5::read_memory_bytes(silver, kFactTable, count, fact_columns()); });
  const std::uint64_t features = kFeatureBytesPerRow * static_cast<std::uint64_t>(count);
  const std::uint64_t packing = std::min<std::uint64_t>(h5::kStringSlabBytes, features);
  check_memory(ctx, fact + features + packing, "gold: loading " + silver.path(),
               "its share of " + std::string(kFactTable) + " (" + format_bytes(fact) +
                   ") and its /features rows (" + format_bytes(features) + ")");
}

// fact_rows_from checks the order inside each share; here, across shares.
void check_order_across_ranks(const Comm& comm, const StringColumn& ids, const std::string& where,
                              std::int64_t begin) {
  const auto firsts = allgather_strings(comm, ids.empty() ? "" : std::string(ids.at(0)));
  const auto lasts =
      allgather_strings(comm, ids.empty() ? "" : std::string(ids.at(ids.size() - 1)));
  collective_try(comm, [&] {
    if (ids.empty()) return;
    const auto mine = static_cast<std::size_t>(comm.rank());
    for (std::size_t r = mine; r-- > 0;) {
      if (lasts[r].empty()) continue;
      if (!(lasts[r] < firsts[mine])) {
        throw DataError(where + " row " + std::to_string(begin) + " (id_md5 '" + firsts[mine] +
                        "'): id_md5 is not strictly ascending (CONTRACT 2.4)");
      }
      break;
    }
  });
}

}  // namespace

FactShare read_fact_share(const Context& ctx, const h5::File& silver) {
  const Comm& comm = ctx.comm;
  const std::string& path = silver.path();
  FactShare share;
  collective_try(comm, [&] {
    for (const char* table : {kFactTable, kCampaignsTable}) {
      if (!h5::table_exists(silver, table)) {
        throw DataError("gold: " + path + " has no table " + table);
      }
    }
    share.total_rows = h5::table_rows(silver, kFactTable);
  });
  const auto [begin, count] = h5::even_share(share.total_rows, comm.rank(), comm.size());
  check_gold_memory(ctx, silver, count);
  Table table = collective_try(
      comm, [&] { return h5::read_table(silver, kFactTable, begin, count, fact_columns()); });
  collective_try(comm, [&] {
    const std::int64_t rows = h5::table_rows(silver, kCampaignsTable);
    const std::int64_t campaigns = comm.is_root() ? rows : 0;  // the join happens on rank 0
    share.advertisers = Advertisers::from(
        h5::read_table(silver, kCampaignsTable, 0, campaigns, {"campaign_id", "advertiser"}),
        path + ":" + kCampaignsTable);
  });
  const std::string where = path + ":" + kFactTable;
  collective_try(comm, [&] { share.rows = fact_rows_from(std::move(table), where, begin); });
  check_order_across_ranks(comm, share.rows.id_md5, where, begin);
  return share;
}

}  // namespace adlake::gold
