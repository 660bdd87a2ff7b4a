#pragma once
// The assertion of the fuzz targets: a failed invariant aborts, which libFuzzer
// reports as a crash and saves the input under artifacts/. assert() would
// vanish under NDEBUG; this never does.
#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond)                                                                \
  do {                                                                                  \
    if (!(cond)) {                                                                      \
      std::fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
      std::abort();                                                                     \
    }                                                                                   \
  } while (0)
