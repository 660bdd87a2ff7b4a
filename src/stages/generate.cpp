#include "adlake/stages/generate.hpp"

#include <spdlog/spdlog.h>

#include <string>
#include <vector>

#include "adlake/core/timer.hpp"
#include "adlake/eval/oracle_auc.hpp"
#include "adlake/gen/generator.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"
#include "adlake/mpi/summary.hpp"

namespace adlake {
namespace {

double ratio(uint64_t a, uint64_t b) {
  return b > 0 ? static_cast<double>(a) / static_cast<double>(b) : 0.0;
}

// Tasks are dealt round-robin: rank r takes tasks r, r + P, ... (blocks
// cost about the same, so this balances without measuring).
std::vector<gen::Task> my_tasks(const Context& ctx, const std::vector<gen::Task>& tasks) {
  std::vector<gen::Task> mine;
  for (size_t t = static_cast<size_t>(ctx.rank()); t < tasks.size();
       t += static_cast<size_t>(ctx.size()))
    mine.push_back(tasks[t]);
  return mine;
}

// Every rank's totals: the funnel, files, lines and bytes summed, and the
// oracle's AUCs of every rank's test samples.
struct AllTotals {
  unsigned long long requests, impressions, clicks, installs, files, lines, bytes;
  eval::OracleAucs oracle;
};

AllTotals combine(const Comm& comm, const gen::GenTotals& local) {
  std::vector<unsigned long long> sums = {local.counts.requests,
                                          local.counts.impressions,
                                          local.counts.clicks,
                                          local.counts.installs,
                                          local.files,
                                          local.lines,
                                          local.bytes};
  allreduce_sum_inplace(comm, sums);
  std::vector<double> p, pf;
  std::vector<uint8_t> y;
  for (const gen::OracleSample& s : local.test_samples) {
    p.push_back(s.p_click);
    pf.push_back(s.p_click_features);
    y.push_back(s.clicked);
  }
  return {sums[0], sums[1], sums[2], sums[3],
          sums[4], sums[5], sums[6], eval::oracle_aucs(comm, p, pf, y)};
}

// Rank 0's lines: the funnel, the oracle's AUCs and the throughput.
void log_totals(const gen::GenParams& params, const AllTotals& t, double seconds) {
  spdlog::info(
      "generate: funnel {} requests, {} impressions (fill {:.3f}), {} clicks (CTR {:.4f}), "
      "{} installs ({:.3f} of clicks)",
      t.requests, t.impressions, ratio(t.impressions, t.requests), t.clicks,
      ratio(t.clicks, t.impressions), t.installs, ratio(t.installs, t.clicks));
  const eval::OracleAucs& aucs = t.oracle;
  const std::string sample =
      params.oracle_every > 1 ? " (1 in " + std::to_string(params.oracle_every) + ")" : "";
  spdlog::info(
      "generate: test split{} {} impressions, {} clicked: oracle_auc {:.4f}, "
      "feature_oracle_auc {:.4f}",
      sample, aucs.samples, aucs.positives, aucs.oracle_auc, aucs.feature_oracle_auc);
  spdlog::info("generate: {} files, {} lines, {:.1f} MB in {:.2f} s: {:.0f} rows/s, {:.1f} MB/s",
               t.files, t.lines, static_cast<double>(t.bytes) / 1e6, seconds,
               static_cast<double>(t.lines) / seconds,
               static_cast<double>(t.bytes) / 1e6 / seconds);
}

}  // namespace

void run_generate(Context& ctx, const GenerateOptions& options) {
  Stopwatch clock;
  const gen::GenParams params = collective_try(ctx.comm, [&] {
    if (options.out.empty()) throw UsageError("generate needs --out");
    return gen::make_gen_params(options.requests, options.seed, options.noise, options.block_size);
  });
  collective_try(ctx.comm, [&] {
    if (ctx.is_root()) gen::prepare_output(options.out);
  });

  const std::vector<gen::Task> tasks = gen::all_tasks(params);
  const std::vector<gen::Task> mine = my_tasks(ctx, tasks);
  if (ctx.is_root())
    spdlog::info(
        "generate: {} requests, {} users, {} apps, {} campaigns, seed {}, noise {}, {} tasks",
        params.requests, params.users, params.apps, params.campaigns, params.seed, params.noise,
        tasks.size());
  const gen::GenTotals local = collective_try(
      ctx.comm, [&] { return gen::run_tasks(params, options.out, mine, ctx.threads); });
  const double local_seconds = clock.seconds();
  const AllTotals totals = combine(ctx.comm, local);
  const double seconds = allreduce_max(ctx.comm, local_seconds);
  if (ctx.is_root()) log_totals(params, totals, seconds);

  StageReport report{"generate"};
  report.rows_in = static_cast<long long>(totals.lines);
  report.rows_out = static_cast<long long>(totals.lines);
  report.megabytes = static_cast<double>(totals.bytes) / 1e6;
  record_stage(ctx, report, local_seconds);
}

}  // namespace adlake
