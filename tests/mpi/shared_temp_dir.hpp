#pragma once
// A fresh folder that every rank of an MPI test sees, for the test's files.
#include <unistd.h>

#include <filesystem>
#include <string>

#include "adlake/mpi/collectives.hpp"

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
  }
  adlake::broadcast(comm, dir);
  return dir;
}
