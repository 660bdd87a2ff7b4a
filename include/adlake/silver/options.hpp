#pragma once
// What tunes silver (CONTRACT 2, 2.4, 5): none of it changes silver.h5's
// datasets, only the path taken and the memory held.
#include <cstdint>
#include <string>

#include "adlake/silver/dimension.hpp"

namespace adlake {

struct SilverOptions {
  std::string lake;  // reads LAKE/bronze.h5, publishes LAKE/silver.h5
  // A deduplicated dimension smaller than this is broadcast to every rank;
  // a larger one is joined by shuffling the facts' keys to its ranks.
  std::int64_t broadcast_threshold_bytes = std::int64_t{64} << 20;
  silver::JoinStrategy dimension_join = silver::JoinStrategy::kAuto;  // force one path
  // Bronze rows read, validated and exchanged at a time, and fact rows
  // assembled and written at a time: bounds the memory beyond the kept rows
  // (not an option of the command line; tests make it small). Small enough
  // that a chunk's buffers stay below glibc's largest mmap threshold (32 MiB)
  // and are reused from chunk to chunk instead of being mapped and
  // page-faulted anew.
  std::int64_t chunk_rows = std::int64_t{1} << 17;
};

}  // namespace adlake
