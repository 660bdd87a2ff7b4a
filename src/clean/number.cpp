#include "adlake/clean/number.hpp"

#include <fast_float/fast_float.h>

#include "adlake/clean/text.hpp"

namespace adlake::clean {
namespace {

// A number split per CONTRACT 2.5: [sign] integer [. fraction].
struct Decimal {
  bool negative = false;
  std::string_view integer;        // leading zeros stripped
  std::string_view fraction;       // as written
  std::string_view unsigned_text;  // the number without its sign
};

enum class Form { kSigned, kMoney };

std::string_view digits_prefix(std::string_view s) {
  std::size_t n = 0;
  while (n < s.size() && is_digit(s[n])) ++n;
  return s.substr(0, n);
}

std::string_view strip_leading_zeros(std::string_view digits) {
  const std::size_t first = digits.find_first_not_of('0');
  return first == std::string_view::npos ? std::string_view{} : digits.substr(first);
}

bool all_zeros(std::string_view digits) {
  return digits.find_first_not_of('0') == std::string_view::npos;
}

// kSigned (age, rating): optional sign, at least one digit on either side of
// the point. kMoney: no sign, a digit before the point and, if there is a
// point, one after it.
std::optional<Decimal> split(std::string_view s, Form form) {
  Decimal d;
  if (form == Form::kSigned && !s.empty() && (s[0] == '+' || s[0] == '-')) {
    d.negative = s[0] == '-';
    s.remove_prefix(1);
  }
  d.unsigned_text = s;
  const std::string_view integer = digits_prefix(s);
  s.remove_prefix(integer.size());
  bool has_point = false;
  if (!s.empty() && s[0] == '.') {
    has_point = true;
    s.remove_prefix(1);
    d.fraction = digits_prefix(s);
    s.remove_prefix(d.fraction.size());
  }
  if (!s.empty()) return std::nullopt;
  if (form == Form::kMoney) {
    if (integer.empty() || (has_point && d.fraction.empty())) return std::nullopt;
  } else if (integer.empty() && d.fraction.empty()) {
    return std::nullopt;
  }
  d.integer = strip_leading_zeros(integer);
  return d;
}

// The value of at most 4 digits (callers bound the length first).
int small_value(std::string_view digits) {
  int value = 0;
  for (const char c : digits) value = value * 10 + (c - '0');
  return value;
}

}  // namespace

std::int16_t age(std::string_view bronze) {
  const auto d = split(trim(bronze), Form::kSigned);
  if (!d || !all_zeros(d->fraction) || d->integer.size() > 3) return kMissingAge;
  const int value = small_value(d->integer);
  if (d->negative || value < 13 || value > 100) return kMissingAge;  // -0 is 0: out too
  return static_cast<std::int16_t>(value);
}

AgeBucket age_bucket(std::int16_t age) {
  if (age < 13 || age > 100) return AgeBucket::kUnknown;
  if (age <= 17) return AgeBucket::k13To17;
  if (age <= 24) return AgeBucket::k18To24;
  if (age <= 34) return AgeBucket::k25To34;
  if (age <= 44) return AgeBucket::k35To44;
  if (age <= 54) return AgeBucket::k45To54;
  if (age <= 64) return AgeBucket::k55To64;
  return AgeBucket::k65Plus;
}

double rating(std::string_view bronze) {
  const auto d = split(trim(bronze), Form::kSigned);
  if (!d) return 0.0;
  const bool zero = d->integer.empty() && all_zeros(d->fraction);
  // A negative value is out of range and -0 is 0.0: both give 0.0.
  if (zero || d->negative) return 0.0;
  if (d->integer.size() > 1 || d->integer > "5") return 0.0;
  if (d->integer == "5" && !all_zeros(d->fraction)) return 0.0;
  // The grammar is checked, so fast_float sees plain digits and one point; it
  // rounds correctly for any number of digits and ignores the locale.
  double value = 0.0;
  const auto text = d->unsigned_text;
  const auto result = fast_float::from_chars(text.data(), text.data() + text.size(), value);
  if (result.ec != std::errc{} || result.ptr != text.data() + text.size()) return 0.0;
  return value;
}

std::optional<std::int64_t> micros(std::string_view bronze) {
  const auto d = split(trim(bronze), Form::kMoney);
  if (!d || d->integer.size() > 3) return std::nullopt;  // below 1000 as written
  std::int64_t value = small_value(d->integer) * std::int64_t{1'000'000};
  std::int64_t scale = 100'000;
  for (std::size_t i = 0; i < 6; ++i, scale /= 10) {
    if (i < d->fraction.size()) value += (d->fraction[i] - '0') * scale;
  }
  // Non-negative, so half away from zero is: the 7th digit 5-9 rounds up,
  // whatever follows it.
  if (d->fraction.size() > 6 && d->fraction[6] >= '5') ++value;
  return value;
}

std::int8_t slot(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  if (s.empty() || digits_prefix(s).size() != s.size()) return kMissingSlot;
  const std::string_view significant = strip_leading_zeros(s);
  if (significant.size() > 1) return kMissingSlot;
  return static_cast<std::int8_t>(small_value(significant));
}

}  // namespace adlake::clean
