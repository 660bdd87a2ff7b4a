// Cross-checks of the value rules against independent computations over many
// generated values (fixed seeds, so a failure reproduces), and a robustness
// sweep over random bytes: every rule returns a value of its domain.
#include <doctest/doctest.h>

#include <chrono>
#include <cstdio>
#include <random>
#include <string>

#include "adlake/clean/categorical.hpp"
#include "adlake/clean/id_md5.hpp"
#include "adlake/clean/ip.hpp"
#include "adlake/clean/number.hpp"
#include "adlake/clean/state.hpp"
#include "adlake/clean/string_value.hpp"
#include "adlake/clean/timestamp.hpp"

using namespace adlake::clean;

TEST_CASE("timestamp agrees with std::chrono's calendar on every day 1999-12-25 .. 2100-01-07") {
  using namespace std::chrono;
  int checked = 0;
  for (int y = 1999; y <= 2100; ++y) {
    for (unsigned m = 1; m <= 12; ++m) {
      for (unsigned d = 1; d <= 31; ++d) {
        const year_month_day ymd{year{y}, month{m}, day{d}};
        char text[32];
        std::snprintf(text, sizeof text, "%04d-%02u-%02uT07:08:09", y, m, d);
        const auto got = timestamp(text);
        if (!ymd.ok()) {
          CHECK_MESSAGE(!got.has_value(), text);
          continue;
        }
        const std::int64_t expected =
            sys_days{ymd}.time_since_epoch().count() * 86400LL + 7 * 3600 + 8 * 60 + 9;
        if (expected >= kMinTimestamp && expected < kEndTimestamp) {
          CHECK_MESSAGE(got == expected, text);
          ++checked;
        } else {
          CHECK_MESSAGE(!got.has_value(), text);
        }
      }
    }
  }
  CHECK(checked == 36525);  // the days of 2000..2099
}

TEST_CASE("micros agrees with a 128-bit reference on random prices") {
  std::mt19937_64 rng(20240229);
  for (int i = 0; i < 200000; ++i) {
    const auto integer = static_cast<unsigned>(rng() % 1000);
    const int fraction_digits = static_cast<int>(rng() % 13);  // 0 .. 12
    std::string fraction;
    for (int k = 0; k < fraction_digits; ++k) fraction += static_cast<char>('0' + rng() % 10);
    const std::string text =
        std::to_string(integer) + (fraction_digits > 0 ? "." + fraction : std::string());
    // x * 1e12 exactly, then round half up at the 1e6 place.
    __int128 scaled = integer;
    for (int k = 0; k < 12; ++k)
      scaled = scaled * 10 + (k < fraction_digits ? fraction[k] - '0' : 0);
    const auto expected = static_cast<std::int64_t>((scaled + 500000) / 1000000);
    CHECK_MESSAGE(micros(text) == expected, text);
  }
}

TEST_CASE("the rules stay in their domains on random bytes") {
  std::mt19937 rng(7);
  const std::string alphabet = "0123456789.:-+TZ tabcdefABCDEF\t/,eE\xC3\xA9\x80";
  for (int i = 0; i < 100000; ++i) {
    std::string value;
    const int length = static_cast<int>(rng() % 40);
    for (int k = 0; k < length; ++k) {
      value += i % 2 ? static_cast<char>(rng() % 256) : alphabet[rng() % alphabet.size()];
    }
    CAPTURE(value);
    const auto ts = timestamp(value);
    if (ts) CHECK((*ts >= kMinTimestamp && *ts < kEndTimestamp));
    const std::int16_t a = age(value);
    CHECK((a == -1 || (a >= 13 && a <= 100)));
    const double r = rating(value);
    CHECK((r >= 0.0 && r <= 5.0));
    const auto m = micros(value);
    if (m) CHECK((*m >= 0 && *m <= 1'000'000'000));
    const std::int8_t s = slot(value);
    CHECK((s >= -1 && s <= 9));
    const IpPrefix ip = ip_prefix(value);
    CHECK((ip.view() == "unknown" || ip.view().ends_with(".0/24")));
    CHECK(code(state(value)) < enum_count<State>);
    CHECK(code(device_type(value)) < enum_count<DeviceType>);
    CHECK(code(os(value)) < enum_count<Os>);
    CHECK(category(value) != Category::kNone);
    CHECK(name(value).size() <= kMaxNameBytes);
    if (const auto k = key(value)) CHECK((!k->empty() && k->size() <= kMaxIdBytes));
    if (const auto id = id_md5(value)) CHECK(trim(value).size() == 32);
  }
}
