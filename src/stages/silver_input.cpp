#include "adlake/stages/silver_input.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <numeric>

#include "adlake/core/error.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::silver {

std::vector<std::int64_t> read_file_order(const h5::File& bronze) {
  const std::int64_t n = h5::table_rows(bronze, "/_files");
  const Table files = h5::read_table(bronze, "/_files", 0, n, {"path"});  // a few rows, every rank
  const StringColumn& paths = files.strings("path");
  std::vector<std::int64_t> by_name(static_cast<std::size_t>(n));
  std::iota(by_name.begin(), by_name.end(), 0);
  std::stable_sort(by_name.begin(), by_name.end(), [&](std::int64_t a, std::int64_t b) {
    return paths.at(static_cast<std::size_t>(a)) < paths.at(static_cast<std::size_t>(b));
  });
  std::vector<std::int64_t> order(static_cast<std::size_t>(n));
  for (std::size_t i = 0; i < by_name.size(); ++i) {
    order[static_cast<std::size_t>(by_name[i])] = static_cast<std::int64_t>(i);
  }
  return order;
}

namespace {

std::string not_in_order(std::string_view entity, std::int64_t line) {
  return fmt::format("bronze /{}: rows are not in input order (file name, then line) at line {}",
                     entity, line);
}

// (file position in name order, line) of each row must strictly increase, on
// each rank and across ranks. Collective; every rank throws the same error.
void check_input_order(const Comm& comm, const Table& bronze,
                       const std::vector<std::int64_t>& file_order, std::string_view entity) {
  const auto& file = bronze.values<std::int32_t>("_file");
  const auto& line = bronze.values<std::int64_t>("_line");
  std::string problem;
  auto key = [&](std::size_t i) -> std::pair<std::int64_t, std::int64_t> {
    return {file_order[static_cast<std::size_t>(file[i])], line[i]};
  };
  for (std::size_t i = 0; i < file.size() && problem.empty(); ++i) {
    if (file[i] < 0 || static_cast<std::size_t>(file[i]) >= file_order.size()) {
      problem = fmt::format("bronze /{}: _file {} is not an index of /_files", entity, file[i]);
    } else if (i > 0 && !(key(i - 1) < key(i))) {
      problem = not_in_order(entity, line[i]);
    }
  }
  agree_on_error(comm, problem);
  // Across ranks: each rank's first row must follow the last row of the ranks before it.
  std::vector<std::int64_t> edges{file.empty() ? 0 : 1, 0, 0, 0, 0};
  if (!file.empty()) {
    std::tie(edges[1], edges[2]) = key(0);
    std::tie(edges[3], edges[4]) = key(file.size() - 1);
  }
  const auto all = allgatherv(comm, edges);
  std::pair<std::int64_t, std::int64_t> last{-1, -1};
  for (std::size_t r = 0; r < all.size(); r += 5) {
    if (all[r] == 0) continue;
    if (!(last < std::pair{all[r + 1], all[r + 2]})) {
      problem = not_in_order(entity, all[r + 2]);
      break;
    }
    last = {all[r + 3], all[r + 4]};
  }
  agree_on_error(comm, problem);  // the same verdict on every rank
}

}  // namespace

template <class Clean>
EntityShare<Clean> read_entity(const h5::File& bronze, const Comm& comm,
                               const std::vector<std::int64_t>& file_order) {
  using E = Entity<Clean>;
  const std::string path = fmt::format("/{}", E::name);
  constexpr std::size_t n_columns = E::columns.size();
  std::vector<std::string> names(E::columns.begin(), E::columns.end());
  names.push_back("_file");
  names.push_back("_line");

  EntityShare<Clean> share;
  share.total_rows = h5::table_rows(bronze, path);
  const auto [begin, count] = h5::even_share(share.total_rows, comm.rank(), comm.size());
  share.bronze = h5::read_table(bronze, path, begin, count, names);
  share.first_seq = begin;
  check_input_order(comm, share.bronze, file_order, E::name);

  std::array<const StringColumn*, n_columns> columns{};
  for (std::size_t j = 0; j < n_columns; ++j) columns[j] = &share.bronze.strings(E::columns[j]);
  std::array<std::string_view, n_columns> values;
  share.valid.reserve(static_cast<std::size_t>(count));
  for (std::size_t i = 0; i < static_cast<std::size_t>(count); ++i) {
    for (std::size_t j = 0; j < n_columns; ++j) values[j] = columns[j]->at(i);
    const std::int64_t seq = begin + static_cast<std::int64_t>(i);
    auto& row = share.valid.emplace_back();
    row.seq = seq;
    if (const auto reason = E::clean(values, row.row)) {
      share.valid.pop_back();
      share.rejects.push_back({seq, ops::reject_cause(*reason)});
    }
  }
  return share;
}

template EntityShare<clean::CleanRequest> read_entity(const h5::File&, const Comm&,
                                                      const std::vector<std::int64_t>&);
template EntityShare<clean::CleanImpression> read_entity(const h5::File&, const Comm&,
                                                         const std::vector<std::int64_t>&);
template EntityShare<clean::CleanClick> read_entity(const h5::File&, const Comm&,
                                                    const std::vector<std::int64_t>&);
template EntityShare<clean::CleanUser> read_entity(const h5::File&, const Comm&,
                                                   const std::vector<std::int64_t>&);
template EntityShare<clean::CleanCampaign> read_entity(const h5::File&, const Comm&,
                                                       const std::vector<std::int64_t>&);
template EntityShare<clean::CleanApp> read_entity(const h5::File&, const Comm&,
                                                  const std::vector<std::int64_t>&);

}  // namespace adlake::silver
