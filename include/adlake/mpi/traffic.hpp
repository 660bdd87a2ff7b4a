#pragma once
// Bytes each rank moves through MPI, counted by adlake's own wrappers (the
// typed collectives and the row exchange of mpi/exchange.hpp) on the Comm they
// run on, so a stage's traffic is the difference of two readings
// (mpi/summary.cpp) and a scaling model can start from measured bytes.
//
// A collective is counted as if its data went in direct messages: a rank's
// bytes for itself never count; an allgather sends this rank's part to every
// other rank; a broadcast sends from the root to every other rank; an
// allreduce of n bytes sends and receives 2n(p-1)/p on every rank, what the
// bandwidth-optimal reduce-scatter + allgather moves (Rabenseifner), as large
// allreduces are done. Over all ranks the bytes sent equal the bytes received.
// HDF5's own MPI traffic (collective I/O, metadata) is not counted here.
#include <cstdint>
#include <span>

namespace adlake {

class Comm;

struct Traffic {
  std::uint64_t sent = 0;      // bytes from this rank to other ranks
  std::uint64_t received = 0;  // bytes from other ranks to this one
  std::uint64_t calls = 0;     // collective calls this rank joined

  Traffic operator-(const Traffic& before) const {
    return {sent - before.sent, received - before.received, calls - before.calls};
  }
  bool operator==(const Traffic&) const = default;
};

// Each records one collective call on `comm` (sizes in bytes).
// send/recv: bytes to and from each rank, indexed by rank (own index ignored).
void count_alltoallv(const Comm& comm, std::span<const std::int64_t> send,
                     std::span<const std::int64_t> recv);
void count_alltoallv(const Comm& comm, std::span<const int> send, std::span<const int> recv,
                     std::uint64_t unit_bytes);
// An all-to-all of `bytes` to and from every rank (MPI_Alltoall).
void count_alltoall(const Comm& comm, std::uint64_t bytes);
// `mine`: this rank's part; `all`: every rank's parts together.
void count_allgather(const Comm& comm, std::uint64_t mine, std::uint64_t all);
void count_gather(const Comm& comm, std::uint64_t mine, std::uint64_t all, int root);
void count_broadcast(const Comm& comm, std::uint64_t bytes, int root);
void count_allreduce(const Comm& comm, std::uint64_t bytes);
// An exclusive scan: every rank but the last sends, every rank but the first receives.
void count_exscan(const Comm& comm, std::uint64_t bytes);

}  // namespace adlake
