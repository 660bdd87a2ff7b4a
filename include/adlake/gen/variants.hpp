#pragma once
// The spellings the raw logs use for each value, and what CONTRACT 2.1's
// cleaning makes of them. Each function appends the text of variant `v` of a
// field and returns the cleaned value, which the click model then sees.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "adlake/gen/rng.hpp"

namespace adlake::gen {

// A textual variant of an enumerated value. Title and Upper re-case the
// row's own value; Fixed writes `text`, whose cleaned code is `value`.
enum class Form : uint8_t { Title, Upper, Lower, Fixed };
struct Variant {
  Form form;
  std::string_view text;
  int value;
};

std::span<const Variant> device_variants();
std::span<const Variant> os_variants();
std::span<const Variant> gender_variants();
std::span<const Variant> category_variants();  // interest, genre and category
std::span<const Variant> campaign_type_variants();

// Appends the variant (or, v < 0, the canonical text) and returns the cleaned code.
int append_enum(std::string& out, std::span<const Variant> variants, int v,
                std::string_view canonical, int value);

// Case-changes a value's text without changing what it cleans to (re-logged rows).
void append_recased(std::string& out, std::string_view text, bool upper);

// state: v in [0, kStateVariants); returns the cleaned state index or kUnknown.
constexpr int kStateVariants = 9;
int append_state(std::string& out, int state, int v);

// age: v in [0, kAgeVariants); returns the cleaned age or -1.
constexpr int kAgeVariants = 14;
int append_age(std::string& out, int age, int v);

// rating in tenths of a star; returns the cleaned rating (0.0 when invalid).
constexpr int kRatingVariants = 12;
double append_rating(std::string& out, int tenths, int v);

// slot: returns the cleaned slot or -1.
constexpr int kSlotVariants = 8;
int append_slot(std::string& out, int slot, int v);

// is_install: truthy and falsy spellings.
constexpr int kTruthyVariants = 11;
constexpr int kFalsyVariants = 12;
void append_install(std::string& out, bool install, int v);

}  // namespace adlake::gen
