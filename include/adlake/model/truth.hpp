#pragma once
// The generator's truth files (CONTRACT 1: RAW/_truth/click_prob/*.csv with
// id_md5, p_click, p_click_features), read only to report how far a model is
// from the oracles.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "adlake/mpi/comm.hpp"

namespace adlake::model {

// The truth folder RAW/_truth/click_prob: `explicit_dir` when given (RAW, RAW/_truth or
// the click_prob folder itself), else RAW from the `input` parameter of
// LAKE/bronze.h5's tables when that folder exists. Empty when none is found.
// Throws UsageError when `explicit_dir` is given and holds no truth.
std::string find_truth_dir(const std::string& lake, const std::string& explicit_dir);

struct TruthProbabilities {
  std::vector<double> p_click, p_click_features;  // per asked id; NaN where the truth has none
  int64_t found = 0;
};

// The truth of each of `ids` (32-character id_md5 values).
TruthProbabilities read_truth(const std::string& truth_dir, const std::vector<std::string>& ids);

// Collective. The truth figures of metrics.json (CONTRACT 4: over the test
// split): truth_dir, truth_rows and, when some rows are found, oracle_auc,
// feature_oracle_auc and gap_to_feature_oracle (feature_oracle_auc -
// roc_auc). `ids` and `labels` are this rank's test rows; each rank reads
// the truth files for its own ids, so no rank holds another's.
nlohmann::json oracle_metrics(const Comm& comm, const std::string& truth_dir,
                              const std::vector<std::string>& ids, std::span<const uint8_t> labels,
                              double roc_auc);

}  // namespace adlake::model
