#include "adlake/mpi/traffic.hpp"

#include "adlake/mpi/comm.hpp"

namespace adlake {

void count_alltoallv(const Comm& comm, std::span<const std::int64_t> send,
                     std::span<const std::int64_t> recv) {
  std::uint64_t sent = 0, received = 0;
  for (int r = 0; r < comm.size(); ++r) {
    if (r == comm.rank()) continue;
    sent += static_cast<std::uint64_t>(send[static_cast<std::size_t>(r)]);
    received += static_cast<std::uint64_t>(recv[static_cast<std::size_t>(r)]);
  }
  comm.count(sent, received);
}

void count_alltoallv(const Comm& comm, std::span<const int> send, std::span<const int> recv,
                     std::uint64_t unit_bytes) {
  std::uint64_t sent = 0, received = 0;
  for (int r = 0; r < comm.size(); ++r) {
    if (r == comm.rank()) continue;
    sent += static_cast<std::uint64_t>(send[static_cast<std::size_t>(r)]) * unit_bytes;
    received += static_cast<std::uint64_t>(recv[static_cast<std::size_t>(r)]) * unit_bytes;
  }
  comm.count(sent, received);
}

void count_alltoall(const Comm& comm, std::uint64_t bytes) {
  const auto others = static_cast<std::uint64_t>(comm.size() - 1);
  comm.count(bytes * others, bytes * others);
}

void count_allgather(const Comm& comm, std::uint64_t mine, std::uint64_t all) {
  const auto others = static_cast<std::uint64_t>(comm.size() - 1);
  comm.count(mine * others, all - mine);
}

void count_gather(const Comm& comm, std::uint64_t mine, std::uint64_t all, int root) {
  if (comm.rank() == root) {
    comm.count(0, all - mine);
  } else {
    comm.count(mine, 0);
  }
}

void count_broadcast(const Comm& comm, std::uint64_t bytes, int root) {
  if (comm.rank() == root) {
    comm.count(bytes * static_cast<std::uint64_t>(comm.size() - 1), 0);
  } else {
    comm.count(0, bytes);
  }
}

void count_allreduce(const Comm& comm, std::uint64_t bytes) {
  const auto p = static_cast<std::uint64_t>(comm.size());
  const std::uint64_t each = 2 * bytes * (p - 1) / p;
  comm.count(each, each);
}

void count_exscan(const Comm& comm, std::uint64_t bytes) {
  comm.count(comm.rank() + 1 < comm.size() ? bytes : 0, comm.rank() > 0 ? bytes : 0);
}

}  // namespace adlake
