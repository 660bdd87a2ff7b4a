#pragma once
// A bound on the memory of each rank before a stage loads data it
// estimates what it will hold and, when a rank would go over the bound, every
// rank stops with one clear error (how much, where, what to do) instead of the
// kernel's OOM killer ending the job without a word.
//
// The bound comes from `--max-memory-per-rank` (main.cpp), by default 90% of
// the memory available to this node's ranks (the smaller of MemAvailable and a
// cgroup limit, as Slurm sets one), shared evenly by the ranks on the node.
#include <cstdint>
#include <string>
#include <string_view>

#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/context.hpp"

namespace adlake {

// "4G", "512M", "1.5GiB", "800k", "1000000" (bytes); K/M/G/T are powers of
// 1024, with or without "iB"/"B", any case. "0" or "none" means no bound.
// Throws UsageError on anything else.
std::uint64_t parse_memory_size(std::string_view text);

// "1.5 GiB", "320.0 MiB", "512 B".
std::string format_bytes(std::uint64_t bytes);

// Collective: 90% of the memory this node offers (MemAvailable, or less under
// a cgroup limit) divided by the number of ranks on this node, the smallest
// over all nodes. 0 when it cannot be read (no bound).
std::uint64_t default_memory_per_rank(const Comm& comm);

// What a rank over the bound can do, said in the error: kShare when the
// estimate is this rank's share of the data (more ranks make it smaller),
// kOneRank when one rank holds it whatever the number of ranks (report).
enum class MemoryRemedy : std::uint8_t { kShare, kOneRank };

// Collective: `estimate` is what this rank is about to hold for `what` (e.g.
// "bronze: reading requests"; `detail` adds what the estimate is made of). If
// any rank's estimate is above `limit` (0: no limit), every rank throws the
// same CollectiveError naming the rank, the estimate, the limit and `remedy`.
void check_memory(const Comm& comm, std::uint64_t limit, std::uint64_t estimate,
                  std::string_view what, std::string_view detail = {},
                  MemoryRemedy remedy = MemoryRemedy::kShare);
void check_memory(const Context& ctx, std::uint64_t estimate, std::string_view what,
                  std::string_view detail = {}, MemoryRemedy remedy = MemoryRemedy::kShare);

}  // namespace adlake
