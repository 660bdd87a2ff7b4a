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
#include "adlake/lineage/lake_lock.hpp"
#include "adlake/mpi/environment.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/exit_watchdog.hpp"
#include "adlake/mpi/memory_budget.hpp"
#include "adlake/mpi/summary.hpp"
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
using namespace adlake;

int default_threads() {
  if (const char* env = std::getenv("OMP_NUM_THREADS")) {
    const int n = std::atoi(env);
    if (n > 0) return n;
  }
  return 1;
}

// The options every job takes, before the job's name.
struct GlobalOptions {
  std::string log_level = "info";
  int threads = default_threads();
  std::string max_memory = "auto";
};

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.set_version_flag("--version", std::string("adlake ") + ADLAKE_VERSION);
  app.require_subcommand(1, 1);
  app.fallthrough();
  app.add_option("--log-level", options.log_level,
                 "trace, debug, info, warn, error, critical or off")
      ->capture_default_str();
  app.add_option("--threads", options.threads,
                 "OpenMP threads per rank (default: OMP_NUM_THREADS or 1)")
      ->capture_default_str()
      ->check(CLI::PositiveNumber);
  app.add_option("--max-memory-per-rank", options.max_memory,
                 "stop with an error, before loading, when a rank would need more memory than "
                 "this (e.g. 4G, 512M; 0: no bound; auto: 90% of the node's available memory "
                 "shared by its ranks)")
      ->capture_default_str();
}

struct Command {
  CLI::App* app;
  std::unique_ptr<jobs::Job> job;
};

// One subcommand per registered job, in pipeline order.
std::vector<Command> add_jobs(CLI::App& app) {
  auto& jobs = jobs::registry();
  std::sort(jobs.begin(), jobs.end(), [](auto& a, auto& b) { return a.order < b.order; });
  std::vector<Command> commands;
  for (auto& info : jobs) {
    CLI::App* command = app.add_subcommand(info.name, info.description);
    auto job = info.make();
    job->add_options(*command);
    commands.push_back({command, std::move(job)});
  }
  return commands;
}

const Command& parsed_command(const std::vector<Command>& commands) {
  for (const auto& command : commands) {
    if (command.app->parsed()) return command;
  }
  return commands.front();  // unreachable: CLI11 requires one subcommand
}

// Sets the memory bound, locks the lake the job writes and runs the job:
// the only place its errors are caught. Returns the exit code.
int run_job(Context& ctx, const std::string& name, jobs::Job& job, const std::string& max_memory) {
  const Comm& world = ctx.comm;
  try {
    ctx.max_memory_per_rank = collective_try(world, [&] {
      return max_memory == "auto" ? default_memory_per_rank(world) : parse_memory_size(max_memory);
    });
    if (ctx.is_root()) {
      spdlog::info("adlake {} {}: {} rank(s) x {} thread(s), memory bound {} per rank",
                   ADLAKE_VERSION, name, world.size(), ctx.threads,
                   ctx.max_memory_per_rank ? format_bytes(ctx.max_memory_per_rank) : "none");
    }
    // One job writes a lake at a time (CONTRACT 0), held until the job ends.
    std::optional<lineage::LakeLock> lock;
    if (const auto write = job.lake_written()) {
      lock.emplace(write->lake, name, write->creates, world);
    }
    job.run(ctx);
    if (ctx.is_root() && !ctx.reports.empty()) {
      spdlog::info("{} summary:\n{}", name, format_summary(ctx));
    }
  } catch (const CollectiveError& e) {
    // Every rank agreed on this error and is here too: a clean, quick exit.
    if (ctx.is_root()) spdlog::critical("{} failed: {}", name, e.what());
    spdlog::default_logger()->flush();
    return 1;
  } catch (const std::exception& e) {
    // An error on this rank alone: the others may wait in a collective call,
    // so end the whole job now.
    spdlog::critical("{} failed: {}", name, e.what());
    spdlog::default_logger()->flush();
    MpiEnvironment::abort_job(1);
  }
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  restart_with_huge_page_malloc(argv);
  MpiEnvironment mpi(argc, argv);
  Comm world = Comm::world();

  CLI::App app{
      "adlake: raw ad-server logs to an HDF5 lakehouse and a click-through-rate model.\n"
      "Every job runs as one process or under mpirun/srun."};
  GlobalOptions options;
  add_global_options(app, options);
  const std::vector<Command> commands = add_jobs(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // Only rank 0 prints help or the usage error; every rank exits alike.
    if (world.is_root()) return app.exit(e);
    return e.get_exit_code();
  }
  const Command& command = parsed_command(commands);
  try {
    init_logging(world.rank(), world.size(), options.log_level);
  } catch (const std::exception& e) {
    if (world.is_root()) std::fprintf(stderr, "adlake: %s\n", e.what());
    return 2;
  }
  omp_set_num_threads(options.threads);
  if (const char* tunables = std::getenv("GLIBC_TUNABLES")) {
    spdlog::debug("GLIBC_TUNABLES={}", tunables);
  }

  Context ctx{world, options.threads, {}};
  // A failed job ends within seconds, even when its ranks get stuck.
  arm_exit_watchdog(20.0);
  return run_job(ctx, command.app->get_name(), *command.job, options.max_memory);
}
