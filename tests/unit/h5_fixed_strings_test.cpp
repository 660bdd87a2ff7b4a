// Packing strings into fixed-length NULL-padded slabs (h5/fixed_strings.hpp).
#include <doctest/doctest.h>

#include <string>

#include "adlake/h5/fixed_strings.hpp"

using namespace adlake;

TEST_CASE("pack_fixed_strings pads each value with NULs to the width") {
  StringColumn values;
  using namespace std::string_view_literals;
  for (std::string_view v : {"abc"sv, ""sv, "wxyz"sv, "n\0l"sv, "q"sv}) {
    values.push_back(v);
  }
  // Garbage in the buffer must not survive: only padding is cleared.
  std::string out(3 * 4, '#');
  h5::pack_fixed_strings(values, 1, 3, 4, out.data());
  CHECK(out == std::string("\0\0\0\0wxyzn\0l\0", 12));
  std::string all(5 * 4, '#');
  h5::pack_fixed_strings(values, 0, 5, 4, all.data());
  CHECK(all.substr(0, 4) == std::string("abc\0", 4));
  CHECK(all.substr(16) == std::string("q\0\0\0", 4));
}

TEST_CASE("slab_rows bounds the slab and keeps at least one row") {
  CHECK(h5::slab_rows(1) == h5::kStringSlabBytes);
  CHECK(h5::slab_rows(0) == h5::kStringSlabBytes);
  CHECK(h5::slab_rows(100) * 100 <= h5::kStringSlabBytes);
  CHECK((h5::slab_rows(100) + 1) * 100 > h5::kStringSlabBytes);
  CHECK(h5::slab_rows(h5::kStringSlabBytes + 1) == 1);
}
