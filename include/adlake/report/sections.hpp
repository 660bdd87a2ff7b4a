#pragma once
// The sections of report.html, each read from the lake and rendered
// as HTML. A figure whose data is not in the lake shows what to run instead.
#include <string>
#include <string_view>
#include <vector>

#include "adlake/report/html.hpp"
#include "adlake/report/lake.hpp"

namespace adlake::report {

struct Section {
  std::string id;     // the anchor (#funnel)
  std::string title;  // the heading and the table of contents' entry
  std::string html;   // the body
};

// The funnel, and the data quality from bronze's and silver's stats.
Section funnel_section(Lake& lake);
Section quality_section(Lake& lake);
// Revenue and CTR by state, campaign types, advertisers, hours, affinity lift.
Section business_section(Lake& lake);
// The model: metrics against the oracles, curves, calibration, importances.
Section model_section(Lake& lake);
// The run: stage timings (this job's stages when given, as StageReport
// objects, else those stored in the layers), lineage, versions and options.
Section run_section(Lake& lake, const nlohmann::json& job_stages = nlohmann::json::array());

// A figure: caption, a chart and the numbers behind it side by side.
std::string figure(std::string_view caption, std::string_view chart, std::string_view numbers,
                   std::string_view note = "");

// Runs `draw`; a figure it cannot draw becomes the note that says why.
template <class F>
std::string guarded(F&& draw) {
  try {
    return draw();
  } catch (const Unavailable& e) {
    return unavailable(e.what());
  }
}

// Money in a few characters for tiles and bars: "$1.23M", "$45.6k", "$789".
std::string format_usd_short(double micros);

}  // namespace adlake::report
