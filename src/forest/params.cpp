#include "adlake/forest/params.hpp"

#include <algorithm>
#include <cmath>

#include "adlake/core/error.hpp"

namespace adlake::forest {

void ForestParams::validate() const {
  if (n_estimators < 1) throw UsageError("n_estimators must be at least 1");
  if (max_depth < 0) throw UsageError("max_depth must be 0 (no limit) or positive");
  if (min_samples_leaf < 1) throw UsageError("min_samples_leaf must be at least 1");
  if (!(max_samples > 0.0 && max_samples <= 1.0)) {
    throw UsageError("max_samples must be a fraction in (0, 1]");
  }
  if (!(leaf_shrinkage >= 0)) throw UsageError("leaf_shrinkage must be 0 or positive");
  if (!(split_penalty >= 0)) throw UsageError("split_penalty must be 0 or positive");
  features_per_node(1);  // throws on an unreadable max_features
}

int ForestParams::features_per_node(int n) const {
  const double nd = n;
  double k = 0;
  if (max_features == "sqrt") {
    k = std::floor(std::sqrt(nd));  // scikit-learn rounds down: max(1, int(sqrt(n)))
  } else if (max_features == "log2") {
    k = std::floor(std::log2(std::max(nd, 1.0)));
  } else if (max_features == "all") {
    k = nd;
  } else {
    size_t used = 0;
    double v = 0;
    try {
      v = std::stod(max_features, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used != max_features.size() || !(v > 0)) {
      throw UsageError(
          "max_features must be sqrt, log2, all, a count or a fraction in (0, 1), not '" +
          max_features + "'");
    }
    const bool is_fraction = max_features.find('.') != std::string::npos && v < 1.0;
    k = is_fraction ? std::floor(v * nd) : std::floor(v);
  }
  return static_cast<int>(std::clamp(k, 1.0, std::max(nd, 1.0)));
}

nlohmann::json to_json(const ForestParams& p) {
  return {{"n_estimators", p.n_estimators},
          {"max_depth", p.max_depth},
          {"min_samples_leaf", p.min_samples_leaf},
          {"max_features", p.max_features},
          {"class_weight", to_string(p.class_weight)},
          {"bootstrap", p.bootstrap},
          {"max_samples", p.max_samples},
          {"seed", p.seed},
          {"leaf_shrinkage", p.leaf_shrinkage},
          {"split_penalty", p.split_penalty}};
}

ForestParams params_from_json(const nlohmann::json& j) {
  ForestParams p;
  try {
    p.n_estimators = j.at("n_estimators").get<int>();
    p.max_depth = j.at("max_depth").get<int>();
    p.min_samples_leaf = j.at("min_samples_leaf").get<int>();
    p.max_features = j.at("max_features").get<std::string>();
    p.class_weight = parse_class_weight(j.at("class_weight").get<std::string>());
    p.bootstrap = j.at("bootstrap").get<bool>();
    p.max_samples = j.at("max_samples").get<double>();
    p.seed = j.at("seed").get<uint64_t>();
    p.leaf_shrinkage = j.value("leaf_shrinkage", 0.0);
    p.split_penalty = j.value("split_penalty", 0.0);  // models saved before it had none
  } catch (const nlohmann::json::exception& e) {
    throw UsageError(std::string("forest parameters: ") + e.what());
  }
  p.validate();
  return p;
}

std::string to_string(ClassWeight w) {
  return w == ClassWeight::Balanced ? "balanced" : "none";
}

ClassWeight parse_class_weight(const std::string& s) {
  if (s == "balanced") return ClassWeight::Balanced;
  if (s == "none") return ClassWeight::None;
  throw UsageError("class_weight must be balanced or none, not '" + s + "'");
}

}  // namespace adlake::forest
