#pragma once
// Numeric values (CONTRACT 2.1 `age`, `rating`, `win_price`, `bid`, `slot`;
// grammar in 2.5). Every function takes the bronze value untrimmed.
//
// The grammar is checked on the text and the values are computed from the
// decimal digits, so the result never depends on binary floating point (the
// one float64 output, `rating`, is the correctly rounded value of the digits).
// Never accepted: exponents, inner spaces, a comma decimal, thousands
// separators, NaN/inf, hex, more than one `.`.
#include <cstdint>
#include <optional>
#include <string_view>

#include "adlake/clean/enums.hpp"

namespace adlake::clean {

// `age`: [+|-] digits [. digits], at least one digit in all (so `.5`, `13.`
// pass the grammar), whose value is an integer in [13, 100] (`13.000` and
// `+0013` are 13); anything else is -1 (missing).
std::int16_t age(std::string_view bronze);

inline constexpr std::int16_t kMissingAge = -1;

// `age_bucket` of a cleaned age: 13-17 ... 65+, `unknown` for -1 (or any
// value outside [13, 100]).
AgeBucket age_bucket(std::int16_t age);

// `rating`: the same grammar as `age`, with a value in [0, 5] (checked on the
// digits, so 5.0000000000000000001 fails although it rounds to 5.0 as a
// double); anything else is 0.0. `-0` is 0.0, never -0.0.
double rating(std::string_view bronze);

// `win_price`, `bid`: digits [. digits] (no sign, no `.5`, no `5.`), a value
// below 1000 as written, in micros: round(x * 1e6) half away from zero on the
// digits (the 7th fraction digit 5-9 rounds up). The 1000 bound applies to the
// value as written, before rounding, so 999.9999995 is valid and gives
// 1'000'000'000. nullopt is a reject `invalid_number`.
std::optional<std::int64_t> micros(std::string_view bronze);

// The most micros() gives: what a reader of silver's money may trust (gold
// sums it over billions of rows in int64 without overflow).
inline constexpr std::int64_t kMaxMicros = 1'000'000'000;

// `slot`: digits only (no sign, no `.`), value 0-9 (`05` is 5); else -1.
std::int8_t slot(std::string_view bronze);

inline constexpr std::int8_t kMissingSlot = -1;

}  // namespace adlake::clean
