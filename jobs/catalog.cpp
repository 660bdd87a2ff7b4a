#include "adlake/stages/catalog.hpp"

#include "job_registry.hpp"

namespace {
struct CatalogJob : adlake::jobs::Job {
  adlake::CatalogOptions opts;
  void add_options(CLI::App& c) override {
    c.add_option("--lake", opts.lake, "lake folder")->required();
    c.add_flag("--json", opts.json, "print the catalog as JSON");
    c.add_flag("--dot", opts.dot, "print only the lineage graph, in Graphviz dot");
  }
  void run(adlake::Context& ctx) override { adlake::run_catalog(ctx, opts); }
};
const adlake::jobs::Registrar<CatalogJob> reg{
    "catalog", "every table of LAKE: rows, columns, lineage, rejects (text, --json, --dot)", 80};
}  // namespace
