#include "adlake/silver/rejects.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/exchange.hpp"
#include "adlake/silver/columns.hpp"

namespace adlake::silver {

template <class Clean>
Table empty_reject_table() {
  using E = Entity<Clean>;
  Table out;
  out.add("_file", std::vector<std::int32_t>{});
  out.add("_line", std::vector<std::int64_t>{});
  out.add("reason", enum_column<RejectCause>());
  // Privacy (CONTRACT 2.1): the full ip never reaches silver.
  for (const std::string_view column : E::columns) {
    if (column != "ip") out.add(std::string(column), StringColumn{});
  }
  return out;
}

template <class Clean>
void append_reject_rows(Table& table, const Table& chunk, std::int64_t chunk_seq,
                        std::span<const Rejected> rejects) {
  using E = Entity<Clean>;
  if (rejects.empty()) return;
  auto& file = table.values<std::int32_t>("_file");
  auto& line = table.values<std::int64_t>("_line");
  auto& reason = table.enums("reason").codes;
  const auto& bronze_file = chunk.values<std::int32_t>("_file");
  const auto& bronze_line = chunk.values<std::int64_t>("_line");
  for (const auto& reject : rejects) {
    const auto r = static_cast<std::size_t>(reject.seq - chunk_seq);
    file.push_back(bronze_file.at(r));
    line.push_back(bronze_line[r]);
    reason.push_back(clean::code(reject.reason));
  }
  for (const std::string_view column : E::columns) {
    if (column == "ip") continue;
    const StringColumn& from = chunk.strings(column);
    StringColumn& to = table.strings(column);
    for (const auto& reject : rejects)
      to.push_back(from[static_cast<std::size_t>(reject.seq - chunk_seq)]);
  }
}

template <class Clean>
void return_rejects(const Comm& comm, const std::vector<Rejected>& found,
                    EntityShare<Clean>& share) {
  // Rank r read rows [even_share(r).begin, even_share(r + 1).begin).
  std::vector<std::int64_t> begins;
  for (int r = 1; r < comm.size(); ++r) {
    begins.push_back(h5::even_share(share.total_rows, r, comm.size()).first);
  }
  const auto mine = exchange_to_owners(comm, std::vector<Rejected>(found), [&](const Rejected& r) {
    return static_cast<int>(std::upper_bound(begins.begin(), begins.end(), r.seq) - begins.begin());
  });
  for (const auto& reject : mine) {
    if (reject.seq < share.first_seq || reject.seq >= share.first_seq + share.rows()) {
      throw Error("silver: a reject came back to the wrong rank");  // a bug, not bad data
    }
  }
  share.rejects.insert(share.rejects.end(), mine.begin(), mine.end());
}

template <class Clean>
Table reread_reject_table(const h5::File& bronze, const Comm& comm, EntityShare<Clean>& share,
                          std::int64_t chunk_rows) {
  using E = Entity<Clean>;
  const std::string path = fmt::format("/{}", E::name);
  std::vector<std::string> names{"_file", "_line"};
  for (const std::string_view column : E::columns) {
    if (column != "ip") names.emplace_back(column);
  }
  std::sort(share.rejects.begin(), share.rejects.end(),
            [](const Rejected& a, const Rejected& b) { return a.seq < b.seq; });
  Table out = empty_reject_table<Clean>();
  chunk_rows = std::max<std::int64_t>(chunk_rows, 1);
  const std::int64_t rounds = allreduce_max(comm, (share.count + chunk_rows - 1) / chunk_rows);
  auto next = share.rejects.begin();
  for (std::int64_t round = 0; round < rounds; ++round) {
    const std::int64_t done = std::min(round * chunk_rows, share.count);
    const std::int64_t begin = share.first_seq + done;
    const std::int64_t end = begin + std::min(chunk_rows, share.count - done);
    const auto last =
        std::lower_bound(next, share.rejects.end(), end,
                         [](const Rejected& r, std::int64_t seq) { return r.seq < seq; });
    // Read only the rows from the chunk's first reject to its last (collective:
    // every rank reads, possibly nothing).
    const std::int64_t from = next == last ? begin : next->seq;
    const std::int64_t to = next == last ? begin : (last - 1)->seq + 1;
    const Table chunk = h5::read_table(bronze, path, from, to - from, names);
    append_reject_rows<Clean>(out, chunk, from, std::span<const Rejected>(next, last));
    next = last;
  }
  return out;
}

#define ADLAKE_SILVER_REJECTS(Clean)                                                            \
  template Table empty_reject_table<Clean>();                                                   \
  template void append_reject_rows<Clean>(Table&, const Table&, std::int64_t,                   \
                                          std::span<const Rejected>);                           \
  template void return_rejects(const Comm&, const std::vector<Rejected>&, EntityShare<Clean>&); \
  template Table reread_reject_table(const h5::File&, const Comm&, EntityShare<Clean>&,         \
                                     std::int64_t);

ADLAKE_SILVER_REJECTS(clean::CleanRequest)
ADLAKE_SILVER_REJECTS(clean::CleanImpression)
ADLAKE_SILVER_REJECTS(clean::CleanClick)
ADLAKE_SILVER_REJECTS(clean::CleanUser)
ADLAKE_SILVER_REJECTS(clean::CleanCampaign)
ADLAKE_SILVER_REJECTS(clean::CleanApp)

}  // namespace adlake::silver
