#pragma once
// Parameters of the random forest, named and meant as in scikit-learn's
// RandomForestClassifier where they mean the same. The defaults suit
// click logs (tabular, mostly categorical, 10:1 imbalance); docs/decisions.md,
// section "Forest", says how they were chosen.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

namespace adlake::forest {

enum class ClassWeight : uint8_t { None, Balanced };

struct ForestParams {
  int n_estimators = 120;
  int max_depth = 0;           // 0: no limit
  int min_samples_leaf = 100;  // bootstrap draws (not distinct rows) per leaf
  // Features tried per node: "sqrt", "log2", "all", an integer count or a
  // fraction in (0, 1).
  std::string max_features = "4";
  ClassWeight class_weight = ClassWeight::Balanced;
  bool bootstrap = true;
  double max_samples = 0.5;  // bootstrap draws as a fraction of the rows, in (0, 1]
  uint64_t seed = 42;
  // Hierarchical shrinkage of node values toward their parents', in draws
  // (0: none). Not a scikit-learn parameter.
  double leaf_shrinkage = 0;
  // Splits compete on their impurity decrease minus split_penalty times the
  // decrease a feature unrelated to the label would show by chance (its
  // categories - 1, or 1 for a numeric threshold, degrees of freedom), and a
  // node whose best split does not exceed that is a leaf; 0 is scikit-learn's
  // plain Gini. Not a scikit-learn parameter.
  double split_penalty = 1.0;

  void validate() const;                        // throws UsageError
  int features_per_node(int n_features) const;  // resolved max_features, >= 1
};

nlohmann::json to_json(const ForestParams& p);
ForestParams params_from_json(const nlohmann::json& j);  // throws UsageError

std::string to_string(ClassWeight w);
ClassWeight parse_class_weight(const std::string& s);  // "balanced" or "none"

}  // namespace adlake::forest
