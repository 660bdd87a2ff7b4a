#include "adlake/h5/attributes.hpp"

#include <algorithm>
#include <vector>

#include "adlake/core/error.hpp"
#include "adlake/h5/dataset_check.hpp"
#include "adlake/h5/handle.hpp"

namespace adlake::h5 {
namespace {

// "<file>:<object path>": an attribute's error names where it was found.
std::string object_name(hid_t object) {
  std::string file(256, '\0');
  const ssize_t file_length = H5Fget_name(object, file.data(), file.size());
  file.resize(file_length > 0 ? std::min<size_t>(static_cast<size_t>(file_length), 255) : 0);
  std::string path(1024, '\0');
  const ssize_t path_length = H5Iget_name(object, path.data(), path.size());
  path.resize(path_length > 0 ? std::min<size_t>(static_cast<size_t>(path_length), 1023) : 0);
  return file + ":" + (path.empty() ? "/" : path);
}

// An attribute the layer's reader expects to hold one value of `type_class`,
// checked before H5Aread is given a buffer for one value: an array or a
// value of another class would write past it.
Handle open_scalar_attribute(hid_t object, const std::string& name, H5T_class_t type_class,
                             const char* expected) {
  const std::string where = object_name(object) + " attribute " + name;
  Handle attr(H5Aopen(object, name.c_str(), H5P_DEFAULT), "open " + where);
  Handle space(H5Aget_space(attr.id()), "get space of " + where);
  const H5S_class_t space_class = H5Sget_simple_extent_type(space.id());
  const hssize_t points = H5Sget_simple_extent_npoints(space.id());
  if (space_class == H5S_NULL || points != 1) {
    throw DataError(where + ": expected one value (" + expected + "), found " +
                    (space_class == H5S_NULL ? std::string("no value")
                                             : "an array of " + std::to_string(points)));
  }
  Handle type(H5Aget_type(attr.id()), "get type of " + where);
  if (H5Tget_class(type.id()) != type_class) {
    throw DataError(where + ": expected " + expected + ", found another type");
  }
  if (type_class == H5T_STRING && H5Tis_variable_str(type.id()) <= 0 &&
      H5Tget_size(type.id()) > kMaxStringWidth) {
    throw DataError(where + ": expected " + expected + ", found one of " +
                    std::to_string(H5Tget_size(type.id())) + " bytes");
  }
  return attr;
}

void replace_if_present(hid_t object, const std::string& name) {
  if (H5Aexists(object, name.c_str()) > 0) {
    check_status(H5Adelete(object, name.c_str()), "delete attribute " + name);
  }
}
}  // namespace

void write_attribute(hid_t object, const std::string& name, const std::string& value) {
  replace_if_present(object, name);
  // Variable-length UTF-8 string: h5py reads it as str. Attributes live in the
  // object header (metadata), so this is allowed in parallel HDF5 as long as all
  // ranks write the same value.
  Handle type(H5Tcopy(H5T_C_S1), "copy string type");
  check_status(H5Tset_size(type.id(), H5T_VARIABLE), "set string size");
  check_status(H5Tset_cset(type.id(), H5T_CSET_UTF8), "set string charset");
  Handle space(H5Screate(H5S_SCALAR), "create scalar space");
  Handle attr(H5Acreate2(object, name.c_str(), type.id(), space.id(), H5P_DEFAULT, H5P_DEFAULT),
              "create attribute " + name);
  const char* text = value.c_str();
  check_status(H5Awrite(attr.id(), type.id(), &text), "write attribute " + name);
}

void write_attribute(hid_t object, const std::string& name, int64_t value) {
  replace_if_present(object, name);
  Handle space(H5Screate(H5S_SCALAR), "create scalar space");
  Handle attr(H5Acreate2(object, name.c_str(), H5T_STD_I64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT),
              "create attribute " + name);
  check_status(H5Awrite(attr.id(), H5T_NATIVE_INT64, &value), "write attribute " + name);
}

void write_attribute(hid_t object, const std::string& name, double value) {
  replace_if_present(object, name);
  Handle space(H5Screate(H5S_SCALAR), "create scalar space");
  Handle attr(
      H5Acreate2(object, name.c_str(), H5T_IEEE_F64LE, space.id(), H5P_DEFAULT, H5P_DEFAULT),
      "create attribute " + name);
  check_status(H5Awrite(attr.id(), H5T_NATIVE_DOUBLE, &value), "write attribute " + name);
}

bool has_attribute(hid_t object, const std::string& name) {
  return H5Aexists(object, name.c_str()) > 0;
}

std::string read_string_attribute(hid_t object, const std::string& name) {
  Handle attr = open_scalar_attribute(object, name, H5T_STRING, "a string");
  Handle ftype(H5Aget_type(attr.id()), "get type of attribute " + name);
  if (H5Tis_variable_str(ftype.id()) > 0) {
    Handle mtype(H5Tcopy(H5T_C_S1), "copy string type");
    H5Tset_size(mtype.id(), H5T_VARIABLE);
    H5Tset_cset(mtype.id(), H5Tget_cset(ftype.id()));
    char* text = nullptr;
    check_status(H5Aread(attr.id(), mtype.id(), &text), "read attribute " + name);
    std::string out = text ? text : "";
    Handle space(H5Aget_space(attr.id()), "get space of attribute " + name);
    H5Dvlen_reclaim(mtype.id(), space.id(), H5P_DEFAULT, &text);
    return out;
  }
  const size_t size = H5Tget_size(ftype.id());
  std::vector<char> buffer(size + 1, '\0');
  check_status(H5Aread(attr.id(), ftype.id(), buffer.data()), "read attribute " + name);
  return std::string(buffer.data());
}

std::optional<std::string> read_string_attribute_if(hid_t object, const std::string& name) {
  if (!has_attribute(object, name)) return std::nullopt;
  return read_string_attribute(object, name);
}

int64_t read_int_attribute(hid_t object, const std::string& name) {
  Handle attr = open_scalar_attribute(object, name, H5T_INTEGER, "an integer");
  int64_t value = 0;
  check_status(H5Aread(attr.id(), H5T_NATIVE_INT64, &value), "read attribute " + name);
  return value;
}

}  // namespace adlake::h5
