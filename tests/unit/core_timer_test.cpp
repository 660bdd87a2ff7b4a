// The step timer: CPU seconds count this process's work, and a lap starts the
// next step from zero.
#include <doctest/doctest.h>

#include <cmath>

#include "adlake/core/timer.hpp"

namespace {

// About `seconds` of CPU work in this thread; the result keeps it from being
// optimised away.
double burn_cpu(double seconds) {
  const adlake::StepTimer timer;
  double x = 0;
  while (timer.elapsed().cpu_seconds < seconds) {
    for (int i = 1; i < 100000; ++i) x += std::sqrt(static_cast<double>(i));
  }
  return x;
}

}  // namespace

TEST_CASE("a step's CPU seconds count the work done in it, and lap() starts the next step") {
  adlake::StepTimer timer;
  CHECK(burn_cpu(0.05) > 0);
  const adlake::StepTime first = timer.lap();
  CHECK(first.cpu_seconds >= 0.05);
  CHECK(first.seconds > 0);
  const adlake::StepTime next = timer.elapsed();
  CHECK(next.cpu_seconds < first.cpu_seconds);
  CHECK(next.seconds < first.seconds);
  timer.restart();
  CHECK(timer.elapsed().cpu_seconds < first.cpu_seconds);
}
