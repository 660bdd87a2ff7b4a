// Reading metrics.json in the shapes a trainer may write.
#include <doctest/doctest.h>

#include "adlake/report/metrics_json.hpp"

using namespace adlake::report;
using nlohmann::json;

TEST_CASE("curves as arrays of objects, objects of arrays, or pairs") {
  const auto a = curve_points(json::parse(R"([{"fpr":0,"tpr":0},{"fpr":0.5,"tpr":0.9},{"fpr":1}])"),
                              {"fpr"}, {"tpr"});
  CHECK(a.x == std::vector<double>{0, 0.5});
  CHECK(a.y == std::vector<double>{0, 0.9});
  const auto b = curve_points(json::parse(R"({"recall":[1,0.5],"precision":[0.1,0.6,0.9]})"),
                              {"recall"}, {"precision"});
  CHECK(b.x == std::vector<double>{1, 0.5});
  CHECK(b.y == std::vector<double>{0.1, 0.6});
  const auto c = curve_points(json::parse("[[0,0],[1,1]]"), {"x"}, {"y"});
  CHECK(c.x.size() == 2);
  CHECK(curve_points(json::parse("\"nonsense\""), {"x"}, {"y"}).x.empty());
}

TEST_CASE("named values in several shapes") {
  using V = std::vector<std::pair<std::string, double>>;
  CHECK(named_values(json::parse(R"({"a":0.5,"b":0.25})")) == V{{"a", 0.5}, {"b", 0.25}});
  CHECK(named_values(json::parse(R"({"a":{"mean":0.1,"std":0.01}})")) == V{{"a", 0.1}});
  CHECK(named_values(json::parse(R"([{"feature":"x","importance":0.3}])")) == V{{"x", 0.3}});
  CHECK(named_values(json::parse(R"({"features":["x","y"],"values":[1,2]})")) ==
        V{{"x", 1}, {"y", 2}});
}

TEST_CASE("operating points and confusion matrices are found by their members") {
  const json m = json::parse(R"({
    "roc_auc": 0.8,
    "threshold_0_5": {"threshold": 0.5, "precision": 0.3, "recall": 0.4, "f1": 0.34,
                      "confusion_matrix": [[10, 2], [3, 4]]},
    "best": {"f1": {"threshold": 0.6, "precision": 0.35, "recall": 0.38, "f1": 0.36,
                    "tn": 11, "fp": 1, "fn": 3, "tp": 4}}})");
  const auto points = operating_points(m);
  REQUIRE(points.size() == 2);
  CHECK(points[0].name == "best.f1");
  CHECK(points[0].confusion->tn == 11);
  CHECK(points[1].name == "threshold_0_5");
  CHECK(points[1].threshold == 0.5);
  REQUIRE(points[1].confusion);
  CHECK(points[1].confusion->fp == 2);
  CHECK(points[1].confusion->fn == 3);
  CHECK(!confusion_of(json::parse("[1,2]")));
}
