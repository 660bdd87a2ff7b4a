#pragma once
// Every rank holds the whole binned training set (issue 6 allows it): the
// memory that needs, and the refusal when a rank cannot have it.
#include <cstdint>

#include "adlake/mpi/comm.hpp"

namespace adlake {

// Peak bytes of one rank for `rows` training rows of `features` features
// with `threads` threads growing trees: the gathered raw columns
// (`raw_row_bytes` per row), the binned matrix (1 byte per feature per row),
// and per thread the packed in-bag rows twice (partition buffer) plus the
// bootstrap draws.
uint64_t training_bytes_per_rank(uint64_t rows, uint64_t features, uint64_t raw_row_bytes,
                                 int threads);

// The memory a rank may use: limit_gb when positive, else MemAvailable of
// /proc/meminfo divided among the ranks on this node (collective).
uint64_t memory_budget_per_rank(const Comm& comm, double limit_gb);

}  // namespace adlake
