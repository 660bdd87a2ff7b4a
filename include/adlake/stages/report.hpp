#pragma once
// The report stage: LAKE/report.html, one self-contained page with
// the funnel, data quality, business figures, the model and the run.
#include <string>

#include "adlake/lineage/fingerprint.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake {

struct ReportOptions {
  std::string lake;  // LAKE: the layers to read; report.html is written there
  std::string out;   // another path for the page (default: LAKE/report.html)
};

// Collective, but only rank 0 works (serial HDF5 reads of small tables and
// attributes); the others wait to agree on errors. A missing layer is not an
// error: its figures say what to run. The page is written under a temporary
// name and renamed, so a reader never sees half a report.
void run_report(Context& ctx, const ReportOptions& options);

// What the page is made from: the pipeline layers that exist and
// metrics.json. run_report records it beside the page (lineage::sidecar_path).
// One process: looks at which layers exist.
lineage::FingerprintSpec report_fingerprint_spec(const ReportOptions& options);

}  // namespace adlake
