#pragma once
// metrics.json (CONTRACT 4): the test split's evaluation figures with what
// the model is and how it was trained. Plain data, so eval needs no forest.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "adlake/eval/report.hpp"

namespace adlake::eval {

struct MetricsFeature {
  std::string name;
  std::string kind;  // numeric or categorical
  int bins = 0;
};

struct MetricsInputs {
  BinaryFigures test;  // scores and pctr of the test split
  double uncalibrated_log_loss = 0, uncalibrated_brier = 0;
  uint64_t n_train = 0;
  double train_positive_rate = 0;
  double calibration_a = 1, calibration_b = 0;
  int64_t calibration_rows = 0;
  nlohmann::json params;
  double weight_neg = 1, weight_pos = 1;
  std::vector<MetricsFeature> features;
  std::vector<double> impurity;                           // per feature
  std::vector<double> permutation_mean, permutation_std;  // per feature, or empty
  int64_t permutation_rows = 0;
  int permutation_repeats = 0;
  double train_seconds = 0;
  nlohmann::json oracle = nlohmann::json::object();  // truth figures, when known
};

// metrics.json without `run` (the caller adds the run's figures).
nlohmann::json metrics_document(const MetricsInputs& in);

}  // namespace adlake::eval
