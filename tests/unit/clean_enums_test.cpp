// enums.hpp: labels, codes in text order, members of the HDF5 enum types;
// text.hpp: trimming and fixed strings.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "adlake/clean/enums.hpp"
#include "adlake/clean/text.hpp"

using namespace adlake::clean;

TEST_CASE("enum labels are the contract's values") {
  CHECK(label(DeviceType::kPhone) == "phone");
  CHECK(label(DeviceType::kUnknown) == "unknown");
  CHECK(label(Os::kMacos) == "macos");
  CHECK(label(Os::kOther) == "other");
  CHECK(label(Gender::kU) == "U");
  CHECK(label(State::kDC) == "DC");
  CHECK(label(State::kUNK) == "UNK");
  CHECK(label(Category::kEducation) == "education");
  CHECK(label(CampaignType::kCpm) == "CPM");
  CHECK(label(CampaignType::kNone) == "none");
  CHECK(label(AgeBucket::k65Plus) == "65+");
  CHECK(label(RejectReason::kInvalidCampaignType) == "invalid_campaign_type");
  CHECK(label(RejectReason::kMissingKey) == "missing_key");
}

TEST_CASE("codes are in text order, so comparing codes compares text") {
  CHECK(code(State::kTX) < code(State::kUNK));
  CHECK(code(State::kUNK) < code(State::kUT));
  CHECK(code(Category::kNews) < code(Category::kNone));
  CHECK(code(Category::kNone) < code(Category::kShopping));
  CHECK(code(CampaignType::kCpm) < code(CampaignType::kNone));  // 'C' < 'n'
  CHECK(code(Os::kOther) < code(Os::kUnknown));
  CHECK(code(Os::kUnknown) < code(Os::kWindows));
}

TEST_CASE("from_label and from_code invert label and code") {
  CHECK(from_label<State>("WY") == State::kWY);
  CHECK(from_label<State>("UNK") == State::kUNK);
  CHECK_FALSE(from_label<State>("wy").has_value());  // exact, not a cleaning rule
  CHECK(from_label<Category>("none") == Category::kNone);
  CHECK(from_label<AgeBucket>("65+") == AgeBucket::k65Plus);
  CHECK_FALSE(from_label<Gender>("X").has_value());
  CHECK(from_code<Gender>(2) == Gender::kU);
  CHECK_FALSE(from_code<Gender>(3).has_value());
  for (std::size_t i = 0; i < enum_count<State>; ++i) {
    const auto s = *from_code<State>(static_cast<std::uint8_t>(i));
    CHECK(from_label<State>(label(s)) == s);
  }
}

TEST_CASE("enum_members: none only where asked") {
  const auto fact = enum_members<Category>(NoneMember::kInclude);
  const auto dim = enum_members<Category>(NoneMember::kExclude);
  CHECK(fact.size() == 12);
  CHECK(dim.size() == 11);
  for (const auto& m : dim) CHECK(m.label != "none");
  CHECK(dim[6].label == "shopping");
  CHECK(dim[6].code == code(Category::kShopping));  // codes keep their value
  CHECK(enum_members<CampaignType>(NoneMember::kExclude).size() == 3);
  CHECK(enum_members<CampaignType>().size() == 4);
  CHECK(enum_members<State>(NoneMember::kExclude).size() == 52);  // no none to drop
  CHECK(enum_members<AgeBucket>().back().label == "unknown");
}

TEST_CASE("trim: spaces and tabs at both ends only") {
  CHECK(trim("  a b \t") == "a b");
  CHECK(trim("\t\t") == "");
  CHECK(trim("") == "");
  CHECK(trim("\ra\n") == "\ra\n");
  CHECK(trim(" \xC2\xA0x") == "\xC2\xA0x");  // a no-break space is not a blank
}

TEST_CASE("ASCII case folding leaves other bytes alone") {
  CHECK(to_lower('A') == 'a');
  CHECK(to_lower('Z') == 'z');
  CHECK(to_lower('@') == '@');
  CHECK(to_lower('[') == '[');
  CHECK(to_lower('\xC3') == '\xC3');
  CHECK(to_upper('a') == 'A');
  CHECK(to_upper('{') == '{');
  CHECK(equals_lowered("MaC Os X", "mac os x"));
  CHECK_FALSE(equals_lowered("mac os", "mac os x"));
}

TEST_CASE("FixedString orders byte-wise like the strings it holds") {
  using S = FixedString<8>;
  CHECK(S::from("ab") < S::from("abc"));
  CHECK(S::from("abc") < S::from("abd"));
  CHECK(S::from("Z") < S::from("a"));
  CHECK(S::from("\x7f") < S::from("\xC3\xA9"));  // bytes compare unsigned
  CHECK(S::from("") < S::from("a"));
  CHECK(S::from("ab") == S::from("ab"));
  CHECK(S::from(std::string_view("a\0", 2)) > S::from("a"));  // length counts
  CHECK(S::from("12345678").view() == "12345678");
  CHECK(S::from("").empty());
}
