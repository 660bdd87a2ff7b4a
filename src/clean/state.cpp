#include "adlake/clean/state.hpp"

#include <array>

#include "adlake/clean/text.hpp"

namespace adlake::clean {
namespace {

// Indexed like EnumTraits<State>::labels (code order).
// clang-format off
constexpr std::array<std::string_view, enum_count<State>> kNames{
    "Alaska", "Alabama", "Arkansas", "Arizona",
    "California", "Colorado", "Connecticut", "District of Columbia",
    "Delaware", "Florida", "Georgia", "Hawaii",
    "Iowa", "Idaho", "Illinois", "Indiana",
    "Kansas", "Kentucky", "Louisiana", "Massachusetts",
    "Maryland", "Maine", "Michigan", "Minnesota",
    "Missouri", "Mississippi", "Montana", "North Carolina",
    "North Dakota", "Nebraska", "New Hampshire", "New Jersey",
    "New Mexico", "Nevada", "New York", "Ohio",
    "Oklahoma", "Oregon", "Pennsylvania", "Rhode Island",
    "South Carolina", "South Dakota", "Tennessee", "Texas",
    "", "Utah", "Virginia", "Vermont",
    "Washington", "Wisconsin", "West Virginia", "Wyoming"};
// clang-format on

constexpr std::size_t kLongestName = 20;  // District of Columbia

constexpr bool equals_folded(std::string_view folded_lower, std::string_view name) {
  if (folded_lower.size() != name.size()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (folded_lower[i] != to_lower(name[i])) return false;
  }
  return true;
}

State by_code(std::string_view s) {
  const char code[2] = {to_upper(s[0]), to_upper(s[1])};
  const auto found = from_label<State>(std::string_view(code, 2));
  return found.value_or(State::kUNK);
}

State by_name(std::string_view s) {
  // Lowercase with runs of spaces folded, into a buffer just long enough for
  // the longest name: anything longer cannot match.
  std::array<char, kLongestName> folded;
  std::size_t n = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' && i > 0 && s[i - 1] == ' ') continue;
    if (n == folded.size()) return State::kUNK;
    folded[n++] = to_lower(s[i]);
  }
  const std::string_view text(folded.data(), n);
  for (std::size_t i = 0; i < kNames.size(); ++i) {
    if (!kNames[i].empty() && equals_folded(text, kNames[i])) return static_cast<State>(i);
  }
  return State::kUNK;
}

}  // namespace

State state(std::string_view bronze) {
  const std::string_view s = trim(bronze);
  return s.size() == 2 ? by_code(s) : by_name(s);
}

std::string_view state_name(State code) {
  return kNames[static_cast<std::size_t>(code)];
}

static_assert(kNames[static_cast<std::size_t>(State::kDC)] == "District of Columbia");
static_assert(kNames[static_cast<std::size_t>(State::kUNK)].empty());
static_assert(kNames[static_cast<std::size_t>(State::kWY)] == "Wyoming");

}  // namespace adlake::clean
