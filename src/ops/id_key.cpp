#include "adlake/ops/id_key.hpp"

namespace adlake::ops {

std::uint64_t low64(const clean::IdMd5& id) {
  return id.low64();
}

}  // namespace adlake::ops
