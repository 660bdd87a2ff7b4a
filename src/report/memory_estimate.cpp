#include "adlake/report/memory_estimate.hpp"

#include <string>

#include "adlake/h5/table_io.hpp"
#include "adlake/h5/table_memory.hpp"

namespace adlake::report {
namespace {

// A JSON text parsed by nlohmann::json holds up to about 8 bytes per byte of
// text (a one-digit number and its comma become a 16-byte value), beside the
// text itself.
constexpr std::uint64_t kJsonBytesPerTextByte = 9;
// The page holds each value it draws about twice (in the SVG and in the
// table beside it) as text a little longer than the value's bytes: the page
// of data/raw's lake is 126.8 kB for 34.6 kB of metrics.json and 8.7 kB of
// aggregates (2.9 bytes per byte read).
constexpr std::uint64_t kPageBytesPerInputByte = 3;

}  // namespace

std::uint64_t memory_estimate(Lake& lake) {
  std::uint64_t tables = 0;
  if (const h5::File* gold = lake.layer("gold.h5")) {
    for (const std::string& path : h5::list_tables(*gold)) {
      if (path == "/features") continue;  // one row per impression: never drawn
      tables += h5::read_memory_bytes(*gold, path, h5::table_rows(*gold, path));
    }
  }
  const std::uint64_t metrics = lake.metrics_bytes();
  return tables + kJsonBytesPerTextByte * metrics + kPageBytesPerInputByte * (tables + metrics);
}

}  // namespace adlake::report
