#pragma once
// A compact sort key for id-keyed rows: the id as two integers, a timestamp
// and the row's index, 32 bytes. Sorting these instead of the rows (up to
// ~180 bytes each) keeps silver's sorts in cache.
#include <cstdint>

#include "adlake/clean/id_md5.hpp"

namespace adlake::silver {

// The last 8 bytes of an id as a big-endian integer (high64() is the first 8):
// (high64, low64) orders like the id.
std::uint64_t low64(const clean::IdMd5& id);

struct IdTsKey {
  std::uint64_t hi = 0;
  std::uint64_t lo = 0;
  std::int64_t ts = 0;
  std::uint32_t index = 0;

  static IdTsKey of(const clean::IdMd5& id, std::int64_t ts, std::uint32_t index) {
    return {id.high64(), low64(id), ts, index};
  }
};

}  // namespace adlake::silver
