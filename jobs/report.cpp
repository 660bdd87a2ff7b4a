#include "adlake/stages/report.hpp"

#include "job_registry.hpp"

namespace {

struct ReportJob : adlake::jobs::Job {
  adlake::ReportOptions opts;
  void add_options(CLI::App& c) override {
    c.add_option("--lake", opts.lake, "lake folder (reads its layers and metrics.json)")
        ->required();
    c.add_option("--out", opts.out, "where to write the page (default: LAKE/report.html)");
  }
  void run(adlake::Context& ctx) override { adlake::run_report(ctx, opts); }
  // A page written elsewhere only reads the lake (layers are published whole).
  std::optional<adlake::jobs::LakeWrite> lake_written() const override {
    if (!opts.out.empty() && !adlake::jobs::is_in_lake(opts.out, opts.lake)) return std::nullopt;
    return adlake::jobs::LakeWrite{opts.lake};
  }
};

const adlake::jobs::Registrar<ReportJob> reg{
    "report", "LAKE layers -> LAKE/report.html (one self-contained page)", 60};

}  // namespace
