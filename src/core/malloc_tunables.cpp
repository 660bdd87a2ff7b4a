#include "adlake/core/malloc_tunables.hpp"

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <string>

namespace adlake {
namespace {

constexpr const char* kTunables = "GLIBC_TUNABLES";
constexpr const char* kHugeTlb = "glibc.malloc.hugetlb";
// Set before the restart so that the restarted process never restarts again.
constexpr const char* kRestarted = "ADLAKE_MALLOC_RESTARTED";

bool kernel_has_huge_pages() {
  std::ifstream mode("/sys/kernel/mm/transparent_hugepage/enabled");
  std::string line;
  return std::getline(mode, line) && line.find("[never]") == std::string::npos;
}

}  // namespace

void restart_with_huge_page_malloc(char** argv) noexcept {
  try {
    if (std::getenv(kRestarted) != nullptr) return;
    const char* current = std::getenv(kTunables);
    std::string tunables = current != nullptr ? current : "";
    if (tunables.find(kHugeTlb) != std::string::npos || !kernel_has_huge_pages()) return;
    tunables += (tunables.empty() ? "" : ":") + std::string(kHugeTlb) + "=1";
    if (setenv(kTunables, tunables.c_str(), 1) != 0 || setenv(kRestarted, "1", 1) != 0) return;
    execv("/proc/self/exe", argv);
    // Still here: the restart failed; run with the default malloc.
    if (current != nullptr) {
      setenv(kTunables, current, 1);
    } else {
      unsetenv(kTunables);
    }
  } catch (...) {
    // Only std::string can throw here (no memory): run with the default malloc.
  }
}

}  // namespace adlake
