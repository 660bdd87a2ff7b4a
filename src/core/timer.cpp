#include "adlake/core/timer.hpp"

#include <chrono>
#include <ctime>
#include <utility>

#include "adlake/core/process_usage.hpp"

namespace adlake {

std::string utc_now_iso() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

StepTimer::StepTimer() : cpu_start_(process_cpu_seconds()) {}

const StepTimer::Step& StepTimer::done(std::string name) {
  const double cpu = process_cpu_seconds();
  steps_.push_back({std::move(name), wall_.seconds(), cpu - cpu_start_, peak_memory_bytes()});
  wall_.restart();
  cpu_start_ = cpu;
  return steps_.back();
}

}  // namespace adlake
