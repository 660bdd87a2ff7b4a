// CONTRACT 2.1 `user_id`/`app_id` of requests, dimension keys and impression
// `campaign_id`, `advertiser`/`app_name` (and 2.5: cut after trimming, keys
// case-sensitive).
#include <doctest/doctest.h>

#include <string>

#include "adlake/clean/string_value.hpp"

using namespace adlake::clean;

TEST_CASE("request_id: as given after trimming, at most 64 bytes, empty is unknown") {
  CHECK(request_id("u123") == "u123");
  CHECK(request_id(" \tU123 \t") == "U123");  // case kept
  CHECK(request_id("a b") == "a b");
  CHECK(request_id("") == "unknown");
  CHECK(request_id(" \t ") == "unknown");
  const std::string b64(64, 'x');
  const std::string b65(65, 'x');
  CHECK(request_id(b64) == b64);
  CHECK(request_id("  " + b64 + "  ") == b64);  // the limit is after trimming
  CHECK_FALSE(request_id(b65).has_value());
  // 64 bytes of UTF-8 (32 two-byte characters) is fine; 66 is not.
  std::string utf8;
  for (int i = 0; i < 32; ++i) utf8 += "\xC3\xA9";
  CHECK(request_id(utf8) == utf8);
  CHECK_FALSE(request_id(utf8 + "\xC3\xA9").has_value());
}

TEST_CASE("key: 1 to 64 bytes after trimming") {
  CHECK(key("c1") == "c1");
  CHECK(key(" C1 ") == "C1");
  CHECK(key(std::string(64, 'k')) == std::string(64, 'k'));
  CHECK_FALSE(key(std::string(65, 'k')).has_value());
  CHECK_FALSE(key("").has_value());
  CHECK_FALSE(key(" \t").has_value());
  CHECK(key("unknown") == "unknown");  // a key like any other
}

TEST_CASE("name: trimmed, empty is unknown, short values as given") {
  CHECK(name("Acme Corp") == "Acme Corp");
  CHECK(name("  Acme  Corp\t") == "Acme  Corp");
  CHECK(name("") == "unknown");
  CHECK(name("\t \t") == "unknown");
  const std::string b128(128, 'a');
  CHECK(name(b128) == b128);
  CHECK(name(b128 + "b") == b128);
  CHECK(name(" " + b128 + "b ") == b128);  // cut after trimming
}

TEST_CASE("name: the cut at 128 bytes never splits a UTF-8 character") {
  const std::string ascii127(127, 'a');
  const std::string ascii126(126, 'a');
  const std::string ascii125(125, 'a');
  const std::string e_acute = "\xC3\xA9";        // 2 bytes
  const std::string euro = "\xE2\x82\xAC";       // 3 bytes
  const std::string emoji = "\xF0\x9F\x98\x80";  // 4 bytes
  // A 2-byte character over bytes 127-128: dropped whole.
  CHECK(name(ascii127 + e_acute + "zz") == ascii127);
  // Ending exactly at byte 128: kept.
  CHECK(name(ascii126 + e_acute + "zz") == ascii126 + e_acute);
  // A 3-byte character starting at byte 127 or 128.
  CHECK(name(ascii126 + euro + "z") == ascii126);
  CHECK(name(ascii127 + euro + "z") == ascii127);
  CHECK(name(ascii125 + euro + "z") == ascii125 + euro);
  // A 4-byte character over the boundary in each position.
  CHECK(name(ascii125 + emoji) == ascii125);
  CHECK(name(ascii126 + emoji) == ascii126);
  CHECK(name(ascii127 + emoji) == ascii127);
  CHECK(name(std::string(124, 'a') + emoji + "z") == std::string(124, 'a') + emoji);
  // All multibyte: 43 euros = 129 bytes -> 42 euros = 126 bytes.
  std::string euros;
  for (int i = 0; i < 43; ++i) euros += euro;
  std::string kept;
  for (int i = 0; i < 42; ++i) kept += euro;
  CHECK(name(euros) == kept);
}

TEST_CASE("name: a cut that ends in spaces keeps them (trimming came first)") {
  const std::string value = std::string(126, 'a') + "   b";
  CHECK(name(value) == std::string(126, 'a') + "  ");
}
