#pragma once
// Waiting for the other ranks without burning the core. Open MPI's blocking
// collectives, with mpi_yield_when_idle (scripts/mpi_env.sh), call
// sched_yield in a loop while a rank waits for a slower peer: on a VM where a
// system call is expensive, a rank that waits a second makes ~10^5 of them,
// system time that does no work (measured: 1.6-2.1M yields, a quarter of the
// CPU samples, in one CSV-to-gold run at 1M requests on 2 ranks).
//
// src/mpi/idle_wait.cpp therefore defines the blocking collectives that adlake
// and HDF5 call (MPI_Barrier, MPI_Bcast, MPI_Allreduce, MPI_Allgather(v),
// MPI_Gather(v), MPI_Alltoall(v)) through MPI's profiling interface: each
// starts the nonblocking collective (PMPI_I...) and completes it with
// wait_idle(). Same data, same order of messages; a reduction whose result
// could depend on the order of its operations (a sum of floating-point
// values, a user-defined op) stays the blocking call, so every result keeps
// its bits. ROMIO calls PMPI_ directly: its collectives inside a collective
// write still yield.
#include <mpi.h>

#include <chrono>

namespace adlake {

// The longest sleep between two tests: a wait ends at most this much later
// than a spinning one would (and at most a quarter of the time waited).
inline constexpr std::chrono::microseconds kMaxIdleSleep{500};

// Completes `request` as MPI_Wait would: tests it a few times, then sleeps
// between tests, each sleep about a quarter of the time waited so far. Returns
// MPI_Test's error code if it fails.
int wait_idle(MPI_Request& request);

// How many waits this process slept in (diagnostics and tests).
long long idle_sleeping_waits();

}  // namespace adlake
