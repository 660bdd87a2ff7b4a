#pragma once
// Each jobs/<job>.cpp registers its subcommand here with a static Registrar:
// it adds its options to a CLI11 subcommand and, when chosen, runs its stage.
#include <CLI/CLI.hpp>

#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "adlake/core/context.hpp"

namespace adlake::jobs {

class Job {
 public:
  virtual ~Job() = default;
  virtual void add_options(CLI::App& command) = 0;
  virtual void run(Context& ctx) = 0;
};

struct JobInfo {
  std::string name;
  std::string description;
  int order;  // position in `adlake --help` (pipeline order)
  std::function<std::unique_ptr<Job>()> make;
};

std::vector<JobInfo>& registry();

template <class J>
struct Registrar {
  Registrar(std::string name, std::string description, int order) {
    registry().push_back(
        {std::move(name), std::move(description), order, [] { return std::make_unique<J>(); }});
  }
};

}  // namespace adlake::jobs
