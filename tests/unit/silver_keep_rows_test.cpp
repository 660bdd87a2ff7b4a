// silver::keep_rows: the selected rows in the given order, moved within their
// vector (silver compacts its deduplicated rows this way).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <stdexcept>
#include <vector>

#include "adlake/silver/keep_rows.hpp"

using adlake::silver::keep_rows;

namespace {

struct Row {
  std::int64_t value = 0;
  char payload[40] = {};
};

std::vector<Row> rows_0_to(int n) {
  std::vector<Row> rows(static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) rows[static_cast<std::size_t>(i)].value = i * 10;
  return rows;
}

std::vector<std::int64_t> values(const std::vector<Row>& rows) {
  std::vector<std::int64_t> out;
  for (const auto& r : rows) out.push_back(r.value);
  return out;
}

}  // namespace

TEST_CASE("keep_rows: a subset in a new order, the rest dropped") {
  auto rows = rows_0_to(6);
  const std::vector<std::uint32_t> order{4, 0, 5, 2};
  keep_rows(rows, order);
  CHECK(values(rows) == std::vector<std::int64_t>{40, 0, 50, 20});
}

TEST_CASE("keep_rows: identity, everything, nothing, empty") {
  auto rows = rows_0_to(4);
  keep_rows(rows, std::vector<std::uint32_t>{0, 1, 2, 3});
  CHECK(values(rows) == std::vector<std::int64_t>{0, 10, 20, 30});
  keep_rows(rows, std::vector<std::uint32_t>{3, 2, 1, 0});
  CHECK(values(rows) == std::vector<std::int64_t>{30, 20, 10, 0});
  keep_rows(rows, std::vector<std::uint32_t>{});
  CHECK(rows.empty());
  keep_rows(rows, std::vector<std::uint32_t>{});
  CHECK(rows.empty());
}

TEST_CASE("keep_rows: equals a gather on random selections") {
  std::mt19937 rng(7);
  for (int trial = 0; trial < 50; ++trial) {
    const int n = static_cast<int>(rng() % 300);
    auto rows = rows_0_to(n);
    std::vector<std::uint32_t> order(static_cast<std::size_t>(n));
    std::iota(order.begin(), order.end(), 0u);
    std::shuffle(order.begin(), order.end(), rng);
    order.resize(n == 0 ? 0 : rng() % static_cast<unsigned>(n + 1));
    std::vector<std::int64_t> expected;
    for (const auto i : order) expected.push_back(rows[i].value);
    keep_rows(rows, order);
    CHECK(values(rows) == expected);
  }
}

TEST_CASE("keep_rows: an index twice or out of range is a bug, reported") {
  auto rows = rows_0_to(3);
  CHECK_THROWS_AS(keep_rows(rows, std::vector<std::uint32_t>{1, 1}), std::logic_error);
  CHECK_THROWS_AS(keep_rows(rows, std::vector<std::uint32_t>{3}), std::logic_error);
}
