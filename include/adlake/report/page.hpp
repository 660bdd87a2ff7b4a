#pragma once
// report.html as a whole: one self-contained page, inline CSS and
// SVG, no script, nothing fetched from anywhere; readable on a laptop screen
// and printable.
#include <nlohmann/json.hpp>
#include <string>

#include "adlake/report/lake.hpp"

namespace adlake::report {

struct PageInfo {
  std::string generated_at;  // UTC, ISO 8601
  std::string command;       // how the report was made, e.g. "adlake report --lake out/lake"
  // The stages this job ran before the report (adlake run): [{stage, rows_in,
  // rows_out, rejects, seconds, min_seconds, ...}]; empty when run on its own.
  nlohmann::json stages = nlohmann::json::array();
};

std::string render_page(Lake& lake, const PageInfo& info);

}  // namespace adlake::report
