// The join's hash index: finds every stored key, misses absent ones, keeps
// the first row of a repeated key, and survives growth and colliding slots.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "adlake/silver/key_index.hpp"

using namespace adlake;

TEST_CASE("KeyIndex: insert, find, repeats, growth") {
  std::vector<clean::Id> keys;
  for (int i = 0; i < 5000; ++i) {
    std::string key = "user-";
    key.append(std::to_string(i % 3000));  // rows 3000.. repeat earlier keys
    keys.push_back(clean::Id::from(key));
  }
  auto key_of = [&](std::uint32_t r) -> const clean::Id& { return keys[r]; };
  silver::KeyIndex index;  // starts small: grows many times
  for (std::uint32_t r = 0; r < keys.size(); ++r) {
    const std::uint32_t stored = index.insert(r, key_of);
    CHECK(stored == (r < 3000 ? r : r - 3000));
  }
  CHECK(index.size() == 3000);
  for (std::uint32_t r = 0; r < 3000; ++r) CHECK(index.find(keys[r], key_of) == r);
  CHECK(index.find(clean::Id::from("user-3000"), key_of) == silver::KeyIndex::kNone);
  CHECK(index.find(clean::Id::from(""), key_of) == silver::KeyIndex::kNone);
  CHECK(index.find(clean::Id::from("User-1"), key_of) ==
        silver::KeyIndex::kNone);  // case-sensitive
}

TEST_CASE("KeyIndex: an empty index finds nothing") {
  const silver::KeyIndex index(0);
  auto none = [](std::uint32_t) -> const clean::Id& {
    static const clean::Id k;
    return k;
  };
  CHECK(index.find(clean::Id::from("x"), none) == silver::KeyIndex::kNone);
}
