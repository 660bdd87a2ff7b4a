#pragma once
// What bronze will read: the files of every entity, checked before any output
// exists (CONTRACT 1: a bad header is fatal "before any output is written").
#include <string>
#include <vector>

#include "adlake/stages/bronze_share.hpp"

namespace adlake::bronze {

struct BronzePlan {
  std::vector<EntityInput> entities;  // CONTRACT 1 order; /_files indexes follow it

  std::size_t file_count() const;
};

// One process: lists the six entities' files under `raw_dir` and checks every
// header (readable file, header row, required columns). Throws DataError or
// IoError naming the folder, file or column. `warnings` gets one line per file
// with extra columns.
BronzePlan plan_input(const std::string& raw_dir, std::vector<std::string>& warnings);

// The plan as text, to broadcast, and back (full paths are rebuilt from raw_dir).
std::string plan_to_json(const BronzePlan& plan);
BronzePlan plan_from_json(const std::string& text, const std::string& raw_dir);

}  // namespace adlake::bronze
