#include "adlake/h5/handle.hpp"

#include "adlake/core/error.hpp"

namespace adlake::h5 {

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) throw IoError("HDF5: failed to " + what);
  return id;
}

herr_t check_status(herr_t status, const std::string& what) {
  if (status < 0) throw IoError("HDF5: failed to " + what);
  return status;
}

void silence_hdf5_errors() { H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr); }

namespace {
herr_t close_any(hid_t id) {
  switch (H5Iget_type(id)) {
    case H5I_FILE: return H5Fclose(id);
    case H5I_GROUP: return H5Gclose(id);
    case H5I_DATASET: return H5Dclose(id);
    case H5I_DATASPACE: return H5Sclose(id);
    case H5I_DATATYPE: return H5Tclose(id);
    case H5I_ATTR: return H5Aclose(id);
    case H5I_GENPROP_LST: return H5Pclose(id);
    default: return H5Idec_ref(id);
  }
}
}  // namespace

void Handle::close(const std::string& what) {
  if (!valid()) return;
  hid_t id = std::exchange(id_, H5I_INVALID_HID);
  check_status(close_any(id), "close " + what);
}

void Handle::reset() noexcept {
  if (!valid()) return;
  close_any(std::exchange(id_, H5I_INVALID_HID));
}

}  // namespace adlake::h5
