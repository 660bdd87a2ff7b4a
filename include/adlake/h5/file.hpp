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
  // Collective: opens the layer `path` for parallel reading, the one way every
  // stage opens its input. Every rank throws the same CollectiveError when it
  // is missing (UsageError: "<path> does not exist; <missing_hint>"), a
  // symbolic link (a layer is read from the lake itself), or not HDF5.
  static File open_layer(const std::string& path, const Comm& comm,
                         const std::string& missing_hint);

  hid_t id() const { return handle_.id(); }
  const std::string& path() const { return path_; }
  bool parallel() const { return parallel_; }
  // The communicator of a parallel file (nullptr for one process's file).
  const Comm* comm() const { return comm_; }
  // Collective on a file created or opened for parallel writing (nothing on
  // others): makes sure the file system holds the blocks of everything the
  // file has allocated so far (up to `end_of_data`, the end of the dataset
  // about to be written, if larger), plus a margin for metadata, before a
  // collective write or the close (h5/file_space.cpp says why). On a full
  // disk, every rank throws the same CollectiveError naming the file.
  void reserve_space(unsigned long long end_of_data = 0);
  // Flushes and closes; throws if the close fails (e.g. the disk is full).
  // Collective on a parallel file: a file written in parallel reserves its
  // space first, and a failure on any rank is agreed (CollectiveError).
  void close();
  // Collective, after an agreed error, for a file that will be removed:
  // closes it without writing to it (a full disk cannot make the close's
  // collective writes fail on some ranks only), ignoring any failure.
  void abandon() noexcept;

 private:
  std::string reserve_on_root();  // the error, or empty
  File(Handle handle, std::string path, const Comm* comm, bool writable)
      : handle_(std::move(handle)),
        path_(std::move(path)),
        parallel_(comm != nullptr),
        comm_(comm),
        writable_(writable) {}
  Handle handle_;
  std::string path_;
  bool parallel_ = false;
  const Comm* comm_ = nullptr;  // of a parallel file; it outlives the file
  bool writable_ = false;
  unsigned long long allocated_ = 0;  // end of the last dataset allocated
  unsigned long long reserved_ = 0;   // bytes from offset 0 reserved (rank 0)
  bool reservation_unsupported_ = false;
};

// A dataset transfer property list for collective MPI-IO (or default when serial).
Handle transfer_plist(bool collective);

// For the message of a failed write or close of `path`: "; the file system
// ... is full (N bytes free)" when its file system has less than 1 MiB free,
// else empty. MPI-IO reports a full disk only as a generic I/O error.
std::string disk_full_hint(const std::string& path);

}  // namespace adlake::h5
