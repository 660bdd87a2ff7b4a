#include "adlake/mpi/memory_budget.hpp"

#include <spdlog/fmt/fmt.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <limits>

#include "adlake/core/error.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake {
namespace {

std::string lowered(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// /proc/meminfo's "MemAvailable: N kB", in bytes; 0 if absent.
std::uint64_t mem_available() {
  std::ifstream in("/proc/meminfo");
  std::string key, unit;
  std::uint64_t value = 0;
  while (in >> key >> value >> unit) {
    if (key == "MemAvailable:") return value * 1024;
  }
  return 0;
}

// What a cgroup (v2, or v1) still lets this job allocate; max() when unbounded.
std::uint64_t cgroup_room() {
  const auto read_number = [](const char* path) -> std::uint64_t {
    std::ifstream in(path);
    std::string text;
    if (!(in >> text) || text == "max") return std::numeric_limits<std::uint64_t>::max();
    std::uint64_t value = 0;
    const auto r = std::from_chars(text.data(), text.data() + text.size(), value);
    return r.ec == std::errc{} ? value : std::numeric_limits<std::uint64_t>::max();
  };
  constexpr auto kNone = std::numeric_limits<std::uint64_t>::max();
  std::uint64_t limit = read_number("/sys/fs/cgroup/memory.max");
  std::uint64_t used = read_number("/sys/fs/cgroup/memory.current");
  if (limit == kNone) {
    limit = read_number("/sys/fs/cgroup/memory/memory.limit_in_bytes");
    used = read_number("/sys/fs/cgroup/memory/memory.usage_in_bytes");
  }
  if (limit == kNone || limit >= (std::uint64_t{1} << 60)) return kNone;
  return used == kNone || used >= limit ? 0 : limit - used;
}

}  // namespace

std::uint64_t parse_memory_size(std::string_view text) {
  const std::string s = lowered(text);
  if (s == "none") return 0;
  double number = 0;
  const char* end = s.data() + s.size();
  const auto [ptr, ec] = std::from_chars(s.data(), end, number);
  std::string unit(ptr, end);
  if (unit.size() >= 2 && unit.substr(unit.size() - 2) == "ib") unit.pop_back(), unit.pop_back();
  if (unit.size() >= 1 && unit.back() == 'b') unit.pop_back();
  const std::string_view units = "kmgt";
  const std::size_t at = unit.size() == 1 ? units.find(unit[0]) : std::string_view::npos;
  if (ec != std::errc{} || number < 0 || !std::isfinite(number) ||
      (!unit.empty() && at == std::string_view::npos)) {
    throw UsageError("not a memory size: '" + std::string(text) +
                     "' (examples: 4G, 512M, 1.5GiB, 0 for no limit)");
  }
  const std::size_t power = unit.empty() ? 0 : at + 1;
  const double bytes = number * std::pow(1024.0, static_cast<double>(power));
  if (bytes >= 1.8e19) throw UsageError("memory size too large: '" + std::string(text) + "'");
  return static_cast<std::uint64_t>(bytes);
}

std::string format_bytes(std::uint64_t bytes) {
  constexpr const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1024.0 && unit + 1 < std::size(kUnits)) value /= 1024.0, ++unit;
  return unit == 0 ? fmt::format("{} B", bytes) : fmt::format("{:.1f} {}", value, kUnits[unit]);
}

std::uint64_t default_memory_per_rank(const Comm& comm) {
  MPI_Comm node = MPI_COMM_NULL;
  check_mpi(
      MPI_Comm_split_type(comm.get(), MPI_COMM_TYPE_SHARED, comm.rank(), MPI_INFO_NULL, &node),
      "split the communicator by node");
  int ranks_on_node = 1;
  MPI_Comm_size(node, &ranks_on_node);
  MPI_Comm_free(&node);
  const std::uint64_t room = std::min(mem_available(), cgroup_room());
  const auto mine = static_cast<std::uint64_t>(0.9 * static_cast<double>(room) / ranks_on_node);
  // A node whose memory cannot be read sets no bound (0 sorts first: use max).
  const std::uint64_t any_unknown = allreduce_max<std::uint64_t>(comm, mine == 0 ? 1 : 0);
  if (any_unknown) return 0;
  return allreduce_min<std::uint64_t>(comm, mine);
}

void check_memory(const Comm& comm, std::uint64_t limit, std::uint64_t estimate,
                  std::string_view what, std::string_view detail, MemoryRemedy remedy) {
  if (limit == 0) return;
  std::string error;
  if (estimate > limit) {
    const std::string_view advice =
        remedy == MemoryRemedy::kShare
            ? "run on more ranks or nodes, or raise the limit if the node has the memory"
            : "more ranks do not make it smaller: raise the limit if the node has the memory, "
              "or run on a node with more";
    error = fmt::format(
        "{}: rank {} would need about {}{}{}{}, above the memory limit of {} per "
        "rank (--max-memory-per-rank): {}",
        what, comm.rank(), format_bytes(estimate), detail.empty() ? "" : " (", detail,
        detail.empty() ? "" : ")", format_bytes(limit), advice);
  }
  agree_on_error(comm, error);
}

void check_memory(const Context& ctx, std::uint64_t estimate, std::string_view what,
                  std::string_view detail, MemoryRemedy remedy) {
  check_memory(ctx.comm, ctx.max_memory_per_rank, estimate, what, detail, remedy);
}

}  // namespace adlake
