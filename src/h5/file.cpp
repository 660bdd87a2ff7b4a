#include "adlake/h5/file.hpp"

#include <H5FDmpio.h>
#include <sys/statvfs.h>

#include <filesystem>
#include <optional>

#include "adlake/core/atomic_file.hpp"
#include "adlake/core/error.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::h5 {
namespace {

// Quiet errors (our exceptions say what failed) and no filter plugins: a
// dataset's filter id must never make HDF5 load a shared library from its
// plugin path (h5/dataset_check.hpp allows built-in filters only).
void prepare_library() {
  silence_hdf5_errors();
  H5PLset_loading_state(0);
}

Handle parallel_fapl(const Comm& comm) {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), "create file access list");
  check_status(H5Pset_fapl_mpio(fapl.id(), comm.get(), MPI_INFO_NULL), "set MPI-IO driver");
  check_status(H5Pset_all_coll_metadata_ops(fapl.id(), true), "set collective metadata reads");
  check_status(H5Pset_coll_metadata_write(fapl.id(), true), "set collective metadata writes");
  return fapl;
}
}  // namespace

File File::create_parallel(const std::string& path, const Comm& comm) {
  prepare_library();
  Handle fapl = parallel_fapl(comm);
  Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()),
              "create file " + path);
  return File(std::move(file), path, &comm, true);
}

File File::open_parallel(const std::string& path, const Comm& comm, bool writable) {
  prepare_library();
  refuse_symlink(path);
  Handle fapl = parallel_fapl(comm);
  Handle file(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, fapl.id()),
              "open file " + path + " (missing, unreadable or not an HDF5 file)");
  return File(std::move(file), path, &comm, writable);
}

File File::open_layer(const std::string& path, const Comm& comm, const std::string& missing_hint) {
  collective_try(comm, [&] {
    if (!comm.is_root()) return;
    std::error_code ec;
    if (!std::filesystem::exists(std::filesystem::symlink_status(path, ec))) {
      throw UsageError(path + " does not exist; " + missing_hint);
    }
    refuse_symlink(path);
  });
  std::optional<File> file;
  collective_try(comm, [&] { file.emplace(open_parallel(path, comm)); });
  return std::move(*file);
}

File File::open_read(const std::string& path) {
  prepare_library();
  refuse_symlink(path);
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
              "open file " + path + " (missing, unreadable or not an HDF5 file)");
  return File(std::move(file), path, nullptr, false);
}

void File::close() {
  const auto close_now = [&] {
    try {
      handle_.close("file " + path_);
    } catch (const IoError& e) {
      throw IoError(e.what() + disk_full_hint(path_));
    }
  };
  if (!parallel_) return close_now();
  if (writable_ && handle_.valid()) reserve_space();
  collective_try(*comm_, close_now);
}

std::string disk_full_hint(const std::string& path) {
  constexpr unsigned long long kNearlyFull = 1ULL << 20;
  const std::string folder = std::filesystem::path(path).parent_path().string();
  struct statvfs fs {};
  if (statvfs(folder.empty() ? "." : folder.c_str(), &fs) != 0) return {};
  const unsigned long long free = static_cast<unsigned long long>(fs.f_bavail) * fs.f_frsize;
  if (free >= kNearlyFull) return {};
  return "; the file system of " + (folder.empty() ? std::string(".") : folder) + " is full (" +
         std::to_string(free) + " bytes free): no space left on device";
}

Handle transfer_plist(bool collective) {
  Handle dxpl(H5Pcreate(H5P_DATASET_XFER), "create transfer list");
  if (collective) {
    check_status(H5Pset_dxpl_mpio(dxpl.id(), H5FD_MPIO_COLLECTIVE), "set collective transfer");
  }
  return dxpl;
}

}  // namespace adlake::h5
