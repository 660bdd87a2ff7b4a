#pragma once
// A loop over indices on the OpenMP threads that lets the body throw.
#include <cstdint>
#include <exception>

namespace adlake {

// Calls body(i) for every i in [0, n) on the OpenMP threads, one index at a
// time (dynamic schedule: bodies of very different cost, such as trees), and
// rethrows the first exception a body threw once the loop is done. An
// exception must not leave an OpenMP region, so each is caught inside it.
template <class Body>
void parallel_for_each_index(std::int64_t n, Body&& body) {
  std::exception_ptr error;
#pragma omp parallel for schedule(dynamic, 1)
  for (std::int64_t i = 0; i < n; ++i) {
    try {
      body(i);
    } catch (...) {
#pragma omp critical(adlake_parallel_for_error)
      if (!error) error = std::current_exception();
    }
  }
  if (error) std::rethrow_exception(error);
}

}  // namespace adlake
