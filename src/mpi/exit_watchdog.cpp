#include "adlake/mpi/exit_watchdog.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <thread>
#include <vector>

namespace adlake {
namespace {

struct Watchdog {
  std::mutex mutex;
  double seconds = 0;
  bool started = false;
  std::vector<std::string> removals;
};

Watchdog& watchdog() {
  static Watchdog* w = new Watchdog;  // never destroyed: the thread may outlive main()
  return *w;
}

}  // namespace

void arm_exit_watchdog(double seconds) {
  std::lock_guard lock(watchdog().mutex);
  watchdog().seconds = seconds;
}

void start_exit_watchdog() {
  Watchdog& w = watchdog();
  std::lock_guard lock(w.mutex);
  if (w.seconds <= 0 || w.started) return;
  w.started = true;
  std::thread([&w, seconds = w.seconds] {
    std::this_thread::sleep_for(std::chrono::duration<double>(seconds));
    {
      std::lock_guard removals_lock(w.mutex);
      for (const auto& path : w.removals) std::remove(path.c_str());
    }
    spdlog::critical(
        "still running {:.0f} s after an error: the ranks are stuck in different "
        "MPI or HDF5 calls; ending the job",
        seconds);
    spdlog::default_logger()->flush();
    std::_Exit(1);
  }).detach();
}

EmergencyRemoval::EmergencyRemoval(std::string path) : path_(std::move(path)) {
  std::lock_guard lock(watchdog().mutex);
  watchdog().removals.push_back(path_);
}

EmergencyRemoval::~EmergencyRemoval() {
  std::lock_guard lock(watchdog().mutex);
  auto& removals = watchdog().removals;
  const auto it = std::find(removals.begin(), removals.end(), path_);
  if (it != removals.end()) removals.erase(it);
}

}  // namespace adlake
