#pragma once
// A fresh folder that every rank of an MPI test sees, for the test's files.
// Rank 0 removes it when the test process ends, whether the test case passed,
// failed a REQUIRE or threw: a failing test must not leave its lake in /tmp
// (one test's leftovers were 17 MB a run). KEEP_TEST_DIRS=1 keeps them, to
// look at after a failure.
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "adlake/mpi/collectives.hpp"

namespace test_dirs {

// The folders this process made; removed when the process exits (after
// MPI_Finalize: removing needs no MPI).
struct Made {
  std::vector<std::string> dirs;
  Made() = default;
  Made(const Made&) = delete;
  Made& operator=(const Made&) = delete;
  ~Made() {
    const char* keep = std::getenv("KEEP_TEST_DIRS");
    if (keep != nullptr && std::string(keep) == "1") return;
    for (const auto& dir : dirs) {
      std::error_code ignored;
      std::filesystem::remove_all(dir, ignored);
    }
  }
};

inline Made& made() {
  static Made folders;
  return folders;
}

}  // namespace test_dirs

// Rank 0 names the folder after the tag and its pid (so runs side by side do
// not meet), empties and creates it, and every rank gets its path.
inline std::string shared_temp_dir(const adlake::Comm& comm, const std::string& tag) {
  std::string dir;
  if (comm.is_root()) {
    std::string name = "adlake-test-";  // append, not operator+: a GCC 12 -Wrestrict false positive
    name.append(tag).append("-").append(std::to_string(getpid()));
    dir = (std::filesystem::temp_directory_path() / name).string();
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    test_dirs::made().dirs.push_back(dir);
  }
  adlake::broadcast(comm, dir);
  return dir;
}
