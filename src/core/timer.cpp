#include "adlake/core/timer.hpp"

#include <chrono>
#include <ctime>

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

StepTime StepTimer::elapsed() const {
  return {wall_.seconds(), process_cpu_seconds() - cpu_start_};
}

StepTime StepTimer::lap() {
  const StepTime step = elapsed();
  restart();
  return step;
}

void StepTimer::restart() {
  wall_.restart();
  cpu_start_ = process_cpu_seconds();
}

}  // namespace adlake
