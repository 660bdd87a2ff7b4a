#pragma once
// Layer fingerprints: what a layer file was made from, so that
// `adlake run` can tell an up-to-date layer from a stale one. A fingerprint is
// a hash of its recipe: the stage, the adlake version, the options that shape
// the output, the fingerprints of the upstream layer files it read, and the
// names, sizes and modification times of the raw files it read. Same recipe,
// same datasets (CONTRACT 5), so an equal fingerprint means nothing to redo.
// It is stored as root attributes of the layer (`fingerprint`,
// `fingerprint_recipe`). A stage takes it when it starts (agree_fingerprint:
// an input that changes while the stage runs then makes the layer stale) and
// writes it before it publishes the layer (write_fingerprint).
#include <functional>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "adlake/h5/file.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::lineage {

struct FingerprintSpec {
  std::string stage;  // "silver"
  // The options that shape the output. Keys naming where things are
  // ("input", "lake", "out") are left out of the recipe: moving the data does
  // not make it stale.
  nlohmann::json params = nlohmann::json::object();
  std::vector<std::string> layers;  // upstream layer files read, e.g. LAKE/bronze.h5
  std::string raw_dir;              // bronze: the six entities' CSV files under RAW
  std::vector<std::string> files;   // other files or folders read (e.g. RAW/_truth)
};

struct Fingerprint {
  std::string hash;                                  // 16 hex digits
  nlohmann::json recipe = nlohmann::json::object();  // what was hashed

  bool operator==(const Fingerprint& other) const { return hash == other.hash; }
};

// One process: looks at the inputs (attributes of the upstream layers, sizes
// and times of files) and hashes the recipe. Throws (DataError, IoError) when
// an input is missing.
Fingerprint compute_fingerprint(const FingerprintSpec& spec);

// Collective: rank 0 computes, every rank gets the same fingerprint (or the
// same CollectiveError).
Fingerprint agree_fingerprint(const FingerprintSpec& spec, const Comm& comm);
// The same, when finding the inputs takes reading files (rank 0 only calls make_spec).
Fingerprint agree_fingerprint(const std::function<FingerprintSpec()>& make_spec, const Comm& comm);

// Collective on a parallel file: writes the root attributes.
void write_fingerprint(h5::File& file, const Comm& comm, const Fingerprint& fingerprint);

// An output that is no HDF5 file (report.html) keeps its fingerprint beside
// it, in the hidden file .<name>.fingerprint (JSON).
std::string sidecar_path(const std::string& output_path);
// One process: writes the sidecar of `output_path` (temporary name, then rename).
void write_fingerprint_file(const std::string& output_path, const Fingerprint& fingerprint);

// One process: the fingerprint recorded in a layer file (root attributes) or,
// for a file not ending in .h5, in its sidecar; nullopt when the file does not
// exist or has no fingerprint. Throws IoError when it is unreadable.
std::optional<Fingerprint> read_fingerprint(const std::string& layer_path);

// One line saying what differs between an old recipe and a new one
// ("options changed: trees 100 -> 200", "bronze.h5 changed").
std::string explain_change(const Fingerprint& old_fp, const Fingerprint& new_fp);

}  // namespace adlake::lineage
