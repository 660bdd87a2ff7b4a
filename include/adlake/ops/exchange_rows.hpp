#pragma once
// Typed all-to-all that keeps the per-source split (mpi/exchange.hpp's
// exchange<T> concatenates): a reply must go back in the order it came.
#include <cstring>
#include <type_traits>
#include <vector>

#include "adlake/mpi/exchange.hpp"

namespace adlake::ops {

template <class T>
std::vector<std::vector<T>> exchange_by_source(const Comm& comm,
                                               const std::vector<std::vector<T>>& send_by_dest) {
  static_assert(std::is_trivially_copyable_v<T>);
  std::vector<std::vector<char>> bytes(send_by_dest.size());
  for (std::size_t d = 0; d < send_by_dest.size(); ++d) {
    bytes[d].resize(send_by_dest[d].size() * sizeof(T));
    if (!bytes[d].empty()) std::memcpy(bytes[d].data(), send_by_dest[d].data(), bytes[d].size());
  }
  auto received = exchange_bytes(comm, bytes);
  bytes.clear();
  std::vector<std::vector<T>> out(received.size());
  for (std::size_t s = 0; s < received.size(); ++s) {
    out[s].resize(received[s].size() / sizeof(T));
    if (!out[s].empty()) std::memcpy(out[s].data(), received[s].data(), received[s].size());
    received[s] = {};
  }
  return out;
}

}  // namespace adlake::ops
