#pragma once
// Text primitives shared by the value rules of CONTRACT 2: trimming, ASCII case
// folding, and fixed-capacity strings that keep the cleaned rows trivially
// copyable (so silver can exchange them between ranks as plain bytes).
//
// Everything here is locale-free on purpose: the contract folds ASCII only, and
// <cctype>/<locale> would make the result depend on the process locale.
#include <array>
#include <cassert>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace adlake::clean {

// CONTRACT 2: "trim spaces and tabs at both ends" (and nothing else: a CR or a
// NUL is data).
constexpr bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

constexpr std::string_view trim(std::string_view s) {
  std::size_t begin = 0;
  std::size_t end = s.size();
  while (begin < end && is_blank(s[begin])) ++begin;
  while (end > begin && is_blank(s[end - 1])) --end;
  return s.substr(begin, end - begin);
}

constexpr bool is_digit(char c) {
  return c >= '0' && c <= '9';
}

constexpr char to_lower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
}
constexpr char to_upper(char c) {
  return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
}

// True if `s`, ASCII-lowercased, equals `lower` (which must be lower case).
constexpr bool equals_lowered(std::string_view s, std::string_view lower) {
  if (s.size() != lower.size()) return false;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (to_lower(s[i]) != lower[i]) return false;
  }
  return true;
}

// ASCII case-insensitive equality (both sides folded).
constexpr bool equals_folded(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (to_lower(a[i]) != to_lower(b[i])) return false;
  }
  return true;
}

// A string of at most N bytes stored inline, zero-padded. Ordering and
// equality are byte-wise (unsigned) over the stored bytes, as CONTRACT 2.3
// compares strings; the length is kept, so embedded NULs compare correctly.
template <std::size_t N>
struct FixedString {
  static_assert(N > 0 && N <= 255, "the length is stored in one byte");
  static constexpr std::size_t capacity = N;

  std::array<char, N> bytes{};
  std::uint8_t length = 0;

  // Precondition: s.size() <= N (the value rules check it before building one).
  static FixedString from(std::string_view s) {
    assert(s.size() <= N);
    FixedString f;
    if (!s.empty()) std::memcpy(f.bytes.data(), s.data(), s.size());
    f.length = static_cast<std::uint8_t>(s.size());
    return f;
  }

  // Points into this object: keep the FixedString alive while using it.
  std::string_view view() const { return {bytes.data(), length}; }
  bool empty() const { return length == 0; }

  friend bool operator==(const FixedString& a, const FixedString& b) {
    return a.view() == b.view();
  }
  // std::string_view compares through char_traits<char>, i.e. like memcmp.
  friend std::strong_ordering operator<=>(const FixedString& a, const FixedString& b) {
    return a.view().compare(b.view()) <=> 0;
  }
};

}  // namespace adlake::clean
