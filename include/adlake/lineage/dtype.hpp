#pragma once
// An HDF5 datatype as a reader would name it in numpy/h5py terms: int64,
// uint8, float64, S32, enum{a,b,c}.
#include <hdf5.h>

#include <string>

namespace adlake::lineage {

std::string describe_type(hid_t type);

}  // namespace adlake::lineage
