#include "adlake/stages/gold.hpp"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "adlake/core/timer.hpp"
#include "adlake/gold/layer.hpp"
#include "adlake/h5/layer_file.hpp"
#include "adlake/h5/table_io.hpp"
#include "adlake/mpi/summary.hpp"

namespace adlake {
namespace {

std::string silver_path(const GoldOptions& options) {
  return (std::filesystem::path(options.lake) / "silver.h5").string();
}

gold::FactShare read_share(const Context& ctx, const GoldOptions& options) {
  h5::File silver = h5::File::open_layer(silver_path(options), ctx.comm,
                                         "run `adlake silver --lake " + options.lake + "` first");
  gold::FactShare share = gold::read_fact_share(ctx, silver);
  silver.close();
  return share;
}

}  // namespace

lineage::FingerprintSpec gold_fingerprint_spec(const GoldOptions& options) {
  return {"gold", {}, {silver_path(options)}, "", {}};
}

void run_gold(Context& ctx, const GoldOptions& options) {
  const Comm& comm = ctx.comm;
  Stopwatch clock;
  gold::FactShare share = read_share(ctx, options);
  const auto fingerprint = lineage::agree_fingerprint(gold_fingerprint_spec(options), comm);
  const double read_seconds = clock.seconds();
  const gold::GoldLayer gold = gold::build_gold(comm, std::move(share));
  const double compute_seconds = clock.seconds() - read_seconds;

  h5::LayerFile layer(options.lake, "gold.h5", comm);
  const double before_write = clock.seconds();
  gold::write_features(layer.file(), comm, gold);
  const double features_seconds = clock.seconds() - before_write;
  gold::write_aggregates(layer.file(), comm, gold);
  h5::write_run_attributes(layer.file(), comm);
  const double aggregates_seconds = clock.seconds() - before_write - features_seconds;
  lineage::write_fingerprint(layer.file(), comm, fingerprint);
  layer.publish();

  if (ctx.is_root()) {
    spdlog::info(
        "gold: wrote {} ({} feature rows, {} train / {} test) in {:.2f} s: read {:.2f} s, "
        "compute {:.2f} s, write /features {:.2f} s, aggregates {:.2f} s",
        layer.final_path(), gold.counts.rows, gold.counts.train, gold.counts.test, clock.seconds(),
        read_seconds, compute_seconds, features_seconds, aggregates_seconds);
    gold::log_summary(gold.dense);
  }
  StageReport report{"gold"};
  report.rows_in = gold.fact_rows;
  report.rows_out = gold.counts.rows;
  record_stage(ctx, report, clock.seconds());
}

}  // namespace adlake
