#pragma once
// Finding an entity's input files (CONTRACT 1): RAW/<entity>/*.csv, or the
// single file RAW/<entity>.csv.
#include <cstdint>
#include <string>
#include <vector>

namespace adlake::csv {

struct InputFile {
  std::string path;  // relative to RAW, '/'-separated: "requests/part-00000.csv"
  std::uint64_t bytes = 0;

  bool operator==(const InputFile&) const = default;
};

// The files of `entity` under `raw_dir`, sorted by name (byte-wise). Throws
// DataError naming what is wrong when `raw_dir` is not a folder, when the
// entity has no file, when it has both a folder and a RAW/<entity>.csv, or
// when one of its *.csv is not a regular file (a folder, a dangling link).
// Names starting with '.' are skipped, as a shell's *.csv would.
std::vector<InputFile> list_entity_files(const std::string& raw_dir, const std::string& entity);

}  // namespace adlake::csv
