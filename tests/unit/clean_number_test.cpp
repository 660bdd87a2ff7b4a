// CONTRACT 2.1 `age`, `age_bucket`, `rating`, `win_price`/`bid`, `slot` and
// 2.5 "Numbers".
#include <doctest/doctest.h>

#include <cmath>
#include <optional>

#include "adlake/clean/number.hpp"

using namespace adlake::clean;

TEST_CASE("age: decimal with an integral value in [13, 100]") {
  CHECK(age("13") == 13);
  CHECK(age("100") == 100);
  CHECK(age("42") == 42);
  CHECK(age("12") == -1);
  CHECK(age("101") == -1);
  CHECK(age("0") == -1);
  CHECK(age("013") == 13);
  CHECK(age("0000000000000000000000000000100") == 100);
  CHECK(age("30.0") == 30);
  CHECK(age("30.000000") == 30);
  CHECK(age("30.") == 30);
  CHECK(age("30.5") == -1);
  CHECK(age("30.01") == -1);
  CHECK(age("12.9999") == -1);
  CHECK(age(".5") == -1);
  CHECK(age("100.0") == 100);
  CHECK(age("100.1") == -1);
  CHECK(age("1000") == -1);
}

TEST_CASE("age: sign allowed; negative values are out of range") {
  CHECK(age("+30") == 30);
  CHECK(age("+30.0") == 30);
  CHECK(age("-30") == -1);
  CHECK(age("-0") == -1);
  CHECK(age("++30") == -1);
  CHECK(age("+-30") == -1);
  CHECK(age("+") == -1);
  CHECK(age("-") == -1);
}

TEST_CASE("age: what is not a plain decimal is missing") {
  CHECK(age("") == -1);
  CHECK(age("   ") == -1);
  CHECK(age(" \t30\t ") == 30);
  CHECK(age("3 0") == -1);
  CHECK(age("30 years") == -1);
  CHECK(age("3e1") == -1);
  CHECK(age("30,0") == -1);
  CHECK(age("NaN") == -1);
  CHECK(age("inf") == -1);
  CHECK(age("0x1E") == -1);
  CHECK(age("30..") == -1);
  CHECK(age("3.0.0") == -1);
  CHECK(age(".") == -1);
  CHECK(age("thirty") == -1);
}

TEST_CASE("age_bucket") {
  CHECK(age_bucket(13) == AgeBucket::k13To17);
  CHECK(age_bucket(17) == AgeBucket::k13To17);
  CHECK(age_bucket(18) == AgeBucket::k18To24);
  CHECK(age_bucket(24) == AgeBucket::k18To24);
  CHECK(age_bucket(25) == AgeBucket::k25To34);
  CHECK(age_bucket(34) == AgeBucket::k25To34);
  CHECK(age_bucket(35) == AgeBucket::k35To44);
  CHECK(age_bucket(44) == AgeBucket::k35To44);
  CHECK(age_bucket(45) == AgeBucket::k45To54);
  CHECK(age_bucket(54) == AgeBucket::k45To54);
  CHECK(age_bucket(55) == AgeBucket::k55To64);
  CHECK(age_bucket(64) == AgeBucket::k55To64);
  CHECK(age_bucket(65) == AgeBucket::k65Plus);
  CHECK(age_bucket(100) == AgeBucket::k65Plus);
  CHECK(age_bucket(-1) == AgeBucket::kUnknown);
  CHECK(label(age_bucket(age("70"))) == "65+");
  CHECK(label(age_bucket(age("x"))) == "unknown");
}

TEST_CASE("rating: a decimal in [0, 5], else 0.0") {
  CHECK(rating("0") == 0.0);
  CHECK(rating("5") == 5.0);
  CHECK(rating("4.5") == 4.5);
  CHECK(rating("3.7") == 3.7);  // the correctly rounded double of 3.7
  CHECK(rating("0.1") == 0.1);
  CHECK(rating("05.00") == 5.0);
  CHECK(rating("+4.25") == 4.25);
  CHECK(rating(".5") == 0.5);
  CHECK(rating("4.") == 4.0);
  CHECK(rating(" \t2.5 ") == 2.5);
  CHECK(rating("5.0000000000000000001") == 0.0);   // above 5 on the digits
  CHECK(rating("4.99999999999999999999") == 5.0);  // in range; rounds to 5.0
  CHECK(rating("5.1") == 0.0);
  CHECK(rating("6") == 0.0);
  CHECK(rating("10") == 0.0);
  CHECK(rating("-0.5") == 0.0);
  CHECK(rating("-1") == 0.0);
  CHECK(rating("") == 0.0);
  CHECK(rating("4,5") == 0.0);
  CHECK(rating("4.5e0") == 0.0);
  CHECK(rating("NaN") == 0.0);
  CHECK(rating("nan") == 0.0);
  CHECK(rating("inf") == 0.0);
  CHECK(rating("1e400") == 0.0);
  CHECK(rating("4 .5") == 0.0);
  CHECK(rating(".") == 0.0);
}

TEST_CASE("rating: -0 is +0.0") {
  CHECK_FALSE(std::signbit(rating("-0")));
  CHECK_FALSE(std::signbit(rating("-0.000")));
  CHECK_FALSE(std::signbit(rating("-.0")));
}

TEST_CASE("micros: plain decimal below 1000, rounded half away from zero on the digits") {
  CHECK(micros("0") == 0);
  CHECK(micros("1") == 1'000'000);
  CHECK(micros("1.5") == 1'500'000);
  CHECK(micros("0.000001") == 1);
  CHECK(micros("0.0000005") == 1);
  CHECK(micros("0.0000004") == 0);
  CHECK(micros("0.00000049") == 0);
  CHECK(micros("0.00000049999999999999") == 0);
  CHECK(micros("0.0000009") == 1);
  CHECK(micros("0.0000015") == 2);
  CHECK(micros("0.0000025") == 3);  // half away from zero, not to even
  CHECK(micros("2.1234564") == 2'123'456);
  CHECK(micros("2.1234565") == 2'123'457);
  CHECK(micros("2.12345650000000000000001") == 2'123'457);
  CHECK(micros("0.1") == 100'000);  // 0.1 has no exact double; the digits do
  CHECK(micros("0.3") == 300'000);
  CHECK(micros("1.005") == 1'005'000);
  CHECK(micros("999.999999") == 999'999'999);
  CHECK(micros("999.9999995") == 1'000'000'000);  // below 1000 as written
  CHECK(micros("999") == 999'000'000);
  CHECK(micros("0999.5") == 999'500'000);
  CHECK(micros("000000000000000000012.25") == 12'250'000);
  CHECK(micros(" \t12.25\t ") == 12'250'000);
}

TEST_CASE("micros: invalid numbers") {
  constexpr std::optional<std::int64_t> kInvalid = std::nullopt;
  CHECK(micros("1000") == kInvalid);
  CHECK(micros("1000.0") == kInvalid);
  CHECK(micros("1234.5") == kInvalid);
  CHECK(micros(".5") == kInvalid);
  CHECK(micros("5.") == kInvalid);
  CHECK(micros(".") == kInvalid);
  CHECK(micros("+1.5") == kInvalid);
  CHECK(micros("-1.5") == kInvalid);
  CHECK(micros("-0") == kInvalid);
  CHECK(micros("1.5e2") == kInvalid);
  CHECK(micros("1e400") == kInvalid);
  CHECK(micros("1,5") == kInvalid);
  CHECK(micros("1,000") == kInvalid);
  CHECK(micros("1 5") == kInvalid);
  CHECK(micros("1. 5") == kInvalid);
  CHECK(micros("$1.5") == kInvalid);
  CHECK(micros("1.5.0") == kInvalid);
  CHECK(micros("NaN") == kInvalid);
  CHECK(micros("inf") == kInvalid);
  CHECK(micros("0x10") == kInvalid);
  CHECK(micros("") == kInvalid);
  CHECK(micros("  ") == kInvalid);
}

TEST_CASE("slot: an integer 0-9, else -1") {
  CHECK(slot("0") == 0);
  CHECK(slot("9") == 9);
  CHECK(slot("05") == 5);
  CHECK(slot("0000") == 0);
  CHECK(slot(" 3\t") == 3);
  CHECK(slot("10") == -1);
  CHECK(slot("010") == -1);
  CHECK(slot("-1") == -1);
  CHECK(slot("+3") == -1);
  CHECK(slot("3.0") == -1);
  CHECK(slot("3.") == -1);
  CHECK(slot("3e0") == -1);
  CHECK(slot("three") == -1);
  CHECK(slot("") == -1);
  CHECK(slot("99999999999999999999999") == -1);
}
