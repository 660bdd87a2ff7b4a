#include "adlake/stages/catalog.hpp"

#include <cstdio>

#include "adlake/core/error.hpp"
#include "adlake/lineage/catalog_format.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake {

void run_catalog(Context& ctx, const CatalogOptions& options) {
  if (options.json && options.dot) throw UsageError("catalog: choose one of --json and --dot");
  std::string out;
  collective_try(ctx.comm, [&] {
    if (!ctx.is_root()) return;
    const auto catalog = lineage::read_catalog(options.lake);
    const auto graph = lineage::build_lineage(catalog);
    if (options.dot) {
      out = lineage::lineage_dot(graph);
    } else if (options.json) {
      out = lineage::catalog_json(catalog, graph).dump(2) + "\n";
    } else {
      out = lineage::catalog_text(catalog, graph);
    }
  });
  if (ctx.is_root()) {
    std::fwrite(out.data(), 1, out.size(), stdout);
    std::fflush(stdout);
  }
}

}  // namespace adlake
