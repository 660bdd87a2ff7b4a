#pragma once
// Wall-clock timing of stages and steps.
#include <chrono>
#include <string>
#include <vector>

namespace adlake {

// Now, in UTC, as 2026-12-05T04:30:00Z (the `created_at` of layers and tables).
std::string utc_now_iso();

class Stopwatch {
 public:
  Stopwatch() : start_(Clock::now()) {}
  void restart() { start_ = Clock::now(); }
  double seconds() const { return std::chrono::duration<double>(Clock::now() - start_).count(); }

 private:
  using Clock = std::chrono::steady_clock;
  Clock::time_point start_;
};

// Rate-limits progress lines: due() is true at most once per `interval` seconds.
class ProgressClock {
 public:
  explicit ProgressClock(double interval_seconds = 5.0) : interval_(interval_seconds) {}
  bool due() {
    if (last_.seconds() < interval_) return false;
    last_.restart();
    return true;
  }

 private:
  double interval_;
  Stopwatch last_;
};

// One line of a job's summary: what a stage read and wrote and how long each
// rank took (the slowest and fastest rank show the load imbalance).
struct StageReport {
  std::string stage;
  long long rows_in = 0;
  long long rows_out = 0;
  long long rejects = 0;
  double seconds = 0;      // slowest rank
  double min_seconds = 0;  // fastest rank
  double megabytes = 0;    // input bytes, where meaningful
  int slowest_rank = 0;
  int fastest_rank = 0;
  std::string note{};  // e.g. "skipped: up to date" (adlake run)
};

}  // namespace adlake
