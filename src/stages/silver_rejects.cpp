#include "adlake/stages/silver_rejects.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/exchange.hpp"
#include "adlake/ops/columns.hpp"
#include "adlake/ops/partition.hpp"

namespace adlake::silver {

template <class Clean>
void return_rejects(const Comm& comm, const std::vector<ops::Rejected>& found,
                    EntityShare<Clean>& share) {
  // Rank r read rows [even_share(r).begin, even_share(r + 1).begin).
  std::vector<std::int64_t> begins;
  for (int r = 1; r < comm.size(); ++r) {
    begins.push_back(h5::even_share(share.total_rows, r, comm.size()).first);
  }
  const auto send = ops::split_by_owner(
      std::span<const ops::Rejected>(found), comm.size(), [&](const ops::Rejected& r) {
        return static_cast<int>(std::upper_bound(begins.begin(), begins.end(), r.seq) -
                                begins.begin());
      });
  const auto mine = adlake::exchange(comm, send);
  for (const auto& reject : mine) {
    if (reject.seq < share.first_seq || reject.seq >= share.first_seq + share.rows()) {
      throw Error("silver: a reject came back to the wrong rank");  // a bug, not bad data
    }
  }
  share.rejects.insert(share.rejects.end(), mine.begin(), mine.end());
}

template <class Clean>
Table reject_table(EntityShare<Clean>& share) {
  using E = Entity<Clean>;
  std::sort(share.rejects.begin(), share.rejects.end(),
            [](const ops::Rejected& a, const ops::Rejected& b) { return a.seq < b.seq; });
  std::vector<std::uint32_t> rows(share.rejects.size());
  EnumColumn reason = ops::enum_column<ops::RejectCause>();
  reason.codes.reserve(rows.size());
  for (std::size_t k = 0; k < rows.size(); ++k) {
    rows[k] = static_cast<std::uint32_t>(share.rejects[k].seq - share.first_seq);
    reason.codes.push_back(clean::code(share.rejects[k].reason));
  }
  Table out;
  auto& file = out.add("_file", std::vector<std::int32_t>{});
  auto& line = out.add("_line", std::vector<std::int64_t>{});
  const auto& bronze_file = share.bronze.template values<std::int32_t>("_file");
  const auto& bronze_line = share.bronze.template values<std::int64_t>("_line");
  for (const auto r : rows) {
    file.push_back(bronze_file[r]);
    line.push_back(bronze_line[r]);
  }
  out.add("reason", std::move(reason));
  // Privacy (CONTRACT 2.1): the full ip never reaches silver.
  for (const std::string_view column : E::columns) {
    if (column == "ip") continue;
    out.add(std::string(column), share.bronze.strings(column).gather(rows));
  }
  return out;
}

#define ADLAKE_SILVER_REJECTS(Clean)                                           \
  template void return_rejects(const Comm&, const std::vector<ops::Rejected>&, \
                               EntityShare<Clean>&);                           \
  template Table reject_table(EntityShare<Clean>&);

ADLAKE_SILVER_REJECTS(clean::CleanRequest)
ADLAKE_SILVER_REJECTS(clean::CleanImpression)
ADLAKE_SILVER_REJECTS(clean::CleanClick)
ADLAKE_SILVER_REJECTS(clean::CleanUser)
ADLAKE_SILVER_REJECTS(clean::CleanCampaign)
ADLAKE_SILVER_REJECTS(clean::CleanApp)

}  // namespace adlake::silver
