#pragma once
// The one way ranks move rows to each other (the "exchange" of partition ->
// exchange -> local kernel): an all-to-all of trivially copyable rows (or
// bytes, T = char), sent straight from one buffer grouped by destination into
// the result with an MPI type of one row (mpi/datatype.hpp), so counts and
// displacements are in rows. MPI counts are int: every count and offset is
// checked to fit, and the exchange runs in rounds that keep every rank's
// message per round under `round_bytes`.
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
#include "adlake/mpi/datatype.hpp"
#include "adlake/mpi/traffic.hpp"

namespace adlake {

inline constexpr std::size_t kRoundBytes = std::size_t{512} << 20;

namespace detail {

// `n` as an MPI count; throws naming `what` when an int cannot hold it.
inline int as_count(std::int64_t n, const char* what) {
  if (n < 0 || n > std::int64_t{INT32_MAX}) {
    throw Error(std::string(what) + ": " + std::to_string(n) +
                " rows, more than an MPI count holds");
  }
  return static_cast<int>(n);
}

// Round `round` of an exchange: each peer's count and displacement, in rows,
// for at most `per_peer` rows per peer.
inline void round_counts(std::span<const std::int64_t> counts, std::span<const std::int64_t> offset,
                         std::int64_t done, std::int64_t per_peer, std::vector<int>& count,
                         std::vector<int>& displ, const char* what) {
  for (std::size_t r = 0; r < counts.size(); ++r) {
    count[r] = as_count(std::clamp<std::int64_t>(counts[r] - done, 0, per_peer), what);
    displ[r] = as_count(offset[r] + std::min(done, counts[r]), what);
  }
}

// The exchange itself; `recv_counts` receives how many rows came from each rank.
template <class T>
std::vector<T> exchange_counted(const Comm& comm, std::span<const T> send,
                                const std::vector<std::int64_t>& send_counts,
                                std::vector<std::int64_t>& recv_counts, std::size_t round_bytes) {
  static_assert(std::is_trivially_copyable_v<T>);
  const auto p = static_cast<std::size_t>(comm.size());
  if (send_counts.size() != p) throw Error("exchange: need one send count per rank");
  recv_counts.assign(p, 0);
  check_mpi(MPI_Alltoall(send_counts.data(), 1, MPI_INT64_T, recv_counts.data(), 1, MPI_INT64_T,
                         comm.get()),
            "MPI_Alltoall (row counts)");
  count_alltoall(comm, sizeof(std::int64_t));
  std::vector<std::int64_t> send_offset(p, 0), recv_offset(p, 0);
  std::exclusive_scan(send_counts.begin(), send_counts.end(), send_offset.begin(), std::int64_t{0});
  std::exclusive_scan(recv_counts.begin(), recv_counts.end(), recv_offset.begin(), std::int64_t{0});
  // Counts and displacements are int: this rank's whole send and receive
  // must fit. The verdict rides on the allreduce of the round count, so every
  // rank throws the same error (no rank waits in a collective for one that threw).
  const std::int64_t sent =
      std::accumulate(send_counts.begin(), send_counts.end(), std::int64_t{0});
  const std::int64_t total =
      std::accumulate(recv_counts.begin(), recv_counts.end(), std::int64_t{0});
  const auto per_peer = std::max<std::int64_t>(
      1, static_cast<std::int64_t>(round_bytes / sizeof(T)) / static_cast<std::int64_t>(p));
  std::int64_t longest = 0;
  for (std::size_t r = 0; r < p; ++r) longest = std::max({longest, send_counts[r], recv_counts[r]});
  constexpr std::int64_t kTooMany = INT64_MAX;
  const bool fits = std::ranges::none_of(send_counts, [](std::int64_t c) { return c < 0; }) &&
                    sent == static_cast<std::int64_t>(send.size()) && sent <= INT32_MAX &&
                    total <= INT32_MAX;
  const std::int64_t rounds =
      allreduce_max(comm, fits ? (longest + per_peer - 1) / per_peer : kTooMany);
  if (rounds == kTooMany) {
    throw Error(
        "exchange: a rank's rows (sent or received) do not match their counts or are "
        "more than an MPI count holds");
  }
  std::vector<T> out(static_cast<std::size_t>(total));
  const RowType<T> row_type;
  std::vector<int> scount(p), sdispl(p), rcount(p), rdispl(p);
  for (std::int64_t round = 0; round < rounds; ++round) {
    const std::int64_t done = round * per_peer;
    round_counts(send_counts, send_offset, done, per_peer, scount, sdispl, "exchange (send)");
    round_counts(recv_counts, recv_offset, done, per_peer, rcount, rdispl, "exchange (receive)");
    check_mpi(MPI_Alltoallv(send.data(), scount.data(), sdispl.data(), row_type.get(), out.data(),
                            rcount.data(), rdispl.data(), row_type.get(), comm.get()),
              "MPI_Alltoallv (rows)");
    count_alltoallv(comm, scount, rcount, sizeof(T));
  }
  return out;
}

}  // namespace detail

// Collective. `send` holds the rows for rank 0, then rank 1, ...:
// send_counts[d] of them for rank d. Returns the rows sent to this rank,
// concatenated by source rank, each source's in its send order.
template <class T>
std::vector<T> exchange_grouped(const Comm& comm, std::span<const T> send,
                                const std::vector<std::int64_t>& send_counts,
                                std::size_t round_bytes = kRoundBytes) {
  std::vector<std::int64_t> recv_counts;
  return detail::exchange_counted(comm, send, send_counts, recv_counts, round_bytes);
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
// back in the order it came; T = char moves encoded bytes).
template <class T>
std::vector<std::vector<T>> exchange_by_source(const Comm& comm,
                                               const std::vector<std::vector<T>>& send_by_dest,
                                               std::size_t round_bytes = kRoundBytes) {
  const auto p = static_cast<std::size_t>(comm.size());
  if (send_by_dest.size() != p) throw Error("exchange: need one send list per rank");
  std::vector<std::int64_t> counts(p);
  std::vector<T> send;
  for (std::size_t r = 0; r < p; ++r) {
    counts[r] = static_cast<std::int64_t>(send_by_dest[r].size());
    send.insert(send.end(), send_by_dest[r].begin(), send_by_dest[r].end());
  }
  std::vector<std::int64_t> from;
  const std::vector<T> all =
      detail::exchange_counted(comm, std::span<const T>(send), counts, from, round_bytes);
  std::vector<std::vector<T>> out(p);
  auto at = all.begin();
  for (std::size_t s = 0; s < p; ++s) {
    out[s].assign(at, at + static_cast<std::ptrdiff_t>(from[s]));
    at += static_cast<std::ptrdiff_t>(from[s]);
  }
  return out;
}

}  // namespace adlake
