// CONTRACT 2.1 `id_md5`.
#include <doctest/doctest.h>

#include <string>

#include "adlake/clean/id_md5.hpp"

using namespace adlake::clean;

namespace {
std::string hex_of(const IdMd5& id) {
  const auto text = id.hex();
  return std::string(text.data(), text.size());
}
}  // namespace

TEST_CASE("id_md5: 32 hex digits, lowercased") {
  const auto id = id_md5("0123456789abcdef0123456789ABCDEF");
  REQUIRE(id.has_value());
  CHECK(hex_of(*id) == "0123456789abcdef0123456789abcdef");
  CHECK(id->bytes[0] == 0x01);
  CHECK(id->bytes[7] == 0xef);
  CHECK(id->high64() == 0x0123456789abcdefULL);
  CHECK(id_md5(" \td41d8cd98f00b204e9800998ecf8427e\t ") ==
        id_md5("D41D8CD98F00B204E9800998ECF8427E"));
}

TEST_CASE("id_md5: anything but exactly 32 hex digits is invalid") {
  for (const char* bad : {"", "d41d8cd98f00b204e9800998ecf8427",   // 31
                          "d41d8cd98f00b204e9800998ecf8427ea",     // 33
                          "d41d8cd98f00b204e9800998ecf8427g",      // not hex
                          "d41d8cd98f00b204e9800998ecf8 27e",      // inner space
                          "0xd41d8cd98f00b204e9800998ecf842",      // 0x prefix
                          "d41d8cd9-8f00-b204-e980-0998ecf8427e",  // uuid form
                          "d41d8cd98f00b204e9800998ecf8427\xC3\xA9"}) {
    CAPTURE(bad);
    CHECK_FALSE(id_md5(bad).has_value());
  }
}

TEST_CASE("id_md5: byte order equals the order of the hex text") {
  const auto a = *id_md5("0fffffffffffffffffffffffffffffff");
  const auto b = *id_md5("10000000000000000000000000000000");
  const auto c = *id_md5("a0000000000000000000000000000000");
  const auto d = *id_md5("f0000000000000000000000000000000");
  CHECK(a < b);
  CHECK(b < c);  // '1' < 'a' in text, 0x10 < 0xa0 in bytes
  CHECK(c < d);
  CHECK(a.high64() < b.high64());
  CHECK(*id_md5("ABCDEF00000000000000000000000000") == *id_md5("abcdef00000000000000000000000000"));
}
