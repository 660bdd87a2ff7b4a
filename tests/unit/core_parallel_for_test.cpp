#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <vector>

#include "adlake/core/parallel_for.hpp"

using adlake::parallel_for_each_index;

TEST_CASE("parallel_for_each_index calls the body once for every index") {
  std::vector<int> calls(1000, 0);
  parallel_for_each_index(1000, [&](std::int64_t i) { ++calls[i]; });
  for (int c : calls) CHECK(c == 1);
  parallel_for_each_index(0, [&](std::int64_t) { FAIL("no index in an empty range"); });
}

TEST_CASE("an exception in a body reaches the caller after the loop") {
  std::atomic<int> done{0};
  CHECK_THROWS_WITH_AS(parallel_for_each_index(64,
                                               [&](std::int64_t i) {
                                                 if (i == 17) throw std::runtime_error("row 17");
                                                 ++done;
                                               }),
                       "row 17", std::runtime_error);
  CHECK(done == 63);  // the other bodies still ran
}
