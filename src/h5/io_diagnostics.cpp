#include "adlake/h5/io_diagnostics.hpp"

#include <H5FDmpio.h>

#include <atomic>

namespace adlake::h5 {
namespace {
std::atomic<int64_t> independent_transfers{0};
}

void record_transfer_mode(hid_t dxpl) {
  uint32_t local_cause = 0, global_cause = 0;
  if (H5Pget_mpio_no_collective_cause(dxpl, &local_cause, &global_cause) >= 0 &&
      global_cause != H5D_MPIO_COLLECTIVE) {
    ++independent_transfers;
  }
}

int64_t independent_transfer_count() {
  return independent_transfers.load();
}

}  // namespace adlake::h5
