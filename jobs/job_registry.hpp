#pragma once
// Each jobs/<job>.cpp registers its subcommand here with a static Registrar:
// it adds its options to a CLI11 subcommand and, when chosen, runs its stage.
#include <CLI/CLI.hpp>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "adlake/mpi/context.hpp"

namespace adlake::jobs {

// A lake a job writes into: main() locks it for the job's whole run
// (CONTRACT 0, lineage/lake_lock.hpp). `creates`: the job may make the folder.
struct LakeWrite {
  std::string lake;
  bool creates = false;
};

class Job {
 public:
  virtual ~Job() = default;
  virtual void add_options(CLI::App& command) = 0;
  virtual void run(Context& ctx) = 0;
  // The lake this job writes into, if any (after the options are parsed).
  virtual std::optional<LakeWrite> lake_written() const { return std::nullopt; }
};

// Whether `file` goes straight into the folder `lake` (report's and score's
// --out): then their job writes into the lake.
bool is_in_lake(const std::string& file, const std::string& lake);

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
