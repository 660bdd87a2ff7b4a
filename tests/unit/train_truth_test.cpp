// read_truth: the truth's click probabilities of the asked ids.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/model/truth.hpp"
#include "csv_temp_dir.hpp"

using adlake::model::read_truth;

TEST_CASE("read_truth finds each asked id, also among ids sharing their first 16 digits") {
  adlake::test::CsvTempDir raw;
  const std::string a = "0123456789abcdef0000000000000001";
  const std::string b = "0123456789abcdef0000000000000002";  // a's 16-digit prefix
  const std::string c = "ffffffffffffffff0000000000000000";  // the last prefix there is
  const std::string d = "00000000000000000000000000000000";  // the first
  const std::string absent = "5555555555555555aaaaaaaaaaaaaaaa";
  raw.write("_truth/click_prob/part-00000.csv", "id_md5,p_click,p_click_features\n" + b +
                                                    ",0.25,0.5\n" + absent.substr(0, 31) +
                                                    "0,0.9,0.9\nnot-hex,0.1,0.1\n\n");
  raw.write("_truth/click_prob/part-00001.csv", "id_md5,p_click,p_click_features\n" + c +
                                                    ",0.125,0.0625\n" + a + ",0.75,1e-3\n" + d +
                                                    ",0,1\n");
  const std::vector<std::string> ids{c, absent, a, "short", b, d};
  const auto t = read_truth((raw.path() / "_truth/click_prob").string(), ids);
  CHECK(t.found == 4);
  CHECK(t.p_click[0] == 0.125);
  CHECK(t.p_click_features[0] == 0.0625);
  CHECK(std::isnan(t.p_click[1]));
  CHECK(t.p_click[2] == 0.75);
  CHECK(t.p_click_features[2] == 1e-3);
  CHECK(std::isnan(t.p_click[3]));
  CHECK(t.p_click[4] == 0.25);
  CHECK(t.p_click_features[4] == 0.5);
  CHECK(t.p_click[5] == 0.0);
  CHECK(t.p_click_features[5] == 1.0);
}

TEST_CASE("read_truth names the file and line of a bad probability") {
  adlake::test::CsvTempDir raw;
  const std::string id = "0123456789abcdef0000000000000001";
  raw.write("_truth/click_prob/part-00000.csv",
            "id_md5,p_click,p_click_features\n" + id + ",0.5,high\n");
  CHECK_THROWS_WITH_AS(read_truth((raw.path() / "_truth/click_prob").string(), {id}),
                       doctest::Contains("part-00000.csv line 2: 'high' is not a probability"),
                       adlake::DataError);
}
