#pragma once
// This process's CPU time and peak resident memory, read per stage: the
// summary reads them when a stage ends and starts the next stage's peak from
// the memory then held, so `adlake run` shows what each stage needs rather
// than the largest so far, and CPU seconds that a busy machine's wall clock
// hides.
#include <cstdint>

namespace adlake {

// User + system CPU seconds of the process so far, all threads.
double process_cpu_seconds();

// Peak resident bytes since the process started or since the last
// reset_peak_memory() (Linux: VmHWM of /proc/self/status). 0 when unknown.
std::uint64_t peak_memory_bytes();

// Returns freed heap to the system, then sets the peak to the memory held now
// (Linux 4.0+: "5" to /proc/self/clear_refs). False when the system does not allow it: the next
// peak then includes the stages before.
bool reset_peak_memory();

}  // namespace adlake
