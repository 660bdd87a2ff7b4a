#pragma once
// Counts parallel transfers that HDF5 silently turned into independent I/O
// (H5Pget_mpio_no_collective_cause), so tests can check writes stay collective.
#include <hdf5.h>

#include <cstdint>

namespace adlake::h5 {

void record_transfer_mode(hid_t dxpl);
int64_t independent_transfer_count();

}  // namespace adlake::h5
