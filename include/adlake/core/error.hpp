#pragma once
// Typed exceptions of the library. A job's main() is the only catch point
// (STYLE.md "Distributed code"): it logs the message and exits non-zero.
#include <stdexcept>
#include <string>

namespace adlake {

// Base of every adlake error.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Bad input data or files (names the file, line and reason).
class DataError : public Error {
 public:
  using Error::Error;
};

// A failed system, MPI or HDF5 call.
class IoError : public Error {
 public:
  using Error::Error;
};

// Wrong options or arguments.
class UsageError : public Error {
 public:
  using Error::Error;
};

// An error all ranks agreed on (mpi/error_agreement.hpp): every rank throws it
// together, so main() can exit cleanly instead of calling MPI_Abort.
class CollectiveError : public Error {
 public:
  CollectiveError(const std::string& what, int failing_rank)
      : Error(what), failing_rank_(failing_rank) {}
  int failing_rank() const { return failing_rank_; }

 private:
  int failing_rank_;
};

}  // namespace adlake
