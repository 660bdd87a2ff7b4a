#include "adlake/h5/file.hpp"

#include <H5FDmpio.h>

#include "adlake/core/error.hpp"

namespace adlake::h5 {
namespace {
Handle parallel_fapl(const Comm& comm) {
  Handle fapl(H5Pcreate(H5P_FILE_ACCESS), "create file access list");
  check_status(H5Pset_fapl_mpio(fapl.id(), comm.get(), MPI_INFO_NULL), "set MPI-IO driver");
  check_status(H5Pset_all_coll_metadata_ops(fapl.id(), true), "set collective metadata reads");
  check_status(H5Pset_coll_metadata_write(fapl.id(), true), "set collective metadata writes");
  return fapl;
}
}  // namespace

File File::create_parallel(const std::string& path, const Comm& comm) {
  silence_hdf5_errors();
  Handle fapl = parallel_fapl(comm);
  Handle file(H5Fcreate(path.c_str(), H5F_ACC_TRUNC, H5P_DEFAULT, fapl.id()),
              "create file " + path);
  return File(std::move(file), path, true);
}

File File::open_parallel(const std::string& path, const Comm& comm, bool writable) {
  silence_hdf5_errors();
  Handle fapl = parallel_fapl(comm);
  Handle file(H5Fopen(path.c_str(), writable ? H5F_ACC_RDWR : H5F_ACC_RDONLY, fapl.id()),
              "open file " + path + " (missing, unreadable or not an HDF5 file)");
  return File(std::move(file), path, true);
}

File File::open_read(const std::string& path) {
  silence_hdf5_errors();
  Handle file(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT),
              "open file " + path + " (missing, unreadable or not an HDF5 file)");
  return File(std::move(file), path, false);
}

void File::close() { handle_.close("file " + path_); }

Handle transfer_plist(bool collective) {
  Handle dxpl(H5Pcreate(H5P_DATASET_XFER), "create transfer list");
  if (collective) {
    check_status(H5Pset_dxpl_mpio(dxpl.id(), H5FD_MPIO_COLLECTIVE), "set collective transfer");
  }
  return dxpl;
}

}  // namespace adlake::h5
