// CONTRACT 2.1 `ts` / `updated_at` and 2.5 "Timestamps". Expected epoch
// seconds were computed by hand and checked with `date -u -d ... +%s`.
#include <doctest/doctest.h>

#include <optional>

#include "adlake/clean/timestamp.hpp"

using adlake::clean::timestamp;

namespace {
constexpr std::optional<std::int64_t> kInvalid = std::nullopt;
}

TEST_CASE("timestamp: both ISO forms, with Z or without zone (UTC)") {
  CHECK(timestamp("2023-06-15T10:20:30") == 1686824430);
  CHECK(timestamp("2023-06-15 10:20:30") == 1686824430);
  CHECK(timestamp("2023-06-15T10:20:30Z") == 1686824430);
  CHECK(timestamp("2023-06-15 10:20:30Z") == 1686824430);
  CHECK(timestamp("2000-01-01T00:00:00Z") == 946684800);
}

TEST_CASE("timestamp: a fraction of any length is dropped, never rounded") {
  CHECK(timestamp("2023-06-15T10:20:30.999") == 1686824430);
  CHECK(timestamp("2023-06-15T10:20:30.9Z") == 1686824430);
  CHECK(timestamp("2023-06-15 10:20:30.123456789+00:00") == 1686824430);
  CHECK(timestamp("2023-06-15T10:20:30.") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30.Z") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30.12a") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30,5") == kInvalid);
}

TEST_CASE("timestamp: offsets are applied, including across midnight") {
  CHECK(timestamp("2024-03-10T08:00:00+05:30") == 1710037800);  // 02:30Z
  CHECK(timestamp("2024-01-01T00:30:00+01:00") == 1704065400);  // 2023-12-31T23:30Z
  CHECK(timestamp("2023-12-31T23:30:00-01:00") == 1704069000);  // 2024-01-01T00:30Z
  CHECK(timestamp("2023-06-15T10:20:30+23:59") == 1686738090);  // the day before
  CHECK(timestamp("2023-06-15T10:20:30-23:59") == 1686910770);  // the day after
  CHECK(timestamp("2023-06-15T10:20:30+00:00") == 1686824430);
  CHECK(timestamp("2023-06-15T10:20:30-00:00") == 1686824430);
  CHECK(timestamp("2023-06-15 10:20:30.5-00:00") == 1686824430);
}

TEST_CASE("timestamp: malformed offsets") {
  CHECK(timestamp("2023-06-15T10:20:30+24:00") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30+23:60") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30+0100") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30+01") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30+1:00") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30+01:00Z") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30Z+01:00") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30 +01:00") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30+01:0a") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30UTC") == kInvalid);
}

TEST_CASE("timestamp: T and Z in upper case only") {
  CHECK(timestamp("2023-06-15t10:20:30") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30z") == kInvalid);
}

TEST_CASE("timestamp: calendar edges") {
  CHECK(timestamp("2000-02-29T00:00:00Z") == 951782400);  // 2000: divisible by 400
  CHECK(timestamp("2024-02-29 12:34:56") == 1709210096);
  CHECK(timestamp("2023-02-29T00:00:00") == kInvalid);
  CHECK(timestamp("2100-02-29T00:00:00") == kInvalid);  // not leap, and out of range
  CHECK(timestamp("2023-02-28T00:00:00") == 1677542400);
  CHECK(timestamp("2023-03-01T00:00:00") == 1677628800);
  CHECK(timestamp("2024-02-30T00:00:00") == kInvalid);
  CHECK(timestamp("2024-04-31T00:00:00") == kInvalid);
  CHECK(timestamp("2024-12-31T23:59:59") == 1735689599);
  CHECK(timestamp("2024-12-32T00:00:00") == kInvalid);
  CHECK(timestamp("2024-13-01T00:00:00") == kInvalid);
  CHECK(timestamp("2024-00-10T00:00:00") == kInvalid);
  CHECK(timestamp("2024-01-00T00:00:00") == kInvalid);
  CHECK(timestamp("2024-01-01T24:00:00") == kInvalid);
  CHECK(timestamp("2024-01-01T23:60:00") == kInvalid);
  CHECK(timestamp("2024-01-01T23:59:60") == kInvalid);  // no leap seconds
}

TEST_CASE("timestamp: range [2000-01-01, 2100-01-01) after the offset") {
  CHECK(timestamp("1999-12-31T23:59:59Z") == kInvalid);
  CHECK(timestamp("1999-12-31T23:30:00-01:00") == 946686600);  // 2000-01-01T00:30Z
  CHECK(timestamp("2000-01-01T00:30:00+01:00") == kInvalid);   // 1999-12-31T23:30Z
  CHECK(timestamp("2099-12-31T23:59:59Z") == 4102444799);
  CHECK(timestamp("2100-01-01T00:00:00Z") == kInvalid);
  CHECK(timestamp("2100-01-01T00:30:00+01:00") == 4102443000);  // 2099-12-31T23:30Z
  CHECK(timestamp("2099-12-31T23:30:00-01:00") == kInvalid);    // 2100-01-01T00:30Z
  CHECK(timestamp("1970-01-01T00:00:00Z") == kInvalid);
}

TEST_CASE("timestamp: epoch seconds of 1-11 digits") {
  CHECK(timestamp("946684800") == 946684800);
  CHECK(timestamp("1686824430") == 1686824430);
  CHECK(timestamp("01686824430") == 1686824430);  // 11 digits, leading zero
  CHECK(timestamp("4102444799") == 4102444799);
  CHECK(timestamp("946684799") == kInvalid);
  CHECK(timestamp("4102444800") == kInvalid);
  CHECK(timestamp("0") == kInvalid);  // epoch 0 is 1970
  CHECK(timestamp("99999999999") == kInvalid);
}

TEST_CASE("timestamp: epoch milliseconds of 13 digits, floored; 12 and 14 invalid") {
  CHECK(timestamp("1686824430123") == 1686824430);
  CHECK(timestamp("1686824430999") == 1686824430);
  CHECK(timestamp("0946684800000") == 946684800);
  CHECK(timestamp("0946684799999") == kInvalid);
  CHECK(timestamp("4102444799999") == 4102444799);
  CHECK(timestamp("4102444800000") == kInvalid);
  CHECK(timestamp("168682443012") == kInvalid);    // 12 digits
  CHECK(timestamp("16868244301234") == kInvalid);  // 14 digits
  CHECK(timestamp("0000000000000000001686824430") == kInvalid);
}

TEST_CASE("timestamp: epochs take no sign, point or inner space") {
  CHECK(timestamp("+1686824430") == kInvalid);
  CHECK(timestamp("-1686824430") == kInvalid);
  CHECK(timestamp("1686824430.5") == kInvalid);
  CHECK(timestamp("1686 824430") == kInvalid);
  CHECK(timestamp("1.686824430e9") == kInvalid);
}

TEST_CASE("timestamp: trimming of spaces and tabs only") {
  CHECK(timestamp(" \t2023-06-15T10:20:30Z\t ") == 1686824430);
  CHECK(timestamp("  1686824430  ") == 1686824430);
  CHECK(timestamp("2023-06-15T10:20:30\r") == kInvalid);
  CHECK(timestamp("\n1686824430") == kInvalid);
  CHECK(timestamp("") == kInvalid);
  CHECK(timestamp(" \t ") == kInvalid);
}

TEST_CASE("timestamp: other shapes are invalid") {
  CHECK(timestamp("2023-06-15") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20") == kInvalid);
  CHECK(timestamp("2023-6-15T10:20:30") == kInvalid);
  CHECK(timestamp("2023-06-15T1:20:30") == kInvalid);
  CHECK(timestamp("23-06-15T10:20:30") == kInvalid);
  CHECK(timestamp("12023-06-15T10:20:30") == kInvalid);
  CHECK(timestamp("2023/06/15 10:20:30") == kInvalid);
  CHECK(timestamp("2023-06-15  10:20:30") == kInvalid);
  CHECK(timestamp("2023-06-15_10:20:30") == kInvalid);
  CHECK(timestamp("06/15/2023 10:20:30") == kInvalid);
  CHECK(timestamp("2023-06-15T10:20:30 ") == 1686824430);  // trailing blank is trimmed
  CHECK(timestamp("2023-06-15T10:20:30x") == kInvalid);
  CHECK(timestamp("-023-06-15T10:20:30") == kInvalid);
  CHECK(timestamp("null") == kInvalid);
}
