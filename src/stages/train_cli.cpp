#include <CLI/CLI.hpp>

#include "adlake/stages/train.hpp"

namespace adlake {

void add_train_options(CLI::App& c, TrainOptions& opts) {
  auto& f = opts.forest;
  c.add_option("--truth", opts.truth,
               "RAW (or RAW/_truth) of the generator, for oracle_auc and feature_oracle_auc "
               "(default: the input recorded in LAKE/bronze.h5, when it has truth files)");
  c.add_option("--n-estimators", f.n_estimators, "trees")->capture_default_str();
  c.add_option("--max-depth", f.max_depth, "maximum tree depth, 0 = none")->capture_default_str();
  c.add_option("--min-samples-leaf", f.min_samples_leaf, "bootstrap draws per leaf, at least")
      ->capture_default_str();
  c.add_option("--max-features", f.max_features,
               "features tried per node: sqrt, log2, all, a count or a fraction")
      ->capture_default_str();
  c.add_option_function<std::string>(
       "--class-weight",
       [&f](const std::string& text) { f.class_weight = forest::parse_class_weight(text); },
       "balanced or none")
      ->check(CLI::IsMember({"balanced", "none"}))
      ->default_str(forest::to_string(f.class_weight));
  c.add_option("--bootstrap", f.bootstrap, "draw each tree's rows with replacement")
      ->capture_default_str();
  c.add_option("--max-samples", f.max_samples, "bootstrap draws as a fraction of the rows")
      ->capture_default_str();
  c.add_option("--leaf-shrinkage", f.leaf_shrinkage,
               "hierarchical shrinkage of node values toward the parent's, in draws (0 = none)")
      ->capture_default_str();
  c.add_option("--split-penalty", f.split_penalty,
               "splits compete on their Gini decrease minus this many times the decrease of a "
               "feature unrelated to the label (categories - 1 degrees of freedom); 0 = plain Gini")
      ->capture_default_str();
  c.add_option("--seed", f.seed, "forest seed: tree t's randomness comes from (seed, t)")
      ->capture_default_str();
  c.add_option("--categorical-integers", opts.categorical_integers,
               "integer columns split as categories (default: hour_of_day day_of_week "
               "is_affinity_match is_contextual_match)");
  c.add_option("--permutation-rows", opts.permutation_rows,
               "test rows for permutation importance, 0 = skip")
      ->capture_default_str();
  c.add_option("--permutation-repeats", opts.permutation_repeats, "shuffles per feature")
      ->capture_default_str();
}

}  // namespace adlake
