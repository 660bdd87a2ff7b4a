#pragma once
// Each layer's bytes on disk beside the bytes of input it holds, for
// `adlake catalog` and the report. The input a layer holds is the raw CSV its
// rows come from: for bronze the files it ingested (their sizes when it
// started, from its fingerprint's recipe), for silver, gold and model the CSV
// of the bronze.h5 they were made from (followed through the fingerprints, so
// a layer made from another bronze.h5 has no figure rather than a wrong one).
// Every ratio is then against the same CSV, and they add up to the lake's.
// Beside it, the upstream layer file a stage read and its bytes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace adlake::lineage {

struct LayerBytes {
  std::string name;                       // "silver.h5"
  int64_t bytes = 0;                      // the file's size on disk
  std::optional<int64_t> csv_bytes;       // the raw CSV it holds; unknown without fingerprints
  std::string upstream;                   // the layer it was read from ("" for bronze)
  std::optional<int64_t> upstream_bytes;  // that file's size, when it is the one it read
};

struct LakeBytes {
  std::vector<LayerBytes> layers;    // the pipeline's layers that exist, in order
  int64_t bytes = 0;                 // their sum
  std::optional<int64_t> csv_bytes;  // bronze's input, when every layer holds that same CSV
};

// One process: stat and the layers' fingerprints (read_fingerprint).
LakeBytes lake_bytes(const std::string& lake);

// "569.0 MB" (decimal units, like du --si and the CSV sizes people quote).
std::string format_bytes(int64_t bytes);

}  // namespace adlake::lineage
