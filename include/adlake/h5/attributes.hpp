#pragma once
// Scalar attributes on HDF5 objects. In a parallel file, writing an attribute
// is collective: every rank must call it with the same value.
#include <hdf5.h>

#include <cstdint>
#include <optional>
#include <string>

namespace adlake::h5 {

void write_attribute(hid_t object, const std::string& name, const std::string& value);
void write_attribute(hid_t object, const std::string& name, int64_t value);
void write_attribute(hid_t object, const std::string& name, double value);

bool has_attribute(hid_t object, const std::string& name);
std::string read_string_attribute(hid_t object, const std::string& name);
int64_t read_int_attribute(hid_t object, const std::string& name);
std::optional<std::string> read_string_attribute_if(hid_t object, const std::string& name);

}  // namespace adlake::h5
