// The evaluation figures computed over the ranks equal, bit for bit, those of
// one process on all the rows in rank order: ties across ranks, an empty
// rank, one class, no rows.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <functional>
#include <vector>

#include "adlake/eval/distributed_report.hpp"
#include "adlake/eval/report.hpp"
#include "adlake/eval/roc.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/sample_sort.hpp"

using namespace adlake;

namespace {

struct Rows {
  std::vector<double> scores, probs;
  std::vector<uint8_t> labels;
};

// n rows from a fixed stream; scores and probabilities on a grid of `levels`
// values, so many rows tie (levels = 0: nearly all distinct).
Rows make_rows(size_t n, int levels, int positive_every) {
  Rows r;
  uint64_t s = 12345;
  for (size_t i = 0; i < n; ++i) {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    const double u = static_cast<double>(s >> 11) / 9007199254740992.0;
    const double v = std::fmod(u * 7.31, 1.0);
    r.scores.push_back(levels > 0 ? std::floor(u * levels) / levels : u);
    r.probs.push_back(levels > 0 ? std::floor(v * levels) / levels : v * 0.3);
    r.labels.push_back(positive_every > 0 && (s >> 20) % positive_every == 0 ? 1 : 0);
  }
  return r;
}

// Rank r's rows: uneven, contiguous shares in rank order; rank 0 has none
// when there are several ranks.
Rows share_of(const Rows& all, const Comm& comm) {
  const auto p = static_cast<size_t>(comm.size()), r = static_cast<size_t>(comm.rank());
  const size_t n = all.labels.size();
  const auto bound = [&](size_t k) { return p == 1 ? k * n : k * k * n / (p * p); };
  const size_t begin = bound(r), end = bound(r + 1);
  Rows mine;
  for (size_t i = begin; i < end; ++i) {
    mine.scores.push_back(all.scores[i]);
    mine.probs.push_back(all.probs[i]);
    mine.labels.push_back(all.labels[i]);
  }
  return mine;
}

void check_same_figures(const Rows& all, size_t curve_points) {
  const Comm comm = Comm::world();
  const Rows mine = share_of(all, comm);
  const eval::BinaryFigures spread =
      eval::distributed_binary_figures(comm, mine.scores, mine.probs, mine.labels, curve_points);
  const eval::BinaryFigures one =
      eval::binary_figures(all.scores, all.probs, all.labels, curve_points);
  CHECK(eval::report_json(spread).dump() == eval::report_json(one).dump());
  const auto [log_loss, brier] = eval::distributed_log_loss_brier(comm, mine.probs, mine.labels);
  CHECK(eval::report_json(one)["log_loss"].dump() == nlohmann::json(log_loss).dump());
  CHECK(eval::report_json(one)["brier"].dump() == nlohmann::json(brier).dump());
}

}  // namespace

TEST_CASE("distributed figures equal one process's: ties across ranks and an empty rank") {
  check_same_figures(make_rows(3000, 40, 7), 101);
  check_same_figures(make_rows(3000, 40, 7), 5);
}

TEST_CASE("distributed figures equal one process's: distinct scores, curves thinned") {
  check_same_figures(make_rows(4000, 0, 9), 101);
}

TEST_CASE("distributed figures equal one process's: one class, all tied, no rows") {
  check_same_figures(make_rows(500, 10, 0), 101);  // no positive
  check_same_figures(make_rows(500, 1, 3), 101);   // every score 0
  check_same_figures(make_rows(0, 10, 3), 101);
  const Comm comm = Comm::world();
  const Rows none = share_of(make_rows(500, 10, 0), comm);
  CHECK(std::isnan(eval::distributed_roc_auc(comm, none.scores, none.labels)));
}

TEST_CASE("threshold counts over the ranks: each distinct score once, in descending order") {
  const Comm comm = Comm::world();
  const Rows all = make_rows(2000, 25, 5);
  const Rows mine = share_of(all, comm);
  const eval::ThresholdCounts part =
      eval::distributed_threshold_counts(comm, mine.scores, mine.labels);
  const std::vector<double> thresholds = allgatherv(comm, part.thresholds);
  const std::vector<int64_t> tp = allgatherv(comm, part.tp);
  const eval::ThresholdCounts whole = eval::threshold_counts(all.scores, all.labels);
  CHECK(thresholds == whole.thresholds);
  CHECK(tp == whole.tp);
  CHECK(part.positives == whole.positives);
  CHECK(allreduce_sum(comm, eval::twice_roc_area(part)) == eval::twice_roc_area(whole));
}

TEST_CASE("sample_sort: the global order over the ranks, equal keys on one rank") {
  const Comm comm = Comm::world();
  std::vector<int64_t> mine;
  for (int i = 0; i < 200 * (comm.rank() + 1); ++i) mine.push_back((i * 37 + comm.rank()) % 50);
  const int64_t total = allreduce_sum(comm, static_cast<int64_t>(mine.size()));
  const std::vector<int64_t> part = sample_sort(comm, mine, std::less<int64_t>());
  const std::vector<int64_t> all = allgatherv(comm, part);
  CHECK(static_cast<int64_t>(all.size()) == total);
  CHECK(std::is_sorted(all.begin(), all.end()));
  // A key on this rank is on no other.
  const std::vector<int64_t> firsts = allgather(comm, part.empty() ? int64_t{-1} : part.front());
  const std::vector<int64_t> lasts = allgather(comm, part.empty() ? int64_t{-1} : part.back());
  for (int r = 0; r + 1 < comm.size(); ++r) {
    if (lasts[r] >= 0 && firsts[r + 1] >= 0) CHECK(lasts[r] < firsts[r + 1]);
  }
}
