#include "adlake/ops/id_key.hpp"

namespace adlake::ops {

std::uint64_t low64(const clean::IdMd5& id) {
  std::uint64_t v = 0;
  for (int i = 8; i < 16; ++i) v = (v << 8) | id.bytes[static_cast<std::size_t>(i)];
  return v;
}

}  // namespace adlake::ops
