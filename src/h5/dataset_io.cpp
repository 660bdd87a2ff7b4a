#include "adlake/h5/dataset_io.hpp"

#include <algorithm>

#include "adlake/core/error.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::h5 {
namespace {

template <class T>
std::vector<T> read_range(const File& file, hid_t dataset, hid_t type, int64_t begin, int64_t count,
                          const std::string& what) {
  Handle space(H5Dget_space(dataset), "get space of " + what);
  hsize_t dims[1] = {0};
  H5Sget_simple_extent_dims(space.id(), dims, nullptr);
  if (begin < 0 || count < 0 || static_cast<hsize_t>(begin + count) > dims[0]) {
    throw IoError("read of [" + std::to_string(begin) + ", " + std::to_string(begin + count) +
                  ") is outside " + what + " (" + std::to_string(dims[0]) + " elements) in " +
                  file.path());
  }
  std::vector<T> out(static_cast<std::size_t>(std::max<int64_t>(count, 1)));
  if (count > 0) {
    Selection sel = select_rows(space.id(), begin, count);
    Handle dxpl = transfer_plist(false);
    check_status(
        H5Dread(dataset, type, sel.mem_space.id(), sel.file_space.id(), dxpl.id(), out.data()),
        "read " + what + " in " + file.path());
  }
  out.resize(static_cast<std::size_t>(count));
  return out;
}

}  // namespace

void reserve_for(File& file, hid_t dataset) {
  const haddr_t at = H5Dget_offset(dataset);
  file.reserve_space(at == HADDR_UNDEF ? 0 : at + H5Dget_storage_size(dataset));
}

Selection select_rows(hid_t dataset_space, int64_t begin, int64_t count) {
  Selection s{Handle(H5Scopy(dataset_space), "copy dataspace"), Handle()};
  const hsize_t mem_dims[1] = {static_cast<hsize_t>(std::max<int64_t>(count, 1))};
  s.mem_space = Handle(H5Screate_simple(1, mem_dims, nullptr), "create memory space");
  if (count == 0) {
    check_status(H5Sselect_none(s.file_space.id()), "select none");
    check_status(H5Sselect_none(s.mem_space.id()), "select none");
  } else {
    const hsize_t start[1] = {static_cast<hsize_t>(begin)};
    const hsize_t n[1] = {static_cast<hsize_t>(count)};
    check_status(H5Sselect_hyperslab(s.file_space.id(), H5S_SELECT_SET, start, nullptr, n, nullptr),
                 "select rows");
  }
  return s;
}

Handle create_dataset_1d(const File& file, hid_t group, const std::string& name, hid_t type,
                         int64_t total, const std::string& where) {
  const hsize_t dims[1] = {static_cast<hsize_t>(total)};
  Handle space(H5Screate_simple(1, dims, nullptr), "create dataspace for " + where);
  Handle dcpl(H5Pcreate(H5P_DATASET_CREATE), "create dataset properties");
  H5Pset_fill_time(dcpl.id(), H5D_FILL_TIME_NEVER);
  return Handle(
      H5Dcreate2(group, name.c_str(), type, space.id(), H5P_DEFAULT, dcpl.id(), H5P_DEFAULT),
      "create dataset " + where + "/" + name + " in " + file.path());
}

void write_in_rounds(File& file, hid_t dataset, hid_t type, int64_t offset, int64_t count,
                     int64_t per_round, const std::function<const void*(int64_t, int64_t)>& slice,
                     const Comm& comm, const std::string& what) {
  per_round = std::max<int64_t>(per_round, 1);
  const int64_t rounds = allreduce_max<int64_t>(comm, (count + per_round - 1) / per_round);
  for (int64_t round = 0; round < rounds; ++round) {
    const int64_t first = std::min(count, round * per_round);
    const int64_t n = std::min(per_round, count - first);
    const void* buffer = n > 0 ? slice(first, n) : nullptr;
    // Independent transfers: each rank's rows are one contiguous range, which
    // it writes itself. A collective write (ROMIO's all-gathers and file views
    // around every slab) made the rank that finished its part first wait,
    // yielding, for the other: ~0.3M sched_yield calls in bronze at 1M
    // requests. The rounds still keep the ranks together (reserve_for agrees).
    reserve_for(file, dataset);
    collective_try(comm,
                   [&] { write_range(file, dataset, type, offset + first, n, buffer, what); });
  }
}

void write_range(const File& file, hid_t dataset, hid_t type, int64_t first, int64_t count,
                 const void* data, const std::string& what) {
  Handle space(H5Dget_space(dataset), "get space of " + what);
  const Selection sel = select_rows(space.id(), first, count);
  const Handle dxpl = transfer_plist(false);
  const herr_t status = H5Dwrite(dataset, type, sel.mem_space.id(), sel.file_space.id(), dxpl.id(),
                                 count > 0 ? data : &count);  // a pointer even for none
  try {
    check_status(status, "write " + what + " in " + file.path());
  } catch (const IoError& e) {
    throw IoError(e.what() + disk_full_hint(file.path()));
  }
}

std::vector<int64_t> read_int64s(const File& file, hid_t dataset, int64_t begin, int64_t count,
                                 const std::string& what) {
  return read_range<int64_t>(file, dataset, H5T_NATIVE_INT64, begin, count, what);
}

std::vector<char> read_bytes(const File& file, hid_t dataset, int64_t begin, int64_t count,
                             const std::string& what) {
  return read_range<char>(file, dataset, H5T_NATIVE_UINT8, begin, count, what);
}

}  // namespace adlake::h5
