#pragma once
// An open HDF5 file. Parallel access is set up here and only here: MPI-IO
// driver, collective metadata reads and writes (STYLE.md "Wrapping C APIs").
#include <string>

#include "adlake/h5/handle.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake::h5 {

class File {
 public:
  // Collective: creates (truncates) `path` for parallel writing by all ranks of comm.
  static File create_parallel(const std::string& path, const Comm& comm);
  // Collective: opens an existing file for parallel reading (or writing).
  static File open_parallel(const std::string& path, const Comm& comm, bool writable = false);
  // One process: opens an existing file read-only with the default driver.
  static File open_read(const std::string& path);

  hid_t id() const { return handle_.id(); }
  const std::string& path() const { return path_; }
  bool parallel() const { return parallel_; }
  // Flushes and closes; throws if the close fails (e.g. the disk is full).
  void close();

 private:
  File(Handle handle, std::string path, bool parallel)
      : handle_(std::move(handle)), path_(std::move(path)), parallel_(parallel) {}
  Handle handle_;
  std::string path_;
  bool parallel_ = false;
};

// A dataset transfer property list for collective MPI-IO (or default when serial).
Handle transfer_plist(bool collective);

// For the message of a failed write or close of `path`: "; the file system
// ... is full (N bytes free)" when its file system has less than 1 MiB free,
// else empty. MPI-IO reports a full disk only as a generic I/O error.
std::string disk_full_hint(const std::string& path);

}  // namespace adlake::h5
