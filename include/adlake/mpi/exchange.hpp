#pragma once
// All-to-all exchange of variable-sized data (the "exchange" step of
// partition -> exchange -> local kernel). MPI_Alltoallv takes int counts, so
// large exchanges run in rounds that keep every message and every rank's
// total per round below a byte budget (default 512 MiB).
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <type_traits>
#include <vector>

#include "adlake/mpi/comm.hpp"

namespace adlake {

inline constexpr size_t kDefaultExchangeRoundBytes = size_t{512} << 20;

// send[d] holds the bytes for rank d. Returns, for each source rank s, the
// bytes s sent to this rank. Collective.
std::vector<std::vector<char>> exchange_bytes(const Comm& comm,
                                              const std::vector<std::vector<char>>& send,
                                              size_t round_bytes = kDefaultExchangeRoundBytes);

// Typed form for trivially copyable T: returns everything sent to this rank,
// concatenated in source-rank order (and, within a source, in its send order).
template <class T>
std::vector<T> exchange(const Comm& comm, const std::vector<std::vector<T>>& send_by_dest,
                        size_t round_bytes = kDefaultExchangeRoundBytes) {
  static_assert(std::is_trivially_copyable_v<T>);
  std::vector<std::vector<char>> bytes(send_by_dest.size());
  for (size_t d = 0; d < send_by_dest.size(); ++d) {
    bytes[d].resize(send_by_dest[d].size() * sizeof(T));
    if (!bytes[d].empty()) std::memcpy(bytes[d].data(), send_by_dest[d].data(), bytes[d].size());
  }
  auto received = exchange_bytes(comm, bytes, round_bytes);
  size_t total = 0;
  for (auto& r : received) total += r.size() / sizeof(T);
  std::vector<T> out(total);
  size_t pos = 0;
  for (auto& r : received) {
    if (!r.empty()) std::memcpy(reinterpret_cast<char*>(out.data()) + pos, r.data(), r.size());
    pos += r.size();
  }
  return out;
}

}  // namespace adlake
