#include <doctest/doctest.h>

#include <algorithm>
#include <random>

#include "adlake/h5/string_width.hpp"

using adlake::StringColumn;
using adlake::h5::CompactWidth;
using adlake::h5::local_length_histogram;
using adlake::h5::optimal_width;

namespace {

// The definition (CONTRACT 5), by trying every width.
CompactWidth brute_force(const std::vector<std::uint64_t>& lengths) {
  const std::uint64_t longest =
      lengths.empty() ? 0 : *std::max_element(lengths.begin(), lengths.end());
  CompactWidth best{1, ~std::uint64_t{0}};
  for (std::uint64_t w = 1; w <= std::max<std::uint64_t>(longest, 1); ++w) {
    std::uint64_t cost = lengths.size() * w;
    for (auto len : lengths) cost += len > w ? len + 16 : 0;
    if (cost < best.cost) best = {w, cost};
  }
  return best;
}

// optimal_width over `lengths` (as if on one rank), counting the histogram
// sizes it asked for.
CompactWidth by_histogram(const std::vector<std::uint64_t>& lengths, std::size_t* largest = nullptr,
                          int* rounds = nullptr) {
  const std::uint64_t longest =
      lengths.empty() ? 0 : *std::max_element(lengths.begin(), lengths.end());
  return optimal_width(lengths.size(), longest, [&](const std::vector<std::uint64_t>& lower) {
    if (largest) *largest = std::max(*largest, lower.size());
    if (rounds) ++*rounds;
    std::vector<std::uint64_t> counts(2 * lower.size(), 0);
    for (auto len : lengths) {
      if (len == 0) continue;
      const auto b = std::upper_bound(lower.begin(), lower.end(), len) - lower.begin() - 1;
      ++counts[2 * b];
      counts[2 * b + 1] += len;
    }
    return counts;
  });
}

}  // namespace

TEST_CASE("compact width: the least minimiser of n*w + sum over longer values of (len + 16)") {
  CHECK(by_histogram({}).width == 1);
  CHECK(by_histogram({0, 0, 0}).width == 1);
  CHECK(by_histogram({1, 0, 1}).width == 1);
  // Equal lengths: every value in the column.
  CHECK(by_histogram({8, 8, 8, 8}).width == 8);
  CHECK(by_histogram({8, 8, 8, 8}).cost == 32);
  // One 10 MB value among 10,000 short ones goes to the overflow.
  std::vector<std::uint64_t> rejects(10000, 100);
  rejects.push_back(10'000'000);
  CHECK(by_histogram(rejects).width == 100);
  CHECK(by_histogram(rejects).cost == 10001 * 100 + 10'000'016);
  // Two values, both 10 MB: storing them in the column is cheaper.
  CHECK(by_histogram({10'000'000, 10'000'000}).width == 10'000'000);
  // A tie: 2*1 + (18 + 16) = 2*18: the least width.
  CHECK(brute_force({1, 18}).width == 1);
  CHECK(by_histogram({1, 18}).width == 1);
}

TEST_CASE("compact width: equal to trying every width, with lengths far beyond the exact range") {
  std::mt19937_64 rng(13);
  for (int trial = 0; trial < 60; ++trial) {
    std::vector<std::uint64_t> lengths;
    const int n = 1 + static_cast<int>(rng() % 300);
    const std::uint64_t typical = 1 + rng() % 9000;
    for (int i = 0; i < n; ++i) {
      switch (rng() % 4) {
        case 0:
          lengths.push_back(rng() % (typical + 1));
          break;
        case 1:
          lengths.push_back(typical + rng() % 40);
          break;  // just over
        case 2:
          lengths.push_back(typical * (2 + rng() % 50));
          break;  // far over
        default:
          lengths.push_back(typical);
          break;
      }
    }
    std::size_t largest = 0;
    int rounds = 0;
    const auto got = by_histogram(lengths, &largest, &rounds);
    const auto want = brute_force(lengths);
    INFO("trial " << trial << ", typical " << typical);
    CHECK(got.width == want.width);
    CHECK(got.cost == want.cost);
    CHECK(largest <= 4096 + 4096 + 300);  // bounded, whatever the lengths
  }
}

TEST_CASE("compact width: a 10 GB value takes a few small rounds") {
  std::vector<std::uint64_t> lengths(10000, 5000);
  for (std::uint64_t i = 1; i <= 5; ++i) lengths.push_back(5000 + i);
  const std::uint64_t huge = std::uint64_t{10} << 30;
  lengths.push_back(huge);
  std::size_t largest = 0;
  int rounds = 0;
  const auto got = by_histogram(lengths, &largest, &rounds);
  // f rises by n from one length to the next (no value ends in between), so
  // its least minimiser is 1 or a length: here 5000 beats 1 (every value in
  // the overflow) and 5005 (the column 5 bytes wider for 5 values).
  CHECK(got.width == 5000);
  CHECK(got.cost == 10006 * 5000 + (5001 + 5002 + 5003 + 5004 + 5005 + 5 * 16) + huge + 16);
  CHECK(rounds <= 4);
  CHECK(largest < 10000);
  // 1% of the values a little longer: storing every value in the overflow
  // (w = 1) costs 16 bytes a value, less than 5000 bytes for each long one.
  std::vector<std::uint64_t> mixed(1000, 5000);
  for (std::uint64_t i = 0; i < 30; ++i) mixed.push_back(5000 + 7 * i + 1);
  CHECK(by_histogram(mixed).width == brute_force(mixed).width);
}

TEST_CASE("local length histogram: one bucket per length, then ranges") {
  StringColumn values;
  for (const char* v : {"", "a", "bb", "bb", "cccc", "ddddddddd"}) values.push_back(v);
  // Buckets [1], [2], [3, 4], [5, longest].
  const auto counts = local_length_histogram(values, {1, 2, 3, 5});
  CHECK(counts == std::vector<std::uint64_t>{1, 1, 2, 4, 1, 4, 1, 9});
}

TEST_CASE("length counts: every histogram and the long values of the values themselves") {
  std::mt19937_64 rng(7);
  StringColumn values;
  adlake::h5::LengthCounts counts(4096);
  for (int i = 0; i < 3000; ++i) {
    // Mostly short, some up to the bound, some empty.
    const std::size_t length = i % 97 == 0 ? 4096 - rng() % 50 : rng() % 40;
    values.push_back(std::string(length, 'v'));
    counts.add(length);
  }
  CHECK(counts.size() == values.size());
  CHECK(counts.longest() == values.max_length());
  const std::vector<std::vector<std::uint64_t>> bucket_sets = {
      {1, 2, 3, 4, 5, 10, 39, 40, 4000},
      {1, 7, 100},
      {1},
      {1, 4090, 4096}};  // as optimal_width asks
  for (const auto& lower : bucket_sets) {
    CHECK(counts.histogram(lower) == local_length_histogram(values, lower));
  }
  for (const std::uint64_t width : {1, 20, 39, 4050, 4096}) {
    std::int64_t n = 0;
    std::int64_t bytes = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
      if (values.at(i).size() <= width) continue;
      ++n;
      bytes += static_cast<std::int64_t>(values.at(i).size());
    }
    const auto longer = counts.longer_than(width);
    CHECK(longer.values == n);
    CHECK(longer.bytes == bytes);
  }
}
