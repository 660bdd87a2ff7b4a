// Fuzzes the number rules (clean/number.hpp, CONTRACT 2.1/2.5): `age`,
// `rating`, `win_price`/`bid` micros and `slot` against a reference written
// from the grammar, with integer (128-bit) arithmetic for micros and glibc's
// correctly rounded strtod for ratings; and the range invariants: micros never
// negative nor above 1e9, ratings in [0, 5] and never -0.0, ages -1 or 13-100,
// slots -1 or 0-9.
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <optional>
#include <string>
#include <string_view>

#include "adlake/clean/number.hpp"
#include "fuzz_check.hpp"

namespace {

namespace clean = adlake::clean;

std::string_view trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

bool digits_only(std::string_view s) {
  for (const char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// A number split at its sign and point; nullopt when the text is not one.
struct Parts {
  bool negative = false;
  bool point = false;
  std::string integer, fraction;  // digits as written
};

std::optional<Parts> parts(std::string_view s, bool allow_sign) {
  Parts p;
  if (allow_sign && !s.empty() && (s[0] == '-' || s[0] == '+')) {
    p.negative = s[0] == '-';
    s.remove_prefix(1);
  }
  const auto dot = s.find('.');
  p.point = dot != std::string_view::npos;
  p.integer = std::string(s.substr(0, dot));
  if (p.point) p.fraction = std::string(s.substr(dot + 1));
  if (!digits_only(p.integer) || !digits_only(p.fraction)) return std::nullopt;
  if (p.integer.empty() && p.fraction.empty()) return std::nullopt;
  return p;
}

bool zeros(const std::string& digits) {
  return digits.find_first_not_of('0') == std::string::npos;
}

std::string significant(const std::string& digits) {
  const auto first = digits.find_first_not_of('0');
  return first == std::string::npos ? std::string() : digits.substr(first);
}

std::int16_t reference_age(std::string_view s) {
  const auto p = parts(s, true);
  if (!p || !zeros(p->fraction)) return -1;
  const std::string integer = significant(p->integer);
  if (integer.size() > 3) return -1;
  const int value = integer.empty() ? 0 : std::stoi(integer);
  if (p->negative || value < 13 || value > 100) return -1;
  return static_cast<std::int16_t>(value);
}

double reference_rating(std::string_view s) {
  const auto p = parts(s, true);
  if (!p || p->negative) return 0.0;
  const std::string integer = significant(p->integer);
  const bool in_range =
      integer.empty() ||
      (integer.size() == 1 && (integer < "5" || (integer == "5" && zeros(p->fraction))));
  if (!in_range) return 0.0;
  const std::string text(s[0] == '+' ? s.substr(1) : s);
  return std::strtod(text.c_str(), nullptr) + 0.0;  // + 0.0 turns -0.0 into 0.0
}

std::optional<std::int64_t> reference_micros(std::string_view s) {
  const auto p = parts(s, false);
  if (!p || p->integer.empty() || (p->point && p->fraction.empty())) return std::nullopt;
  if (significant(p->integer).size() > 3) return std::nullopt;
  // x * 1e6 = N / 10^(k - 6) with N all the digits and k the fraction digits,
  // rounded half up in exact 128-bit integer arithmetic. Fraction digits past
  // the 30th cannot change the result (only the 7th decides a half), and
  // dropping them keeps N below 10^33.
  const std::string fraction = p->fraction.substr(0, 30);
  const std::string digits = significant(p->integer) + fraction;
  unsigned __int128 n = 0;
  for (const char c : digits) n = n * 10 + static_cast<unsigned>(c - '0');
  const std::size_t k = fraction.size();
  unsigned __int128 scale = 1;
  if (k <= 6) {
    for (std::size_t i = k; i < 6; ++i) n *= 10;
    return static_cast<std::int64_t>(n);
  }
  for (std::size_t i = 6; i < k; ++i) scale *= 10;
  const unsigned __int128 q = n / scale;
  const unsigned __int128 r = n % scale;
  return static_cast<std::int64_t>(q + (2 * r >= scale ? 1 : 0));
}

std::int8_t reference_slot(std::string_view s) {
  if (s.empty() || !digits_only(s)) return -1;
  const std::string value = significant(std::string(s));
  return value.size() > 1 ? -1 : static_cast<std::int8_t>(value.empty() ? 0 : value[0] - '0');
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view value(reinterpret_cast<const char*>(data), size);
  const std::string padded = "\t " + std::string(value) + " \t";
  const std::string_view s = trimmed(value);

  const std::int16_t age = clean::age(value);
  FUZZ_CHECK(age == -1 || (age >= 13 && age <= 100));
  FUZZ_CHECK(age == reference_age(s));
  FUZZ_CHECK(clean::age(padded) == age);
  FUZZ_CHECK(clean::age_bucket(age) != clean::AgeBucket::kUnknown || age == -1);

  const double rating = clean::rating(value);
  FUZZ_CHECK(rating >= 0.0 && rating <= 5.0 && !std::signbit(rating));
  FUZZ_CHECK(rating == reference_rating(s));
  FUZZ_CHECK(clean::rating(padded) == rating);

  const auto micros = clean::micros(value);
  if (micros) FUZZ_CHECK(*micros >= 0 && *micros <= 1'000'000'000);
  FUZZ_CHECK(micros == reference_micros(s));
  if (micros) {
    // Close to the binary-float value too (a sanity check of the reference).
    const double approx = std::strtod(std::string(s).c_str(), nullptr) * 1e6;
    FUZZ_CHECK(std::fabs(approx - static_cast<double>(*micros)) <= 0.5 + 1e-6 * approx);
  }
  FUZZ_CHECK(clean::micros(padded) == micros);

  const std::int8_t slot = clean::slot(value);
  FUZZ_CHECK(slot >= -1 && slot <= 9);
  FUZZ_CHECK(slot == reference_slot(s));
  FUZZ_CHECK(clean::slot(padded) == slot);
  return 0;
}
