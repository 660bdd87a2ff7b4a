#include <doctest/doctest.h>

#include <string>

#include "adlake/gen/params.hpp"
#include "adlake/gen/time_format.hpp"
#include "gen_contract_reference.hpp"

using namespace adlake::gen;

TEST_CASE("civil dates convert both ways") {
  CHECK(days_from_civil(1970, 1, 1) == 0);
  CHECK(days_from_civil(2000, 1, 1) == 10957);
  CHECK(days_from_civil(2024, 2, 29) == days_from_civil(2024, 3, 1) - 1);
  for (int64_t t : {0LL, 951782400LL, 1709510400LL, 1709596799LL, 4102444799LL}) {
    const CivilTime c = civil_from_epoch(t);
    CHECK(days_from_civil(c.year, c.month, c.day) * 86400 + c.hour * 3600 + c.minute * 60 +
              c.second ==
          t);
  }
}

TEST_CASE("the generated week starts on a Monday at midnight UTC") {
  const GenParams p;
  const CivilTime c = civil_from_epoch(p.week_start);
  CHECK(c.year == 2024);
  CHECK(c.month == 3);
  CHECK(c.day == 4);
  CHECK(c.hour == 0);
  CHECK((p.week_start / 86400 + 3) % 7 == 0);  // 0 = Monday; 1970-01-01 was a Thursday
}

TEST_CASE("every valid form cleans back to the instant") {
  Rng rng(7, Stream::RequestNoise, 0);
  for (int64_t t : {1709510400LL, 1709555696LL, 1710115199LL, 1709596800LL}) {
    for (int f = 0; f < static_cast<int>(TsForm::kCount); ++f) {
      for (int rep = 0; rep < 20; ++rep) {
        std::string s;
        append_timestamp(s, t, static_cast<TsForm>(f), rng);
        INFO("form " << f << ": " << s);
        const auto parsed = gen_ref::parse_ts(s);
        REQUIRE(parsed.has_value());
        CHECK(*parsed == t);
      }
    }
  }
}

TEST_CASE("every invalid form is rejected by the contract's rule") {
  for (int64_t t : {1709510400LL, 1709555696LL}) {
    for (int k = 0; k < static_cast<int>(BadTs::kCount); ++k) {
      std::string s;
      append_invalid_timestamp(s, t, static_cast<BadTs>(k));
      INFO("kind " << k << ": '" << s << "'");
      CHECK_FALSE(gen_ref::parse_ts(s).has_value());
    }
  }
}
