#include "adlake/mpi/collectives.hpp"

namespace adlake {

std::vector<int> gather_counts(const Comm& comm, std::size_t mine, const char* what,
                               std::vector<int>& displs) {
  const auto sizes = allgather<unsigned long long>(comm, mine);
  constexpr unsigned long long kMost = std::numeric_limits<int>::max();
  std::vector<int> counts(sizes.size());
  displs.assign(sizes.size() + 1, 0);
  unsigned long long total = 0;
  for (std::size_t r = 0; r < sizes.size(); ++r) {
    total += sizes[r];
    if (sizes[r] > kMost || total > kMost) {
      throw Error(std::string(what) + ": " + std::to_string(sizes[r]) + " values from rank " +
                  std::to_string(r) + ", " + std::to_string(total) +
                  " so far: more than an MPI count holds");
    }
    counts[r] = static_cast<int>(sizes[r]);
    displs[r + 1] = static_cast<int>(total);
  }
  return counts;
}

void broadcast(const Comm& comm, std::string& text, int root) {
  std::vector<char> bytes(text.begin(), text.end());
  broadcast(comm, bytes, root);
  text.assign(bytes.begin(), bytes.end());
}

std::vector<std::string> allgather_strings(const Comm& comm, const std::string& mine) {
  auto lengths = allgather<long long>(comm, static_cast<long long>(mine.size()));
  auto joined = allgatherv(comm, std::vector<char>(mine.begin(), mine.end()));
  std::vector<std::string> out;
  size_t pos = 0;
  for (long long len : lengths) {
    out.emplace_back(joined.data() + pos, static_cast<size_t>(len));
    pos += static_cast<size_t>(len);
  }
  return out;
}

}  // namespace adlake
