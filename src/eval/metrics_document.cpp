#include "adlake/eval/metrics_document.hpp"

namespace adlake::eval {

namespace {

nlohmann::json importance_json(const MetricsInputs& in) {
  nlohmann::json j;
  for (size_t f = 0; f < in.features.size(); ++f) {
    j["impurity"][in.features[f].name] = in.impurity[f];
    if (!in.permutation_mean.empty()) {
      j["permutation"][in.features[f].name] = {{"mean", in.permutation_mean[f]},
                                               {"std", in.permutation_std[f]}};
    }
  }
  j["permutation_rows"] = in.permutation_rows;
  j["permutation_repeats"] = in.permutation_repeats;
  j["permutation_scoring"] = "roc_auc drop on the test split";
  return j;
}

}  // namespace

nlohmann::json metrics_document(const MetricsInputs& in) {
  nlohmann::json metrics = report_json(in.test);
  metrics["model"] = "adlake random forest";
  metrics["scores"] =
      "roc_auc, pr_auc and thresholds on score (class-weighted leaf rates); "
      "log_loss, brier and calibration on pctr (unweighted leaf rates)";
  metrics["n_train"] = in.n_train;
  metrics["n_test"] = in.test.rows;
  metrics["train_positive_rate"] = in.train_positive_rate;
  metrics["test_positive_rate"] =
      in.test.rows > 0 ? static_cast<double>(in.test.positives) / static_cast<double>(in.test.rows)
                       : 0.0;
  metrics["uncalibrated_pctr"] = {{"log_loss", in.uncalibrated_log_loss},
                                  {"brier", in.uncalibrated_brier}};
  metrics["calibration"] = {{"method", "platt on out-of-bag pctr"},
                            {"a", in.calibration_a},
                            {"b", in.calibration_b},
                            {"rows", in.calibration_rows}};
  metrics["params"] = in.params;
  metrics["class_weights"] = {{"neg", in.weight_neg}, {"pos", in.weight_pos}};
  nlohmann::json features = nlohmann::json::array();
  for (const MetricsFeature& f : in.features) {
    features.push_back({{"name", f.name}, {"kind", f.kind}, {"bins", f.bins}});
  }
  metrics["features"] = features;
  metrics["feature_importances"] = importance_json(in);
  metrics["train_seconds"] = in.train_seconds;
  metrics.update(in.oracle);
  return metrics;
}

}  // namespace adlake::eval
