#include "adlake/mpi/exchange.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/traffic.hpp"

namespace adlake {

std::vector<std::vector<char>> exchange_bytes(const Comm& comm,
                                              const std::vector<std::vector<char>>& send,
                                              size_t round_bytes) {
  const int p = comm.size();
  if (static_cast<int>(send.size()) != p) {
    throw Error("exchange_bytes: need one send buffer per rank");
  }
  // Every rank sends at most `per_peer` bytes to each peer per round, so no
  // message and no rank's per-round total exceeds round_bytes (< 2 GiB int limit).
  const size_t per_peer = std::max<size_t>(1, round_bytes / static_cast<size_t>(p));
  std::vector<long long> send_sizes(p), recv_sizes(p);
  for (int d = 0; d < p; ++d) send_sizes[d] = static_cast<long long>(send[d].size());
  check_mpi(MPI_Alltoall(send_sizes.data(), 1, MPI_LONG_LONG, recv_sizes.data(), 1, MPI_LONG_LONG,
                         comm.get()),
            "MPI_Alltoall (exchange sizes)");
  count_alltoall(comm, sizeof(long long));
  long long longest = 0;
  for (int d = 0; d < p; ++d) longest = std::max({longest, send_sizes[d], recv_sizes[d]});
  const long long rounds_mine =
      longest == 0 ? 0 : (longest + static_cast<long long>(per_peer) - 1) / per_peer;
  const long long rounds = allreduce_max(comm, rounds_mine);

  std::vector<std::vector<char>> recv(p);
  for (int s = 0; s < p; ++s) recv[s].resize(static_cast<size_t>(recv_sizes[s]));
  std::vector<int> scount(p), sdispl(p), rcount(p), rdispl(p);
  std::vector<char> sbuf, rbuf;
  for (long long r = 0; r < rounds; ++r) {
    const size_t offset = static_cast<size_t>(r) * per_peer;
    size_t stotal = 0, rtotal = 0;
    for (int d = 0; d < p; ++d) {
      const size_t s_left = send[d].size() > offset ? send[d].size() - offset : 0;
      const size_t r_left = recv[d].size() > offset ? recv[d].size() - offset : 0;
      scount[d] = static_cast<int>(std::min(s_left, per_peer));
      rcount[d] = static_cast<int>(std::min(r_left, per_peer));
      sdispl[d] = static_cast<int>(stotal);
      rdispl[d] = static_cast<int>(rtotal);
      stotal += scount[d];
      rtotal += rcount[d];
    }
    sbuf.resize(std::max<size_t>(stotal, 1));
    rbuf.resize(std::max<size_t>(rtotal, 1));
    for (int d = 0; d < p; ++d) {
      if (scount[d] > 0) std::memcpy(sbuf.data() + sdispl[d], send[d].data() + offset, scount[d]);
    }
    check_mpi(MPI_Alltoallv(sbuf.data(), scount.data(), sdispl.data(), MPI_BYTE, rbuf.data(),
                            rcount.data(), rdispl.data(), MPI_BYTE, comm.get()),
              "MPI_Alltoallv");
    count_alltoallv(comm, scount, rcount, 1);
    for (int s = 0; s < p; ++s) {
      if (rcount[s] > 0) std::memcpy(recv[s].data() + offset, rbuf.data() + rdispl[s], rcount[s]);
    }
  }
  return recv;
}

}  // namespace adlake
