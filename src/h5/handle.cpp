#include "adlake/h5/handle.hpp"

#include "adlake/core/error.hpp"

namespace adlake::h5 {

namespace {

// The innermost entry of HDF5's error stack says what really went wrong
// ("MPI_File_open failed: ... file is read only", "truncated file: eof = ...",
// "file write failed: ... No space left on device"): it goes into the message.
herr_t innermost(unsigned n, const H5E_error2_t* error, void* out) {
  if (n == 0 && error->desc != nullptr) {
    std::string desc(error->desc);
    for (char& c : desc) {
      if (c == '\n') c = ' ';
    }
    *static_cast<std::string*>(out) = std::move(desc);
  }
  return 0;
}

IoError hdf5_error(const std::string& what) {
  std::string cause;
  H5Ewalk2(H5E_DEFAULT, H5E_WALK_UPWARD, innermost, &cause);
  return IoError("HDF5: failed to " + what + (cause.empty() ? "" : " (" + cause + ")"));
}

}  // namespace

hid_t check(hid_t id, const std::string& what) {
  if (id < 0) throw hdf5_error(what);
  return id;
}

herr_t check_status(herr_t status, const std::string& what) {
  if (status < 0) throw hdf5_error(what);
  return status;
}

void silence_hdf5_errors() {
  H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
}

namespace {
herr_t close_any(hid_t id) {
  switch (H5Iget_type(id)) {
    case H5I_FILE:
      return H5Fclose(id);
    case H5I_GROUP:
      return H5Gclose(id);
    case H5I_DATASET:
      return H5Dclose(id);
    case H5I_DATASPACE:
      return H5Sclose(id);
    case H5I_DATATYPE:
      return H5Tclose(id);
    case H5I_ATTR:
      return H5Aclose(id);
    case H5I_GENPROP_LST:
      return H5Pclose(id);
    default:
      return H5Idec_ref(id);
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
