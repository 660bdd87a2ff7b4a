// The memory sizes of --max-memory-per-rank and their display.
#include "adlake/mpi/memory_budget.hpp"

#include <doctest/doctest.h>

#include "adlake/core/error.hpp"

using adlake::format_bytes;
using adlake::parse_memory_size;

TEST_CASE("memory sizes: units are powers of 1024, any case, with or without iB/B") {
  CHECK(parse_memory_size("1000000") == 1000000);
  CHECK(parse_memory_size("800k") == 800 * 1024);
  CHECK(parse_memory_size("512M") == 512ULL << 20);
  CHECK(parse_memory_size("512MB") == 512ULL << 20);
  CHECK(parse_memory_size("4G") == 4ULL << 30);
  CHECK(parse_memory_size("4gib") == 4ULL << 30);
  CHECK(parse_memory_size("1.5GiB") == 3ULL << 29);
  CHECK(parse_memory_size("2T") == 2ULL << 40);
  CHECK(parse_memory_size("0") == 0);
  CHECK(parse_memory_size("none") == 0);
}

TEST_CASE("memory sizes: anything else is a usage error") {
  for (const char* bad :
       {"", "G", "12X", "4 G", "-1G", "4GG", "1e400", "nan", "inf", "4Gb5", "99999999999T"}) {
    CAPTURE(bad);
    CHECK_THROWS_AS(parse_memory_size(bad), adlake::UsageError);
  }
}

TEST_CASE("byte counts print in binary units") {
  CHECK(format_bytes(512) == "512 B");
  CHECK(format_bytes(1536) == "1.5 KiB");
  CHECK(format_bytes(50ULL << 20) == "50.0 MiB");
  CHECK(format_bytes(97ULL << 30) == "97.0 GiB");
}
