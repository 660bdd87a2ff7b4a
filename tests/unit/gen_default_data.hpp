#pragma once
// The default data of `adlake generate` (its option defaults), generated once
// per test process into a temporary folder with the generator library.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "adlake/gen/generator.hpp"
#include "adlake/stages/generate.hpp"

namespace gen_ref {

struct DefaultData {
  std::filesystem::path raw;
  adlake::gen::GenParams params;
  adlake::gen::GenTotals totals;

  DefaultData() {
    const adlake::GenerateOptions defaults;
    params = adlake::gen::make_gen_params(defaults.requests, defaults.seed, defaults.noise,
                                          defaults.block_size);
    raw = std::filesystem::temp_directory_path() /
          ("adlake_gen_default_" + std::to_string(::getpid()));
    adlake::gen::prepare_output(raw);
    totals = adlake::gen::run_tasks(params, raw, adlake::gen::all_tasks(params), 2);
  }
  ~DefaultData() {
    std::error_code ec;
    std::filesystem::remove_all(raw, ec);
  }
};

inline const DefaultData& default_data() {
  static const DefaultData data;
  return data;
}

}  // namespace gen_ref
