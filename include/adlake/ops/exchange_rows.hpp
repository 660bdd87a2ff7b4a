#pragma once
// All-to-all of fixed-size rows for silver's shuffles. mpi/exchange.hpp's
// exchange<T> goes through byte vectors (five copies of the data); silver moves
// millions of ~180-byte rows, so these send straight from one buffer grouped
// by destination into the result, with an MPI type of one row so counts and
// displacements are in rows (an int holds them for any rank's share), in
// rounds that keep every rank's message per round under `round_bytes`.
#include <mpi.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <span>
#include <type_traits>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/traffic.hpp"

namespace adlake::ops {

inline constexpr std::size_t kRoundBytes = std::size_t{512} << 20;

namespace detail {

// An MPI datatype of sizeof(T) bytes, freed with the object.
class RowType {
 public:
  explicit RowType(std::size_t bytes) {
    check_mpi(MPI_Type_contiguous(static_cast<int>(bytes), MPI_BYTE, &type_),
              "MPI_Type_contiguous");
    check_mpi(MPI_Type_commit(&type_), "MPI_Type_commit");
  }
  ~RowType() { MPI_Type_free(&type_); }
  RowType(const RowType&) = delete;
  RowType& operator=(const RowType&) = delete;
  MPI_Datatype get() const { return type_; }

 private:
  MPI_Datatype type_ = MPI_DATATYPE_NULL;
};

inline int as_int(std::size_t n, const char* what) {
  if (n > static_cast<std::size_t>(INT32_MAX))
    throw Error(std::string(what) + ": too many rows for one rank");
  return static_cast<int>(n);
}

}  // namespace detail

// Collective. `send` holds the rows for rank 0, then rank 1, ...:
// send_counts[d] of them for rank d. Returns the rows sent to this rank,
// concatenated by source rank, each source's in its send order.
template <class T>
std::vector<T> exchange_grouped(const Comm& comm, std::span<const T> send,
                                const std::vector<std::int64_t>& send_counts,
                                std::size_t round_bytes = kRoundBytes) {
  static_assert(std::is_trivially_copyable_v<T>);
  const int p = comm.size();
  std::vector<std::int64_t> recv_counts(static_cast<std::size_t>(p));
  check_mpi(MPI_Alltoall(send_counts.data(), 1, MPI_INT64_T, recv_counts.data(), 1, MPI_INT64_T,
                         comm.get()),
            "MPI_Alltoall (row counts)");
  count_alltoall(comm, sizeof(std::int64_t));
  std::vector<std::int64_t> send_offset(static_cast<std::size_t>(p), 0);
  std::vector<std::int64_t> recv_offset(static_cast<std::size_t>(p), 0);
  std::exclusive_scan(send_counts.begin(), send_counts.end(), send_offset.begin(), std::int64_t{0});
  std::exclusive_scan(recv_counts.begin(), recv_counts.end(), recv_offset.begin(), std::int64_t{0});
  const std::int64_t total =
      std::accumulate(recv_counts.begin(), recv_counts.end(), std::int64_t{0});
  detail::as_int(send.size(), "exchange");
  std::vector<T> out(
      static_cast<std::size_t>(detail::as_int(static_cast<std::size_t>(total), "exchange")));

  const std::int64_t per_peer =
      std::max<std::int64_t>(1, static_cast<std::int64_t>(round_bytes / sizeof(T)) / p);
  std::int64_t longest = 0;
  for (int r = 0; r < p; ++r) longest = std::max({longest, send_counts[r], recv_counts[r]});
  const std::int64_t rounds = allreduce_max(comm, (longest + per_peer - 1) / per_peer);
  const detail::RowType row_type(sizeof(T));
  std::vector<int> scount(p), sdispl(p), rcount(p), rdispl(p);
  for (std::int64_t round = 0; round < rounds; ++round) {
    const std::int64_t done = round * per_peer;
    for (int r = 0; r < p; ++r) {
      scount[r] = static_cast<int>(std::clamp<std::int64_t>(send_counts[r] - done, 0, per_peer));
      rcount[r] = static_cast<int>(std::clamp<std::int64_t>(recv_counts[r] - done, 0, per_peer));
      sdispl[r] = static_cast<int>(send_offset[r] + std::min(done, send_counts[r]));
      rdispl[r] = static_cast<int>(recv_offset[r] + std::min(done, recv_counts[r]));
    }
    check_mpi(MPI_Alltoallv(send.data(), scount.data(), sdispl.data(), row_type.get(), out.data(),
                            rcount.data(), rdispl.data(), row_type.get(), comm.get()),
              "MPI_Alltoallv (rows)");
    count_alltoallv(comm, scount, rcount, sizeof(T));
  }
  return out;
}

// Collective: each row to rank owner(row). Consumes `rows` (one rank: no copy).
template <class T, class Owner>
std::vector<T> exchange_to_owners(const Comm& comm, std::vector<T>&& rows, Owner owner,
                                  std::size_t round_bytes = kRoundBytes) {
  const int p = comm.size();
  if (p == 1) return std::move(rows);
  std::vector<std::int64_t> counts(static_cast<std::size_t>(p), 0);
  std::vector<int> dest(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    dest[i] = owner(rows[i]);
    ++counts[static_cast<std::size_t>(dest[i])];
  }
  std::vector<std::int64_t> next(static_cast<std::size_t>(p), 0);
  std::exclusive_scan(counts.begin(), counts.end(), next.begin(), std::int64_t{0});
  std::vector<T> send(rows.size());
  for (std::size_t i = 0; i < rows.size(); ++i) {
    send[static_cast<std::size_t>(next[static_cast<std::size_t>(dest[i])]++)] = rows[i];
  }
  rows = {};
  dest = {};
  return exchange_grouped(comm, std::span<const T>(send), counts, round_bytes);
}

// Collective: lists per destination rank -> per source rank (a reply can go
// back in the order it came).
template <class T>
std::vector<std::vector<T>> exchange_by_source(const Comm& comm,
                                               const std::vector<std::vector<T>>& send_by_dest) {
  const int p = comm.size();
  std::vector<std::int64_t> counts(static_cast<std::size_t>(p));
  std::vector<T> send;
  for (int r = 0; r < p; ++r) {
    counts[r] = static_cast<std::int64_t>(send_by_dest[r].size());
    send.insert(send.end(), send_by_dest[r].begin(), send_by_dest[r].end());
  }
  // How many each source sends here, to split the result.
  std::vector<std::int64_t> from(static_cast<std::size_t>(p));
  check_mpi(MPI_Alltoall(counts.data(), 1, MPI_INT64_T, from.data(), 1, MPI_INT64_T, comm.get()),
            "MPI_Alltoall (row counts)");
  count_alltoall(comm, sizeof(std::int64_t));
  const std::vector<T> all = exchange_grouped(comm, std::span<const T>(send), counts);
  std::vector<std::vector<T>> out(static_cast<std::size_t>(p));
  std::size_t at = 0;
  for (int s = 0; s < p; ++s) {
    out[s].assign(
        all.begin() + static_cast<std::ptrdiff_t>(at),
        all.begin() + static_cast<std::ptrdiff_t>(at + static_cast<std::size_t>(from[s])));
    at += static_cast<std::size_t>(from[s]);
  }
  return out;
}

}  // namespace adlake::ops
