#pragma once
// Reading LAKE/metrics.json (CONTRACT 4) for the report. The contract names
// the metrics but not the shape of curves, tables and importances, so these
// readers accept the shapes a writer would naturally choose (arrays of
// objects, objects of arrays, arrays of pairs) and give the figures one form.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace adlake::report {

struct Points {
  std::vector<double> x, y;
};

// A curve: [{"fpr":..,"tpr":..}], {"fpr":[..],"tpr":[..]} or [[x, y], ..];
// `x_names`/`y_names` are the accepted member names, tried in order.
Points curve_points(const nlohmann::json& curve, std::initializer_list<const char*> x_names,
                    std::initializer_list<const char*> y_names);

// Named numbers: {"name": v}, {"name": {"mean": v, ..}}, [{"feature": n, "importance": v}],
// or {"features": [..], "values": [..]}; in the given order.
std::vector<std::pair<std::string, double>> named_values(const nlohmann::json& values);

struct Confusion {
  double tn = 0, fp = 0, fn = 0, tp = 0;
};
// {"tn","fp","fn","tp"} or [[tn, fp], [fn, tp]].
std::optional<Confusion> confusion_of(const nlohmann::json& j);

// Every object (to depth 3) holding "precision" and "recall": the operating
// points (at 0.5, at the best-F1 threshold), named by their JSON path.
struct OperatingPoint {
  std::string name;
  double threshold = 0, precision = 0, recall = 0, f1 = 0;
  std::optional<Confusion> confusion;
};
std::vector<OperatingPoint> operating_points(const nlohmann::json& metrics);

}  // namespace adlake::report
