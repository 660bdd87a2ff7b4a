#include "adlake/mpi/collectives.hpp"

namespace adlake {

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
