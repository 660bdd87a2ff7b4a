// Range partitions: rank order is key order, for ids and for string keys.
#include <doctest/doctest.h>

#include <cstdio>

#include "adlake/clean/id_md5.hpp"
#include "adlake/silver/partition.hpp"

using namespace adlake;

namespace {
clean::IdMd5 id_of(const char* hex) {
  return *clean::id_md5(hex);
}
clean::Id key(std::string_view s) {
  return clean::Id::from(s);
}
}  // namespace

TEST_CASE("id_owner: equal ranges of the first 64 bits, monotonic in the id") {
  const auto lowest = id_of("00000000000000000000000000000000");
  const auto highest = id_of("ffffffffffffffffffffffffffffffff");
  const auto half = id_of("80000000000000000000000000000000");
  const auto below_half = id_of("7fffffffffffffffffffffffffffffff");
  CHECK(silver::id_owner(lowest, 1) == 0);
  CHECK(silver::id_owner(highest, 1) == 0);
  CHECK(silver::id_owner(below_half, 2) == 0);
  CHECK(silver::id_owner(half, 2) == 1);
  CHECK(silver::id_owner(highest, 3) == 2);
  CHECK(silver::id_owner(id_of("55555555555555550000000000000000"), 3) == 0);
  CHECK(silver::id_owner(id_of("55555555555555560000000000000000"), 3) == 1);
  CHECK(silver::id_owner(id_of("aaaaaaaaaaaaaaab0000000000000000"), 3) == 2);
  for (int ranks = 1; ranks <= 7; ++ranks) {
    int previous = 0;
    for (unsigned v = 0; v < 256; v += 5) {
      char hex[33];
      std::snprintf(hex, sizeof hex, "%02x%030x", v, 0);
      const int owner = silver::id_owner(id_of(hex), ranks);
      CHECK(owner >= previous);
      CHECK(owner < ranks);
      previous = owner;
    }
  }
}

TEST_CASE("KeyRanges: splitters from a sample, owners by byte-wise key order") {
  const auto ranges = silver::KeyRanges::from_sample(
      {key("d"), key("a"), key("c"), key("b"), key("e"), key("f")}, 3);
  REQUIRE(ranges.splitters().size() == 2);
  CHECK(ranges.splitters()[0] == key("c"));
  CHECK(ranges.splitters()[1] == key("e"));
  CHECK(ranges.owner(key("B")) == 0);  // upper case sorts first
  CHECK(ranges.owner(key("bz")) == 0);
  CHECK(ranges.owner(key("c")) == 1);
  CHECK(ranges.owner(key("dzzz")) == 1);
  CHECK(ranges.owner(key("e")) == 2);
  CHECK(ranges.owner(key("zz")) == 2);
  // no sample (no keys anywhere): still one owner per key, within range
  const auto empty = silver::KeyRanges::from_sample({}, 4);
  CHECK(empty.ranks() == 4);
  CHECK(empty.owner(key("x")) < 4);
  // one rank owns everything
  CHECK(silver::KeyRanges::from_sample({key("a")}, 1).owner(key("zzz")) == 0);
}

TEST_CASE("spread_sample takes keys evenly spread") {
  const auto spread =
      silver::spread_sample(std::vector<clean::Id>{key("a"), key("b"), key("c"), key("d")}, 2);
  CHECK(spread == std::vector<clean::Id>{key("a"), key("c")});
}
