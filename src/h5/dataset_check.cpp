#include "adlake/h5/dataset_check.hpp"

#include <algorithm>
#include <limits>

#include "adlake/core/error.hpp"

namespace adlake::h5 {
namespace {

std::string layout_name(H5D_layout_t layout) {
  switch (layout) {
    case H5D_COMPACT:
      return "compact";
    case H5D_CONTIGUOUS:
      return "contiguous";
    case H5D_CHUNKED:
      return "chunked";
    case H5D_VIRTUAL:
      return "virtual";
    default:
      return "unknown";
  }
}

std::string type_name(hid_t type) {
  const std::size_t size = H5Tget_size(type);
  switch (H5Tget_class(type)) {
    case H5T_INTEGER:
      return (H5Tget_sign(type) == H5T_SGN_NONE ? "uint" : "int") + std::to_string(size * 8);
    case H5T_FLOAT:
      return "float" + std::to_string(size * 8);
    case H5T_STRING:
      return H5Tis_variable_str(type) > 0 ? "a variable-length string" : "S" + std::to_string(size);
    case H5T_ENUM:
      return "an enum of " + std::to_string(size) + " byte(s)";
    case H5T_COMPOUND:
      return "a compound type";
    case H5T_ARRAY:
      return "an array type";
    case H5T_VLEN:
      return "a variable-length sequence";
    case H5T_REFERENCE:
      return "a reference type";
    case H5T_OPAQUE:
      return "an opaque type";
    case H5T_BITFIELD:
      return "a bitfield";
    default:
      return "an unknown type";
  }
}

void check_type(hid_t type, const std::string& where) {
  const std::size_t size = H5Tget_size(type);
  const auto unsupported = [&](const std::string& expected) {
    throw DataError(where + ": expected " + expected + ", found " + type_name(type) +
                    " (CONTRACT 5)");
  };
  switch (H5Tget_class(type)) {
    case H5T_INTEGER: {
      const bool is_signed = H5Tget_sign(type) == H5T_SGN_2;
      const bool known = size == 1 || (is_signed && (size == 2 || size == 4 || size == 8));
      if (!known) unsupported("int8, uint8, int16, int32 or int64");
      return;
    }
    case H5T_FLOAT:
      if (size != 8) unsupported("float64");
      return;
    case H5T_STRING:
      if (H5Tis_variable_str(type) > 0) unsupported("a fixed-length string");
      if (size == 0 || size > kMaxStringWidth) {
        unsupported("a fixed-length string of 1 to " + std::to_string(kMaxStringWidth) + " bytes");
      }
      return;
    case H5T_ENUM: {
      const int members = H5Tget_nmembers(type);
      if (size != 1 || members < 1 || members > 256) {
        unsupported("an enum over one byte with 1 to 256 members");
      }
      return;
    }
    default:
      unsupported("a number, a fixed-length string or an enum");
  }
}

// Raw data must be in this file, in a form that cannot make the reader
// allocate or decompress more than the file holds.
void check_storage(hid_t dataset, std::uint64_t declared, std::size_t type_size,
                   const std::string& where) {
  Handle dcpl(H5Dget_create_plist(dataset), "get creation properties of " + where);
  const H5D_layout_t layout = H5Pget_layout(dcpl.id());
  if (layout != H5D_CONTIGUOUS && layout != H5D_CHUNKED && layout != H5D_COMPACT) {
    throw DataError(where +
                    ": expected contiguous, chunked or compact storage in the file, found " +
                    layout_name(layout) + " storage (data from other files is never read)");
  }
  const int external = H5Pget_external_count(dcpl.id());
  if (external != 0) {
    throw DataError(where + ": expected its data in the file, found external storage in " +
                    std::to_string(external) +
                    " other file(s) (data from other files is never read)");
  }
  const int filters = H5Pget_nfilters(dcpl.id());
  for (int i = 0; i < filters; ++i) {
    unsigned flags = 0;
    std::size_t n_values = 0;
    unsigned config = 0;
    char name[64] = {0};
    const H5Z_filter_t filter = H5Pget_filter2(dcpl.id(), static_cast<unsigned>(i), &flags,
                                               &n_values, nullptr, sizeof name, name, &config);
    if (filter != H5Z_FILTER_DEFLATE && filter != H5Z_FILTER_SHUFFLE &&
        filter != H5Z_FILTER_FLETCHER32) {
      throw DataError(
          where + ": expected no filter but deflate, shuffle or fletcher32, found filter " +
          std::to_string(filter) + (name[0] != '\0' ? " (" + std::string(name) + ")" : ""));
    }
  }
  if (layout == H5D_CHUNKED) {
    hsize_t chunk[H5S_MAX_RANK] = {0};
    const int rank = H5Pget_chunk(dcpl.id(), H5S_MAX_RANK, chunk);
    const std::uint64_t chunk_bytes = rank == 1 ? chunk[0] * type_size : 0;
    if (rank != 1 || chunk_bytes > std::max<std::uint64_t>(declared, std::uint64_t{1} << 20)) {
      throw DataError(where + ": expected chunks no larger than the dataset, found chunks of " +
                      std::to_string(chunk_bytes) + " bytes for " + std::to_string(declared));
    }
  }
  const std::uint64_t stored = H5Dget_storage_size(dataset);
  const bool short_of_data =
      filters == 0 ? stored < declared : declared / kMaxCompressionRatio > stored;
  if (short_of_data) {
    throw DataError(where + ": declares " + std::to_string(declared) +
                    " bytes of data but stores " + std::to_string(stored) +
                    " (an unwritten or truncated dataset)");
  }
}

}  // namespace

bool object_in_file_exists(hid_t file, const std::string& path, const std::string& what) {
  if (path.empty() || path.front() != '/') throw DataError(what + ": not an absolute HDF5 path");
  std::size_t pos = 1;
  while (pos < path.size()) {
    const std::size_t next = path.find('/', pos);
    const std::string prefix = path.substr(0, next);
    // Checked link by link: H5Lexists fails on a missing parent, and H5Oopen
    // would follow a soft or external link anywhere on the way.
    if (H5Lexists(file, prefix.c_str(), H5P_DEFAULT) <= 0) return false;
    H5L_info_t info{};
    check_status(H5Lget_info(file, prefix.c_str(), &info, H5P_DEFAULT), "get link " + prefix);
    if (info.type != H5L_TYPE_HARD) {
      throw DataError(what + ": expected " + prefix + " to be an object of this file, found " +
                      (info.type == H5L_TYPE_SOFT ? "a soft" : "an external") +
                      " link (links are never followed)");
    }
    if (next == std::string::npos) break;
    pos = next + 1;
  }
  return true;
}

Handle open_object_in_file(hid_t file, const std::string& path, const std::string& what) {
  if (!object_in_file_exists(file, path, what)) {
    throw DataError(what + ": " + path + " does not exist");
  }
  return Handle(H5Oopen(file, path.c_str(), H5P_DEFAULT), "open " + what);
}

DatasetShape check_column_dataset(hid_t dataset, hid_t type, std::int64_t rows,
                                  const std::string& where) {
  if (H5Iget_type(dataset) != H5I_DATASET) {
    throw DataError(where + ": expected a dataset, found a group or a named type");
  }
  Handle space(H5Dget_space(dataset), "get space of " + where);
  const int dims_count = H5Sget_simple_extent_ndims(space.id());
  if (dims_count != 1 || H5Sget_simple_extent_type(space.id()) != H5S_SIMPLE) {
    throw DataError(where + ": expected a 1-D dataset, found " +
                    (dims_count == 0 ? std::string("a scalar or null dataspace")
                                     : std::to_string(dims_count) + " dimensions"));
  }
  hsize_t dims[1] = {0};
  check_status(H5Sget_simple_extent_dims(space.id(), dims, nullptr), "get dims of " + where);
  if (rows < 0 || dims[0] != static_cast<std::uint64_t>(rows)) {
    throw DataError(where + ": expected " + std::to_string(rows) +
                    " rows (the table's `rows` attribute), found " + std::to_string(dims[0]));
  }
  check_type(type, where);
  DatasetShape shape{dims[0], H5Tget_class(type), H5Tget_size(type)};
  if (shape.rows > std::numeric_limits<std::uint64_t>::max() / 2 / shape.type_size) {
    throw DataError(where + ": declares " + std::to_string(shape.rows) + " values of " +
                    std::to_string(shape.type_size) + " bytes");
  }
  check_storage(dataset, shape.rows * shape.type_size, shape.type_size, where);
  return shape;
}

}  // namespace adlake::h5
