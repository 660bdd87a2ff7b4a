#include "adlake/silver/input.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <numeric>
#include <span>
#include <tuple>

#include "adlake/core/error.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/exchange.hpp"
#include "adlake/silver/partition.hpp"
#include "adlake/silver/rejects.hpp"

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
// each rank and across ranks. Fed chunk by chunk; finish() is collective and
// throws the same error on every rank.
class InputOrderCheck {
 public:
  InputOrderCheck(const std::vector<std::int64_t>& file_order, std::string_view entity)
      : file_order_(file_order), entity_(entity) {}

  void add(const Table& chunk) {
    const auto& file = chunk.values<std::int32_t>("_file");
    const auto& line = chunk.values<std::int64_t>("_line");
    for (std::size_t i = 0; i < file.size() && problem_.empty(); ++i) {
      if (file[i] < 0 || static_cast<std::size_t>(file[i]) >= file_order_.size()) {
        problem_ = fmt::format("bronze /{}: _file {} is not an index of /_files", entity_, file[i]);
        break;
      }
      const Key key{file_order_[static_cast<std::size_t>(file[i])], line[i]};
      if (seen_ && !(last_ < key)) {
        problem_ = not_in_order(entity_, line[i]);
        break;
      }
      if (!seen_) first_ = key;
      seen_ = true;
      last_ = key;
    }
  }

  void finish(const Comm& comm) {
    agree_on_error(comm, problem_);
    // Across ranks: each rank's first row must follow the last row of the ranks before it.
    const std::vector<std::int64_t> edges{seen_ ? 1 : 0, first_.first, first_.second, last_.first,
                                          last_.second};
    const auto all = allgatherv(comm, edges);
    Key last{-1, -1};
    for (std::size_t r = 0; r < all.size(); r += 5) {
      if (all[r] == 0) continue;
      if (!(last < Key{all[r + 1], all[r + 2]})) {
        problem_ = not_in_order(entity_, all[r + 2]);
        break;
      }
      last = {all[r + 3], all[r + 4]};
    }
    agree_on_error(comm, problem_);  // the same verdict on every rank
  }

 private:
  using Key = std::pair<std::int64_t, std::int64_t>;
  const std::vector<std::int64_t>& file_order_;
  std::string_view entity_;
  std::string problem_;
  bool seen_ = false;
  Key first_{0, 0};
  Key last_{0, 0};
};

// Reads this rank's share chunk by chunk, validates each chunk and hands its
// valid rows to `sink` (collective: every rank calls it the same number of
// times, possibly with no rows).
template <class Clean, class Sink>
EntityShare<Clean> read_chunks(const h5::File& bronze, const Comm& comm,
                               const std::vector<std::int64_t>& file_order, RejectRows mode,
                               std::int64_t chunk_rows, Sink sink) {
  using E = Entity<Clean>;
  const std::string path = fmt::format("/{}", E::name);
  constexpr std::size_t n_columns = E::columns.size();
  std::vector<std::string> names(E::columns.begin(), E::columns.end());
  names.push_back("_file");
  names.push_back("_line");

  EntityShare<Clean> share;
  share.total_rows = h5::table_rows(bronze, path);
  std::tie(share.first_seq, share.count) =
      h5::even_share(share.total_rows, comm.rank(), comm.size());
  if (mode == RejectRows::kBuild) share.reject_rows = empty_reject_table<Clean>();
  chunk_rows = std::max<std::int64_t>(chunk_rows, 1);
  const std::int64_t rounds = allreduce_max(comm, (share.count + chunk_rows - 1) / chunk_rows);
  InputOrderCheck order(file_order, E::name);
  std::vector<Sourced<Clean>> valid;
  for (std::int64_t round = 0; round < rounds; ++round) {
    const std::int64_t done = std::min(round * chunk_rows, share.count);
    const std::int64_t n = std::min(chunk_rows, share.count - done);
    const std::int64_t begin = share.first_seq + done;
    const Table chunk = h5::read_table(bronze, path, begin, n, names);
    std::array<const StringColumn*, n_columns> columns{};
    collective_try(comm, [&] {  // a column of another type: an error on every rank
      order.add(chunk);
      for (std::size_t j = 0; j < n_columns; ++j) columns[j] = &chunk.strings(E::columns[j]);
    });
    std::array<std::string_view, n_columns> values;
    const std::size_t first_reject = share.rejects.size();
    valid.clear();
    valid.reserve(static_cast<std::size_t>(n));
    for (std::size_t i = 0; i < static_cast<std::size_t>(n); ++i) {
      for (std::size_t j = 0; j < n_columns; ++j) values[j] = columns[j]->at(i);
      const std::int64_t seq = begin + static_cast<std::int64_t>(i);
      auto& row = valid.emplace_back();
      row.seq = seq;
      if (const auto reason = E::clean(values, row.row)) {
        valid.pop_back();
        share.rejects.push_back({seq, reject_cause(*reason)});
      }
    }
    if (mode == RejectRows::kBuild) {
      append_reject_rows<Clean>(share.reject_rows, chunk, begin,
                                std::span<const Rejected>(share.rejects).subspan(first_reject));
    }
    sink(share, valid);
  }
  order.finish(comm);
  return share;
}

}  // namespace

template <class Clean>
EntityShare<Clean> read_entity(const h5::File& bronze, const Comm& comm,
                               const std::vector<std::int64_t>& file_order, RejectRows mode,
                               std::int64_t chunk_rows) {
  return read_chunks<Clean>(bronze, comm, file_order, mode, chunk_rows,
                            [](EntityShare<Clean>& share, std::vector<Sourced<Clean>>& valid) {
                              if (share.valid.empty())
                                share.valid.reserve(static_cast<std::size_t>(share.count));
                              share.valid.insert(share.valid.end(), valid.begin(), valid.end());
                            });
}

template <class Clean>
EntityShare<Clean> stream_to_id_owners(const h5::File& bronze, const Comm& comm,
                                       const std::vector<std::int64_t>& file_order, RejectRows mode,
                                       std::int64_t chunk_rows) {
  const int ranks = comm.size();
  return read_chunks<Clean>(
      bronze, comm, file_order, mode, chunk_rows,
      [&](EntityShare<Clean>& share, std::vector<Sourced<Clean>>& valid) {
        if (share.valid.capacity() == 0) {
          // MD5s are uniform: a rank owns about total / ranks rows. Reserving
          // a little more avoids a reallocation (a second copy of the rows)
          // and costs nothing until the pages are touched.
          const auto expected = static_cast<std::size_t>(share.total_rows / ranks);
          share.valid.reserve(expected + expected / 16 + 1024);
        }
        const auto mine = exchange_to_owners(
            comm, std::move(valid),
            [ranks](const Sourced<Clean>& r) { return id_owner(r.row.id_md5, ranks); });
        share.valid.insert(share.valid.end(), mine.begin(), mine.end());
        valid = {};
      });
}

#define ADLAKE_SILVER_READ(Clean)          \
  template EntityShare<Clean> read_entity( \
      const h5::File&, const Comm&, const std::vector<std::int64_t>&, RejectRows, std::int64_t);

ADLAKE_SILVER_READ(clean::CleanRequest)
ADLAKE_SILVER_READ(clean::CleanImpression)
ADLAKE_SILVER_READ(clean::CleanClick)
ADLAKE_SILVER_READ(clean::CleanUser)
ADLAKE_SILVER_READ(clean::CleanCampaign)
ADLAKE_SILVER_READ(clean::CleanApp)

#define ADLAKE_SILVER_STREAM(Clean)                \
  template EntityShare<Clean> stream_to_id_owners( \
      const h5::File&, const Comm&, const std::vector<std::int64_t>&, RejectRows, std::int64_t);

ADLAKE_SILVER_STREAM(clean::CleanRequest)
ADLAKE_SILVER_STREAM(clean::CleanImpression)
ADLAKE_SILVER_STREAM(clean::CleanClick)

}  // namespace adlake::silver
