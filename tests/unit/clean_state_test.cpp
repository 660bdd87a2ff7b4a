// CONTRACT 2.1 `state`: the 50 states and DC by code and by full name.
#include <doctest/doctest.h>

#include <string>
#include <utility>

#include "adlake/clean/state.hpp"

using namespace adlake::clean;

namespace {

// Written out here, independently of the implementation's table.
const std::pair<const char*, const char*> kStates[] = {
    {"AL", "Alabama"},        {"AK", "Alaska"},         {"AZ", "Arizona"},
    {"AR", "Arkansas"},       {"CA", "California"},     {"CO", "Colorado"},
    {"CT", "Connecticut"},    {"DE", "Delaware"},       {"DC", "District of Columbia"},
    {"FL", "Florida"},        {"GA", "Georgia"},        {"HI", "Hawaii"},
    {"ID", "Idaho"},          {"IL", "Illinois"},       {"IN", "Indiana"},
    {"IA", "Iowa"},           {"KS", "Kansas"},         {"KY", "Kentucky"},
    {"LA", "Louisiana"},      {"ME", "Maine"},          {"MD", "Maryland"},
    {"MA", "Massachusetts"},  {"MI", "Michigan"},       {"MN", "Minnesota"},
    {"MS", "Mississippi"},    {"MO", "Missouri"},       {"MT", "Montana"},
    {"NE", "Nebraska"},       {"NV", "Nevada"},         {"NH", "New Hampshire"},
    {"NJ", "New Jersey"},     {"NM", "New Mexico"},     {"NY", "New York"},
    {"NC", "North Carolina"}, {"ND", "North Dakota"},   {"OH", "Ohio"},
    {"OK", "Oklahoma"},       {"OR", "Oregon"},         {"PA", "Pennsylvania"},
    {"RI", "Rhode Island"},   {"SC", "South Carolina"}, {"SD", "South Dakota"},
    {"TN", "Tennessee"},      {"TX", "Texas"},          {"UT", "Utah"},
    {"VT", "Vermont"},        {"VA", "Virginia"},       {"WA", "Washington"},
    {"WV", "West Virginia"},  {"WI", "Wisconsin"},      {"WY", "Wyoming"},
};

std::string lower(std::string s) {
  for (char& c : s) c = (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
  return s;
}
std::string upper(std::string s) {
  for (char& c : s) c = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c;
  return s;
}
// "New York" -> "New   York": every inner space tripled.
std::string spread(std::string s) {
  std::string out;
  for (char c : s) out += c == ' ' ? std::string("   ") : std::string(1, c);
  return out;
}

}  // namespace

TEST_CASE("state: 51 distinct codes, each a member of the enum") {
  CHECK(std::size(kStates) == 51);
  CHECK(enum_count<State> == 52);  // and UNK
}

TEST_CASE("state: every code, in any case, with blanks around") {
  for (const auto& [code, name] : kStates) {
    CAPTURE(code);
    CHECK(label(state(code)) == code);
    CHECK(label(state(lower(code))) == code);
    const std::string mixed = {code[0], static_cast<char>(code[1] + 32)};  // "Ny"
    CHECK(label(state(mixed)) == code);
    CHECK(label(state(" \t" + std::string(code) + "\t ")) == code);
  }
}

TEST_CASE("state: every full name, any case, inner runs of spaces folded") {
  for (const auto& [code, name] : kStates) {
    CAPTURE(name);
    CHECK(label(state(name)) == code);
    CHECK(label(state(lower(name))) == code);
    CHECK(label(state(upper(name))) == code);
    CHECK(label(state("  " + spread(name) + "\t")) == code);
    CHECK(state_name(state(code)) == name);
  }
}

TEST_CASE("state: examples written out") {
  CHECK(state("District of Columbia") == State::kDC);
  CHECK(state("district   OF columbia") == State::kDC);
  CHECK(state("nEw yOrK") == State::kNY);
  CHECK(state("West  Virginia") == State::kWV);
  CHECK(state("Washington") == State::kWA);
  CHECK(state("wa") == State::kWA);
}

TEST_CASE("state: anything else is UNK") {
  for (const char* bad : {"",
                          "  ",
                          "UNK",
                          "unk",
                          "XX",
                          "PR",
                          "GU",
                          "N Y",
                          "N.Y.",
                          "NYC",
                          "New-York",
                          "NewYork",
                          "New\tYork",
                          "Washington DC",
                          "Washington D.C.",
                          "D.C.",
                          "District of Columbia!",
                          "Virginia West",
                          "Californiaa",
                          "Texas\r",
                          "C",
                          "ABC"}) {
    CAPTURE(bad);
    CHECK(state(bad) == State::kUNK);
  }
  CHECK(state_name(State::kUNK).empty());
}
