#include <doctest/doctest.h>

#include <string>

#include "adlake/gen/id_variants.hpp"
#include "adlake/gen/money_variants.hpp"
#include "adlake/gen/variants.hpp"
#include "adlake/gen/vocab.hpp"
#include "gen_contract_reference.hpp"

using namespace adlake::gen;

namespace {

std::string code_text(int code, std::string_view canonical_unknown,
                      std::span<const std::string_view> names) {
  if (code == kUnknown) return std::string(canonical_unknown);
  if (code == kOther) return "other";
  return std::string(names[static_cast<size_t>(code)]);
}

}  // namespace

TEST_CASE("device, os, gender and category variants clean to the value they claim") {
  for (int d = 0; d < kDeviceCount; ++d) {
    for (int v = -1; v < static_cast<int>(device_variants().size()); ++v) {
      std::string s;
      const int code = append_enum(s, device_variants(), v, kDevices[d], d);
      INFO("device '" << s << "'");
      CHECK(gen_ref::clean_device(s) == code_text(code, "unknown", kDevices));
    }
  }
  for (int o = 0; o < kOsCount; ++o) {
    for (int v = -1; v < static_cast<int>(os_variants().size()); ++v) {
      std::string s;
      const int code = append_enum(s, os_variants(), v, kOses[o], o);
      INFO("os '" << s << "'");
      CHECK(gen_ref::clean_os(s) == code_text(code, "unknown", kOses));
    }
  }
  for (int g = 0; g < 2; ++g) {
    for (int v = -1; v < static_cast<int>(gender_variants().size()); ++v) {
      std::string s;
      const int code = append_enum(s, gender_variants(), v, kGenders[g], g);
      INFO("gender '" << s << "'");
      CHECK(gen_ref::clean_gender(s) == code_text(code, "U", kGenders));
    }
  }
  for (int c = 0; c < kCategoryCount; ++c) {
    for (int v = -1; v < static_cast<int>(category_variants().size()); ++v) {
      std::string s;
      const int code = append_enum(s, category_variants(), v, kCategories[c], c);
      INFO("category '" << s << "'");
      CHECK(gen_ref::clean_category(s) == code_text(code, "unknown", kCategories));
    }
  }
}

TEST_CASE("state variants: codes, full names in odd case and spacing, unknowns") {
  for (int st = 0; st < kStateCount; ++st) {
    for (int v = -1; v < kStateVariants; ++v) {
      std::string s;
      const int code = append_state(s, st, v);
      // CONTRACT 2.1: uppercase; a code, else a full name with inner space runs folded.
      std::string folded;
      for (char ch : gen_ref::upper(gen_ref::trim(s)))
        if (ch != ' ' || folded.empty() || folded.back() != ' ') folded.push_back(ch);
      std::string expect = "UNK";
      for (const StateInfo& info : kStates)
        if (folded == info.code || folded == gen_ref::upper(info.name)) expect = info.code;
      INFO("state '" << s << "'");
      CHECK(expect == (code == kUnknown ? std::string("UNK") : std::string(kStates[code].code)));
    }
  }
}

TEST_CASE("numeric variants clean to the value they claim") {
  for (int age : {13, 16, 34, 90, 100}) {
    for (int v = -1; v < kAgeVariants; ++v) {
      std::string s;
      const int code = append_age(s, age, v);
      INFO("age '" << s << "'");
      CHECK(gen_ref::clean_age(s) == code);
    }
  }
  for (int tenths : {10, 43, 50}) {
    for (int v = -1; v < kRatingVariants; ++v) {
      std::string s;
      const double value = append_rating(s, tenths, v);
      INFO("rating '" << s << "'");
      CHECK(gen_ref::clean_rating(s) == doctest::Approx(value));
    }
  }
  for (int slot = 0; slot < 10; ++slot) {
    for (int v = -1; v < kSlotVariants; ++v) {
      std::string s;
      const int code = append_slot(s, slot, v);
      INFO("slot '" << s << "'");
      CHECK(gen_ref::clean_slot(s) == code);
    }
  }
}

TEST_CASE("money: valid forms round to the micros, invalid forms are rejected") {
  for (int64_t micros : {1LL, 2500LL, 1234567LL, 3000000LL, 999999999LL}) {
    for (int v = -1; v < kMoneyVariants; ++v) {
      std::string s;
      append_money(s, micros, v);
      INFO("money '" << s << "'");
      const auto parsed = gen_ref::parse_micros(s);
      REQUIRE(parsed.has_value());
      CHECK(*parsed == micros);
    }
    for (int v = 0; v < kBadMoneyVariants; ++v) {
      std::string s;
      append_bad_money(s, micros, v);
      INFO("bad money '" << s << "'");
      CHECK_FALSE(gen_ref::parse_micros(s).has_value());
    }
  }
}

TEST_CASE("is_install, ip and id variants") {
  for (int v = -1; v < kTruthyVariants; ++v) {
    std::string s;
    append_install(s, true, v);
    CHECK(gen_ref::clean_install(s));
  }
  for (int v = -1; v < kFalsyVariants; ++v) {
    std::string s;
    append_install(s, false, v);
    CHECK_FALSE(gen_ref::clean_install(s));
  }
  const uint32_t ip = 10u << 24 | 1u << 16 | 20u << 8 | 3u;
  for (int v = -1; v < kIpVariants; ++v) {
    std::string s;
    append_ip(s, ip, v);
    INFO("ip '" << s << "'");
    CHECK(gen_ref::clean_ip(s) == (v < kIpValidVariants ? "10.1.20.0/24" : "unknown"));
  }
  const std::string id = "0123456789abcdef0123456789abcdef";
  for (int v = 0; v < kIdCaseVariants; ++v) {
    std::string s;
    append_id_recased(s, id, v);
    CHECK(s != id);
    CHECK(gen_ref::lower(s) == id);
  }
  for (int v = 0; v < kBadIdVariants; ++v) {
    std::string s;
    append_bad_id(s, id, v);
    INFO("bad id '" << s << "'");
    CHECK_FALSE(gen_ref::valid_id(s));
  }
  std::string key;
  append_overlong_key(key, "u0000001");
  CHECK(key.size() > 64);
}
