#include "adlake/stages/silver.hpp"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <ctime>
#include <filesystem>
#include <memory>

#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/summary.hpp"
#include "adlake/silver/build.hpp"
#include "adlake/silver/preflight.hpp"
#include "adlake/silver/write.hpp"

namespace adlake {

lineage::FingerprintSpec silver_fingerprint_spec(const SilverOptions& options) {
  return {"silver", {}, {(std::filesystem::path(options.lake) / "bronze.h5").string()}, "", {}};
}

void run_silver(Context& ctx, const SilverOptions& options) {
  const Comm& comm = ctx.comm;
  Stopwatch clock;
  const std::string bronze_path = (std::filesystem::path(options.lake) / "bronze.h5").string();
  collective_try(comm, [&] {
    if (ctx.is_root()) silver::check_bronze(bronze_path, options);
  });
  // Taken before reading: an input that changes during the run makes the layer stale.
  const auto fingerprint = lineage::agree_fingerprint(silver_fingerprint_spec(options), comm);
  // Wall-clock, this rank's CPU time (user + system: on a shared machine, what
  // the stage itself costs) and its peak memory so far.
  auto step_done = [&](std::string_view what) {
    const double seconds = clock.seconds();
    const double cpu = static_cast<double>(std::clock()) / CLOCKS_PER_SEC;
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    if (ctx.is_root()) {
      spdlog::info("silver: {} ({:.2f} s, cpu {:.2f} s, peak {} MB)", what, seconds, cpu,
                   usage.ru_maxrss / 1024);
    }
  };

  auto bronze = std::make_unique<h5::File>(
      h5::File::open_layer(bronze_path, comm, "run `adlake bronze` first"));
  silver::check_silver_memory(ctx, *bronze, options.chunk_rows);
  const auto file_order = silver::read_file_order(*bronze);
  std::vector<silver::EntityStats> stats = silver::empty_stats();
  silver::Outputs out = silver::build_silver(comm, *bronze, file_order, options, stats, step_done);
  const Table files = silver::read_files_table(*bronze, comm);
  bronze.reset();
  silver::sum_over_ranks(comm, stats);  // and checks bronze rows = rejects + duplicates + kept
  const std::int64_t fact_rows =
      allreduce_sum<std::int64_t>(comm, static_cast<std::int64_t>(out.requests.size()));
  {
    h5::LayerFile layer(options.lake, "silver.h5", comm);
    silver::write_tables(layer.file(), comm, out, stats, files, options, step_done);
    h5::write_run_attributes(layer.file(), comm);
    lineage::write_fingerprint(layer.file(), comm, fingerprint);
    layer.publish();
    step_done("silver.h5 written");
  }

  StageReport report = silver::stage_report(stats, fact_rows);
  // Throughput in MB of the bronze layer it reads (the summary's MB/s).
  report.megabytes = static_cast<double>(std::filesystem::file_size(bronze_path)) / 1e6;
  if (ctx.is_root()) {
    spdlog::info(
        "silver: wrote {}/silver.h5: {} fact rows; joins: users {}, campaigns {}, apps {}\n{}",
        options.lake, fact_rows, silver::label(out.users_join), silver::label(out.campaigns_join),
        silver::label(out.apps_join), silver::format_stats(stats));
  }
  record_stage(ctx, report, clock.seconds());
}

}  // namespace adlake
