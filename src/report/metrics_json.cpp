#include "adlake/report/metrics_json.hpp"

#include <cmath>

#include "adlake/report/lake.hpp"

namespace adlake::report {

using nlohmann::json;

Points curve_points(const json& curve, std::initializer_list<const char*> x_names,
                    std::initializer_list<const char*> y_names) {
  Points p;
  if (curve.is_array()) {
    for (const auto& point : curve) {
      if (point.is_array() && point.size() >= 2 && point[0].is_number() && point[1].is_number()) {
        p.x.push_back(point[0].get<double>());
        p.y.push_back(point[1].get<double>());
      } else if (point.is_object()) {
        const double x = number_at(point, x_names), y = number_at(point, y_names);
        if (std::isfinite(x) && std::isfinite(y)) p.x.push_back(x), p.y.push_back(y);
      }
    }
  } else if (curve.is_object()) {
    const json* xs = find_key(curve, x_names);
    const json* ys = find_key(curve, y_names);
    if (xs && ys && xs->is_array() && ys->is_array()) {
      for (size_t i = 0; i < std::min(xs->size(), ys->size()); ++i) {
        if ((*xs)[i].is_number() && (*ys)[i].is_number()) {
          p.x.push_back((*xs)[i].get<double>());
          p.y.push_back((*ys)[i].get<double>());
        }
      }
    }
  }
  return p;
}

std::vector<std::pair<std::string, double>> named_values(const json& values) {
  std::vector<std::pair<std::string, double>> out;
  const auto value_of = [](const json& v) {
    if (v.is_number()) return v.get<double>();
    return number_at(v, {"mean", "importance", "value", "drop"});
  };
  if (values.is_object()) {
    const json* names = find_key(values, {"features", "feature_names", "names"});
    const json* numbers = find_key(values, {"values", "importances", "mean", "importance"});
    if (names && numbers && names->is_array() && numbers->is_array()) {
      for (size_t i = 0; i < std::min(names->size(), numbers->size()); ++i) {
        if ((*names)[i].is_string())
          out.emplace_back((*names)[i].get<std::string>(), value_of((*numbers)[i]));
      }
      return out;
    }
    for (const auto& [name, v] : values.items()) {
      const double x = value_of(v);
      if (std::isfinite(x)) out.emplace_back(name, x);
    }
  } else if (values.is_array()) {
    for (const auto& item : values) {
      const json* name = find_key(item, {"feature", "name"});
      if (name && name->is_string()) out.emplace_back(name->get<std::string>(), value_of(item));
    }
  }
  return out;
}

std::optional<Confusion> confusion_of(const json& j) {
  if (j.is_object()) {
    const double tn = number_at(j, {"tn"}), fp = number_at(j, {"fp"}), fn = number_at(j, {"fn"}),
                 tp = number_at(j, {"tp"});
    if (std::isfinite(tn) && std::isfinite(fp) && std::isfinite(fn) && std::isfinite(tp)) {
      return Confusion{tn, fp, fn, tp};
    }
    for (const auto& [key, v] : j.items()) {
      if (key.find("confusion") != std::string::npos) return confusion_of(v);
    }
  }
  if (j.is_array() && j.size() == 2 && j[0].is_array() && j[1].is_array() && j[0].size() == 2 &&
      j[1].size() == 2) {
    return Confusion{j[0][0].get<double>(), j[0][1].get<double>(), j[1][0].get<double>(),
                     j[1][1].get<double>()};
  }
  return std::nullopt;
}

namespace {

void collect_points(const json& j, const std::string& path, int depth,
                    std::vector<OperatingPoint>& out) {
  if (!j.is_object() || depth > 3) return;
  if (j.contains("precision") && j.contains("recall")) {
    OperatingPoint p;
    p.name = path.empty() ? "model" : path;
    p.threshold = number_at(j, {"threshold", "cutoff"});
    p.precision = number_at(j, {"precision"});
    p.recall = number_at(j, {"recall"});
    p.f1 = number_at(j, {"f1", "f1_score"});
    p.confusion = confusion_of(j);
    out.push_back(std::move(p));
    return;
  }
  for (const auto& [key, v] : j.items()) {
    collect_points(v, path.empty() ? key : path + "." + key, depth + 1, out);
  }
}

}  // namespace

std::vector<OperatingPoint> operating_points(const json& metrics) {
  std::vector<OperatingPoint> out;
  collect_points(metrics, "", 0, out);
  return out;
}

}  // namespace adlake::report
