#include "adlake/gen/variants.hpp"

#include "adlake/gen/spelling.hpp"
#include "adlake/gen/vocab.hpp"

namespace adlake::gen {
namespace {

constexpr Variant kTitle{Form::Title, "", 0};
constexpr Variant kUpper{Form::Upper, "", 0};
constexpr Variant kLower{Form::Lower, "", 0};
constexpr Variant fixed(std::string_view text, int value) {
  return {Form::Fixed, text, value};
}

// Each field's variants: re-casings of the row's own value, then fixed
// spellings, one line per value they clean to. The order is part of the
// output (a variant is drawn by index).
// clang-format off
constexpr Variant kDeviceVariants[] = {
    kTitle, kUpper,
    fixed("mobile", kPhone), fixed("Mobile", kPhone), fixed("smartphone", kPhone),
    fixed("SmartPhone", kPhone),
    fixed("pc", kDesktop), fixed("PC", kDesktop), fixed("computer", kDesktop),
    fixed("Computer", kDesktop),
    fixed("tv", kCtv), fixed("TV", kCtv), fixed("smart_tv", kCtv), fixed("Smart_TV", kCtv),
    fixed("connected_tv", kCtv), fixed("CONNECTED_TV", kCtv),
    fixed("watch", kUnknown), fixed("feature phone", kUnknown), fixed("console", kUnknown),
    fixed("", kUnknown), fixed("n/a", kUnknown),
    fixed("smart tv", kUnknown),  // not an alias: only smart_tv is
};

constexpr Variant kOsVariants[] = {
    kTitle, kUpper,
    fixed("iOS", kIos), fixed("iphone os", kIos), fixed("iPhone OS", kIos),
    fixed("macOS", kMacos), fixed("mac", kMacos), fixed("Mac", kMacos), fixed("osx", kMacos),
    fixed("OSX", kMacos), fixed("mac os x", kMacos), fixed("Mac OS X", kMacos),
    fixed("win", kWindows), fixed("WIN", kWindows), fixed("win10", kWindows),
    fixed("Win10", kWindows), fixed("windows 10", kWindows), fixed("Windows 10", kWindows),
    fixed("", kUnknown),
    fixed("tizen", kOther), fixed("BlackBerry", kOther), fixed("kaios", kOther),
    fixed("chromeos", kOther), fixed("windows 11", kOther), fixed("webOS", kOther),
    fixed("unknown", kOther),  // not a contract value: cleans to other
};

constexpr Variant kGenderVariants[] = {
    kLower,
    fixed("male", kMale), fixed("Male", kMale), fixed("MALE", kMale), fixed("man", kMale),
    fixed("Man", kMale),
    fixed("female", kFemale), fixed("Female", kFemale), fixed("FEMALE", kFemale),
    fixed("woman", kFemale), fixed("Woman", kFemale),
    fixed("", kUnknown), fixed("x", kUnknown), fixed("U", kUnknown), fixed("other", kUnknown),
    fixed("N/A", kUnknown),
};

constexpr Variant kCategoryVariants[] = {
    kTitle, kUpper,
    fixed("entertainment", kUnknown), fixed("music", kUnknown), fixed("other", kUnknown),
    fixed("n/a", kUnknown), fixed("", kUnknown),
};
// clang-format on

constexpr Variant kCampaignTypeVariants[] = {kLower, kTitle};

}  // namespace

std::span<const Variant> device_variants() {
  return kDeviceVariants;
}
std::span<const Variant> os_variants() {
  return kOsVariants;
}
std::span<const Variant> gender_variants() {
  return kGenderVariants;
}
std::span<const Variant> category_variants() {
  return kCategoryVariants;
}
std::span<const Variant> campaign_type_variants() {
  return kCampaignTypeVariants;
}

int append_enum(std::string& out, std::span<const Variant> variants, int v,
                std::string_view canonical, int value) {
  if (v < 0) {
    out.append(canonical);
    return value;
  }
  const Variant& var = variants[static_cast<size_t>(v)];
  switch (var.form) {
    case Form::Title:
      append_title(out, canonical);
      return value;
    case Form::Upper:
      for (char c : canonical) out.push_back(upper(c));
      return value;
    case Form::Lower:
      for (char c : canonical) out.push_back(lower(c));
      return value;
    case Form::Fixed:
      out.append(var.text);
      return var.value;
  }
  return value;
}

void append_recased(std::string& out, std::string_view text, bool to_upper) {
  for (char c : text) out.push_back(to_upper ? upper(c) : lower(c));
}

int append_state(std::string& out, int state, int v) {
  // Two-word names, used to show runs of inner spaces (folded by cleaning).
  static constexpr int kMultiWord[] = {29, 30, 31, 32, 33,
                                       34, 39, 40, 41, 48};  // NH..ND, RI..SD, WV
  const StateInfo& s = kStates[static_cast<size_t>(state)];
  switch (v) {
    case 0:
      append_recased(out, s.code, false);
      return state;
    case 1:
      out.append(s.name);
      return state;
    case 2:
      append_recased(out, s.name, true);
      return state;
    case 3:
      append_recased(out, s.name, false);
      return state;
    case 4: {
      const int multi = kMultiWord[static_cast<size_t>(state) % std::size(kMultiWord)];
      bool first = true;
      for (char c : kStates[static_cast<size_t>(multi)].name) {
        if (c == ' ') {
          out.append("   ");
          first = false;
        } else {
          out.push_back(first ? lower(c) : upper(c));
        }
      }
      return multi;
    }
    case 5:
      out.append("district  Of   COLUMBIA");
      return 8;  // DC
    case 6:
      out.append("XX");
      return kUnknown;
    case 7:
      out.append("Puerto Rico");
      return kUnknown;
    case 8:
      return kUnknown;  // empty
    default:
      out.append(s.code);
      return state;
  }
}

namespace {

// A number's spellings as patterns: '#' stands for the value as the field
// writes it, '%' for the value with a decimal comma. The first `valid`
// patterns clean to the value (CONTRACT 2.1), the others are invalid; v < 0
// writes the value alone.
struct NumberSpellings {
  std::span<const std::string_view> patterns;
  int valid;
};

// Returns whether the spelling cleans to the value.
template <class WriteValue>
bool append_number(std::string& out, const NumberSpellings& spellings, int v,
                   WriteValue write_value) {
  const bool listed = v >= 0 && static_cast<size_t>(v) < spellings.patterns.size();
  const std::string_view pattern = listed ? spellings.patterns[static_cast<size_t>(v)] : "#";
  for (const char c : pattern) {
    if (c == '#' || c == '%')
      write_value(out, c == '%' ? ',' : '.');
    else
      out.push_back(c);
  }
  return !listed || v < spellings.valid;
}

// Valid spellings first (as many as append_number's `valid`), then invalid
// ones: out of range, not an integer, not a number.
// clang-format off
constexpr std::string_view kAgePatterns[] = {
    "+#", "#.0", "0#", "#.00",
    "12", "101", "150", "0", "-5", "#.5", "abc", "", "1e2", "-#"};
constexpr std::string_view kRatingPatterns[] = {
    "+#", "#0", "0#", "#000",
    "5.1", "-0.5", "10", "abc", "", "# stars", "NaN", "%"};
constexpr std::string_view kSlotPatterns[] = {
    "0#",
    "10", "12", "-1", "x", "", "#.5", "top"};
// clang-format on
static_assert(std::size(kAgePatterns) == kAgeVariants);
static_assert(std::size(kRatingPatterns) == kRatingVariants);
static_assert(std::size(kSlotPatterns) == kSlotVariants);

}  // namespace

int append_age(std::string& out, int age, int v) {
  const bool valid =
      append_number(out, {kAgePatterns, 4}, v, [age](std::string& o, char) { append_int(o, age); });
  return valid ? age : -1;
}

double append_rating(std::string& out, int tenths, int v) {
  const bool valid =
      append_number(out, {kRatingPatterns, 4}, v,
                    [tenths](std::string& o, char point) { append_tenths(o, tenths, point); });
  return valid ? tenths / 10.0 : 0.0;
}

int append_slot(std::string& out, int slot, int v) {
  const bool valid = append_number(out, {kSlotPatterns, 1}, v,
                                   [slot](std::string& o, char) { append_int(o, slot); });
  return valid ? slot : -1;
}

void append_install(std::string& out, bool install, int v) {
  static constexpr std::string_view kTruthy[kTruthyVariants] = {
      "1", "true", "True", "TRUE", "yes", "Yes", "YES", "y", "Y", "t", "T"};
  static constexpr std::string_view kFalsy[kFalsyVariants] = {
      "0", "false", "False", "FALSE", "no", "No", "n", "N", "f", "", "2", "maybe"};
  if (install)
    out.append(kTruthy[static_cast<size_t>(v < 0 ? 0 : v % kTruthyVariants)]);
  else
    out.append(kFalsy[static_cast<size_t>(v < 0 ? 0 : v % kFalsyVariants)]);
}

}  // namespace adlake::gen
