#pragma once
// What bronze will read: the files of every entity, checked before any output
// exists (CONTRACT 1: a bad header is fatal "before any output is written").
#include <cstdint>
#include <string>
#include <vector>

#include "adlake/bronze/share.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::bronze {

struct BronzePlan {
  std::vector<EntityInput> entities;  // CONTRACT 1 order; /_files indexes follow it

  std::size_t file_count() const;
  std::uint64_t bytes() const;  // of every file
};

// One process: lists the six entities' files under `raw_dir` and checks every
// header (readable file, header row, required columns). Throws DataError or
// IoError naming the folder, file or column. `warnings` gets one line per file
// with extra columns.
BronzePlan plan_input(const std::string& raw_dir, std::vector<std::string>& warnings);

// Collective: rank 0 plans (plan_input, its warnings logged) and every rank
// gets the plan; a bad input is the same error on every rank.
BronzePlan agree_plan(const Comm& comm, const std::string& raw_dir);

// The plan as text, to broadcast, and back (full paths are rebuilt from raw_dir).
std::string plan_to_json(const BronzePlan& plan);
BronzePlan plan_from_json(const std::string& text, const std::string& raw_dir);

}  // namespace adlake::bronze
