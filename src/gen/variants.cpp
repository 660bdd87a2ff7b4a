#include "adlake/gen/variants.hpp"

#include "adlake/gen/spelling.hpp"
#include "adlake/gen/vocab.hpp"

namespace adlake::gen {
namespace {

constexpr Variant kDeviceVariants[] = {
    {Form::Title, "", 0},
    {Form::Upper, "", 0},
    {Form::Fixed, "mobile", kPhone},
    {Form::Fixed, "Mobile", kPhone},
    {Form::Fixed, "smartphone", kPhone},
    {Form::Fixed, "SmartPhone", kPhone},
    {Form::Fixed, "pc", kDesktop},
    {Form::Fixed, "PC", kDesktop},
    {Form::Fixed, "computer", kDesktop},
    {Form::Fixed, "Computer", kDesktop},
    {Form::Fixed, "tv", kCtv},
    {Form::Fixed, "TV", kCtv},
    {Form::Fixed, "smart_tv", kCtv},
    {Form::Fixed, "Smart_TV", kCtv},
    {Form::Fixed, "connected_tv", kCtv},
    {Form::Fixed, "CONNECTED_TV", kCtv},
    {Form::Fixed, "watch", kUnknown},
    {Form::Fixed, "feature phone", kUnknown},
    {Form::Fixed, "console", kUnknown},
    {Form::Fixed, "", kUnknown},
    {Form::Fixed, "n/a", kUnknown},
    {Form::Fixed, "smart tv", kUnknown},  // not an alias: only smart_tv is
};

constexpr Variant kOsVariants[] = {
    {Form::Title, "", 0},
    {Form::Upper, "", 0},
    {Form::Fixed, "iOS", kIos},
    {Form::Fixed, "iphone os", kIos},
    {Form::Fixed, "iPhone OS", kIos},
    {Form::Fixed, "macOS", kMacos},
    {Form::Fixed, "mac", kMacos},
    {Form::Fixed, "Mac", kMacos},
    {Form::Fixed, "osx", kMacos},
    {Form::Fixed, "OSX", kMacos},
    {Form::Fixed, "mac os x", kMacos},
    {Form::Fixed, "Mac OS X", kMacos},
    {Form::Fixed, "win", kWindows},
    {Form::Fixed, "WIN", kWindows},
    {Form::Fixed, "win10", kWindows},
    {Form::Fixed, "Win10", kWindows},
    {Form::Fixed, "windows 10", kWindows},
    {Form::Fixed, "Windows 10", kWindows},
    {Form::Fixed, "", kUnknown},
    {Form::Fixed, "tizen", kOther},
    {Form::Fixed, "BlackBerry", kOther},
    {Form::Fixed, "kaios", kOther},
    {Form::Fixed, "chromeos", kOther},
    {Form::Fixed, "windows 11", kOther},
    {Form::Fixed, "webOS", kOther},
    {Form::Fixed, "unknown", kOther},  // not a contract value: cleans to other
};

constexpr Variant kGenderVariants[] = {
    {Form::Lower, "", 0},
    {Form::Fixed, "male", kMale},
    {Form::Fixed, "Male", kMale},
    {Form::Fixed, "MALE", kMale},
    {Form::Fixed, "man", kMale},
    {Form::Fixed, "Man", kMale},
    {Form::Fixed, "female", kFemale},
    {Form::Fixed, "Female", kFemale},
    {Form::Fixed, "FEMALE", kFemale},
    {Form::Fixed, "woman", kFemale},
    {Form::Fixed, "Woman", kFemale},
    {Form::Fixed, "", kUnknown},
    {Form::Fixed, "x", kUnknown},
    {Form::Fixed, "U", kUnknown},
    {Form::Fixed, "other", kUnknown},
    {Form::Fixed, "N/A", kUnknown},
};

constexpr Variant kCategoryVariants[] = {
    {Form::Title, "", 0},
    {Form::Upper, "", 0},
    {Form::Fixed, "entertainment", kUnknown},
    {Form::Fixed, "music", kUnknown},
    {Form::Fixed, "other", kUnknown},
    {Form::Fixed, "n/a", kUnknown},
    {Form::Fixed, "", kUnknown},
};

constexpr Variant kCampaignTypeVariants[] = {
    {Form::Lower, "", 0},
    {Form::Title, "", 0},
};

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

int append_age(std::string& out, int age, int v) {
  switch (v) {
    case 0:
      out.push_back('+');
      append_int(out, age);
      return age;
    case 1:
      append_int(out, age);
      out.append(".0");
      return age;
    case 2:
      out.push_back('0');
      append_int(out, age);
      return age;
    case 3:
      append_int(out, age);
      out.append(".00");
      return age;
    case 4:
      out.append("12");
      return -1;
    case 5:
      out.append("101");
      return -1;
    case 6:
      out.append("150");
      return -1;
    case 7:
      out.append("0");
      return -1;
    case 8:
      out.append("-5");
      return -1;
    case 9:
      append_int(out, age);
      out.append(".5");
      return -1;
    case 10:
      out.append("abc");
      return -1;
    case 11:
      return -1;  // empty
    case 12:
      out.append("1e2");
      return -1;
    case 13:
      out.push_back('-');
      append_int(out, age);
      return -1;
    default:
      append_int(out, age);
      return age;
  }
}

double append_rating(std::string& out, int tenths, int v) {
  const double value = tenths / 10.0;
  switch (v) {
    case 0:
      out.push_back('+');
      append_tenths(out, tenths);
      return value;
    case 1:
      append_tenths(out, tenths);
      out.push_back('0');
      return value;
    case 2:
      out.push_back('0');
      append_tenths(out, tenths);
      return value;
    case 3:
      append_tenths(out, tenths);
      out.append("000");
      return value;
    case 4:
      out.append("5.1");
      return 0.0;
    case 5:
      out.append("-0.5");
      return 0.0;
    case 6:
      out.append("10");
      return 0.0;
    case 7:
      out.append("abc");
      return 0.0;
    case 8:
      return 0.0;  // empty
    case 9:
      append_tenths(out, tenths);
      out.append(" stars");
      return 0.0;
    case 10:
      out.append("NaN");
      return 0.0;
    case 11:
      append_int(out, tenths / 10);
      out.push_back(',');  // a decimal comma: the writer quotes it; not a number
      out.push_back(static_cast<char>('0' + tenths % 10));
      return 0.0;
    default:
      append_tenths(out, tenths);
      return value;
  }
}

int append_slot(std::string& out, int slot, int v) {
  switch (v) {
    case 0:
      out.push_back('0');
      append_int(out, slot);
      return slot;
    case 1:
      out.append("10");
      return -1;
    case 2:
      out.append("12");
      return -1;
    case 3:
      out.append("-1");
      return -1;
    case 4:
      out.append("x");
      return -1;
    case 5:
      return -1;  // empty
    case 6:
      append_int(out, slot);
      out.append(".5");
      return -1;
    case 7:
      out.append("top");
      return -1;
    default:
      append_int(out, slot);
      return slot;
  }
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
