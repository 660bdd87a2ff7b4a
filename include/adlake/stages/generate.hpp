#pragma once
// The generate job (CONTRACT 0 and 1): synthetic raw logs of
// the six entities, noisy in every way of CONTRACT 2, and the truth files.
#include <cstdint>
#include <string>

#include "adlake/mpi/context.hpp"

namespace adlake {

struct GenerateOptions {
  std::string out;             // RAW: <entity>/part-NNNNN.csv and _truth/click_prob/
  uint64_t requests = 100000;  // ad requests; users, apps and campaigns follow from it
  uint64_t seed = 42;
  double noise = 0.02;          // share of rows given each kind of noise; 0: clean logs
  uint64_t block_size = 10000;  // requests (or dimension rows) per part file
};

// Collective. Every rank writes the part files of its share of the blocks
// (OpenMP threads inside a rank); the bytes do not depend on the number of
// ranks or threads. Rank 0 logs the funnel, both oracle AUCs of the test
// split, and rows/s and MB/s.
void run_generate(Context& ctx, const GenerateOptions& options);

}  // namespace adlake
