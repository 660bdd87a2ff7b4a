#pragma once
// `adlake catalog`: what a lake holds and where it came from, on
// stdout. Rank 0 reads the layers with serial HDF5; other ranks only agree on
// errors.
#include <string>

#include "adlake/mpi/context.hpp"

namespace adlake {

struct CatalogOptions {
  std::string lake;
  bool json = false;  // the whole catalog as one JSON document
  bool dot = false;   // only the lineage, as Graphviz
};

void run_catalog(Context& ctx, const CatalogOptions& options);

}  // namespace adlake
