// adlake <job> [options]: parses the command line, sets up MPI, logging and
// threads, runs the chosen job, and is the only place errors are caught.
#include <omp.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "adlake/core/error.hpp"
#include "adlake/core/log.hpp"
#include "adlake/core/malloc_tunables.hpp"
#include "adlake/core/memory_budget.hpp"
#include "adlake/core/summary.hpp"
#include "adlake/lineage/lake_lock.hpp"
#include "adlake/mpi/environment.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/exit_watchdog.hpp"
#include "job_registry.hpp"

namespace adlake::jobs {
std::vector<JobInfo>& registry() {
  static std::vector<JobInfo> jobs;
  return jobs;
}

bool is_in_lake(const std::string& file, const std::string& lake) {
  namespace fs = std::filesystem;
  std::error_code ec1, ec2;
  const auto folder = fs::weakly_canonical(fs::absolute(file).parent_path(), ec1);
  const auto lake_folder = fs::weakly_canonical(fs::absolute(lake), ec2);
  return !ec1 && !ec2 && folder == lake_folder;
}
}  // namespace adlake::jobs

namespace {
int default_threads() {
  if (const char* env = std::getenv("OMP_NUM_THREADS")) {
    const int n = std::atoi(env);
    if (n > 0) return n;
  }
  return 1;
}
}  // namespace

int main(int argc, char** argv) {
  using namespace adlake;
  restart_with_huge_page_malloc(argv);
  MpiEnvironment mpi(argc, argv);
  Comm world = Comm::world();

  CLI::App app{
      "adlake: raw ad-server logs to an HDF5 lakehouse and a click-through-rate model.\n"
      "Every job runs as one process or under mpirun/srun."};
  app.set_version_flag("--version", std::string("adlake ") + ADLAKE_VERSION);
  app.require_subcommand(1, 1);
  app.fallthrough();
  std::string log_level = "info";
  int threads = default_threads();
  app.add_option("--log-level", log_level, "trace, debug, info, warn, error, critical or off")
      ->capture_default_str();
  app.add_option("--threads", threads, "OpenMP threads per rank (default: OMP_NUM_THREADS or 1)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  std::string max_memory = "auto";
  app.add_option("--max-memory-per-rank", max_memory,
                 "stop with an error, before loading, when a rank would need more memory than "
                 "this (e.g. 4G, 512M; 0: no bound; auto: 90% of the node's available memory "
                 "shared by its ranks)")
      ->capture_default_str();

  auto& jobs = jobs::registry();
  std::sort(jobs.begin(), jobs.end(), [](auto& a, auto& b) { return a.order < b.order; });
  std::vector<std::pair<CLI::App*, std::unique_ptr<jobs::Job>>> commands;
  for (auto& info : jobs) {
    CLI::App* command = app.add_subcommand(info.name, info.description);
    auto job = info.make();
    job->add_options(*command);
    commands.emplace_back(command, std::move(job));
  }

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Only rank 0 prints help or the usage error; every rank exits alike.
    if (world.is_root()) return app.exit(e);
    return e.get_exit_code();
  }

  const std::string* job_name = nullptr;
  jobs::Job* job = nullptr;
  for (auto& [command, candidate] : commands) {
    if (command->parsed()) {
      job_name = &command->get_name();
      job = candidate.get();
    }
  }
  try {
    init_logging(world.rank(), world.size(), log_level);
  } catch (const std::exception& e) {
    if (world.is_root()) std::fprintf(stderr, "adlake: %s\n", e.what());
    return 2;
  }
  omp_set_num_threads(threads);
  if (const char* tunables = std::getenv("GLIBC_TUNABLES")) spdlog::debug("GLIBC_TUNABLES={}", tunables);

  Context ctx{world, threads, {}};
  // A failed job ends within seconds, even when its ranks get stuck.
  arm_exit_watchdog(20.0);
  try {
    ctx.max_memory_per_rank = collective_try(world, [&] {
      return max_memory == "auto" ? default_memory_per_rank(world) : parse_memory_size(max_memory);
    });
    if (ctx.is_root()) {
      spdlog::info("adlake {} {}: {} rank(s) x {} thread(s), memory bound {} per rank",
                   ADLAKE_VERSION, *job_name, world.size(), threads,
                   ctx.max_memory_per_rank ? format_bytes(ctx.max_memory_per_rank) : "none");
    }
    // One job writes a lake at a time (CONTRACT 0), held until the job ends.
    std::optional<lineage::LakeLock> lock;
    if (const auto write = job->lake_written()) {
      lock.emplace(write->lake, *job_name, write->creates, world);
    }
    job->run(ctx);
    if (ctx.is_root() && !ctx.reports.empty()) {
      spdlog::info("{} summary:\n{}", *job_name, format_summary(ctx));
    }
  } catch (const CollectiveError& e) {
    // Every rank agreed on this error and is here too: a clean, quick exit.
    if (ctx.is_root()) spdlog::critical("{} failed: {}", *job_name, e.what());
    spdlog::default_logger()->flush();
    return 1;
  } catch (const std::exception& e) {
    // An error on this rank alone: the others may wait in a collective call,
    // so end the whole job now.
    spdlog::critical("{} failed: {}", *job_name, e.what());
    spdlog::default_logger()->flush();
    MpiEnvironment::abort_job(1);
  }
  return 0;
}
