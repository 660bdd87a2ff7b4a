#include "adlake/silver/id_key.hpp"

namespace adlake::silver {

std::uint64_t low64(const clean::IdMd5& id) {
  return id.low64();
}

}  // namespace adlake::silver
