#pragma once
// Move-only RAII owner of an HDF5 identifier (HighFive's Object): one type for
// files, groups, datasets, dataspaces, datatypes, attributes and property
// lists, each closed with its own H5?close. The destructor never throws.
#include <hdf5.h>

#include <string>
#include <utility>

namespace adlake::h5 {

// Throws IoError "<what>" when an HDF5 call returned a negative value.
hid_t check(hid_t id, const std::string& what);
herr_t check_status(herr_t status, const std::string& what);

// Silences HDF5's own error stack printing; our exceptions say what failed.
void silence_hdf5_errors();

class Handle {
 public:
  Handle() = default;
  explicit Handle(hid_t id) : id_(id) {}
  Handle(hid_t id, const std::string& what) : id_(check(id, what)) {}
  ~Handle() { reset(); }
  Handle(Handle&& other) noexcept : id_(std::exchange(other.id_, H5I_INVALID_HID)) {}
  Handle& operator=(Handle&& other) noexcept {
    if (this != &other) {
      reset();
      id_ = std::exchange(other.id_, H5I_INVALID_HID);
    }
    return *this;
  }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  hid_t id() const { return id_; }
  bool valid() const { return id_ >= 0; }
  // Closes now and reports failure (a file close can fail, e.g. disk full).
  void close(const std::string& what);
  void reset() noexcept;

 private:
  hid_t id_ = H5I_INVALID_HID;
};

}  // namespace adlake::h5
