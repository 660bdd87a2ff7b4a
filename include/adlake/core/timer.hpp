#pragma once
// Wall-clock timing of stages and steps.
#include <chrono>
#include <cstdint>
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

// Wall and process CPU seconds (all threads) of a stage's steps, one after
// the other: on a busy machine the wall clock says little, so a step's CPU
// time goes beside it. Each step also keeps the process's resident peak at
// its end (core/process_usage.hpp: since the last reset, usually the
// stage's start), so the step that set a stage's peak can be told.
class StepTimer {
 public:
  struct Step {
    std::string name;
    double seconds = 0;
    double cpu_seconds = 0;
    std::uint64_t peak_memory = 0;  // resident bytes at most, up to the step's end
  };
  StepTimer();
  // Ends the step running since the last call (or construction) as `name`
  // and starts the next; returns the step.
  const Step& done(std::string name);
  const std::vector<Step>& steps() const { return steps_; }

 private:
  Stopwatch wall_;
  double cpu_start_ = 0;
  std::vector<Step> steps_;
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

// What each rank of a stage moved through MPI (mpi/traffic.hpp), held at most
// and spent in CPU time (core/process_usage.hpp); index = rank. Empty when not
// measured.
struct StageUsage {
  std::vector<std::uint64_t> sent;         // bytes to other ranks
  std::vector<std::uint64_t> received;     // bytes from other ranks
  std::vector<std::uint64_t> peak_memory;  // resident bytes
  std::vector<double> cpu_seconds;         // user + system, all threads
  std::uint64_t calls = 0;                 // collective calls (every rank joins each)
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
  StageUsage usage{};
};

}  // namespace adlake
