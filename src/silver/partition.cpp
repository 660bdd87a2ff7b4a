#include "adlake/silver/partition.hpp"

#include <algorithm>

namespace adlake::silver {

int id_owner(const clean::IdMd5& id, int ranks) {
  // floor(high64 * ranks / 2^64), exact in 128 bits.
  const unsigned __int128 scaled =
      static_cast<unsigned __int128>(id.high64()) * static_cast<unsigned __int128>(ranks);
  return static_cast<int>(scaled >> 64);
}

KeyRanges::KeyRanges(std::vector<clean::Id> splitters) : splitters_(std::move(splitters)) {}

int KeyRanges::owner(const clean::Id& key) const {
  return static_cast<int>(std::upper_bound(splitters_.begin(), splitters_.end(), key) -
                          splitters_.begin());
}

KeyRanges KeyRanges::from_sample(std::vector<clean::Id> sample, int ranks) {
  std::sort(sample.begin(), sample.end());
  std::vector<clean::Id> splitters;
  if (sample.empty()) {
    // No keys anywhere: any ranges will do.
    splitters.assign(static_cast<std::size_t>(std::max(ranks - 1, 0)), clean::Id{});
    return KeyRanges(std::move(splitters));
  }
  for (int r = 1; r < ranks; ++r) {
    splitters.push_back(
        sample[sample.size() * static_cast<std::size_t>(r) / static_cast<std::size_t>(ranks)]);
  }
  return KeyRanges(std::move(splitters));
}

std::vector<clean::Id> spread_sample(std::span<const clean::Id> keys, std::size_t count) {
  std::vector<clean::Id> out;
  const std::size_t n = std::min(count, keys.size());
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(keys[i * keys.size() / n]);
  return out;
}

}  // namespace adlake::silver
