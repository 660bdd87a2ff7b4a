#include "adlake/mpi/comm.hpp"

#include <utility>

#include "adlake/core/error.hpp"

namespace adlake {

void check_mpi(int code, const char* what) {
  if (code == MPI_SUCCESS) return;
  char text[MPI_MAX_ERROR_STRING];
  int len = 0;
  MPI_Error_string(code, text, &len);
  throw IoError(std::string("MPI call failed: ") + what + ": " + std::string(text, len));
}

Comm::Comm(MPI_Comm parent) {
  check_mpi(MPI_Comm_dup(parent, &comm_), "MPI_Comm_dup");
  MPI_Comm_set_errhandler(comm_, MPI_ERRORS_RETURN);
  MPI_Comm_rank(comm_, &rank_);
  MPI_Comm_size(comm_, &size_);
}

Comm::~Comm() {
  if (comm_ == MPI_COMM_NULL) return;
  int finalized = 0;
  MPI_Finalized(&finalized);
  if (!finalized) MPI_Comm_free(&comm_);
}

Comm::Comm(Comm&& other) noexcept
    : comm_(std::exchange(other.comm_, MPI_COMM_NULL)),
      rank_(other.rank_),
      size_(other.size_),
      traffic_(other.traffic_) {}

Comm& Comm::operator=(Comm&& other) noexcept {
  if (this != &other) {
    Comm doomed(std::move(*this));
    comm_ = std::exchange(other.comm_, MPI_COMM_NULL);
    rank_ = other.rank_;
    size_ = other.size_;
    traffic_ = other.traffic_;
  }
  return *this;
}

void Comm::barrier() const {
  check_mpi(MPI_Barrier(comm_), "MPI_Barrier");
  count(0, 0);
}

}  // namespace adlake
