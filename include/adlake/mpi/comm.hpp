#pragma once
// Move-only owner of a duplicated MPI communicator (STYLE.md: one RAII type per
// MPI_Comm; the destructor never throws).
#include <mpi.h>

#include <cstdint>
#include <string>

#include "adlake/mpi/traffic.hpp"

namespace adlake {

// Throws IoError naming `what` when an MPI call did not return MPI_SUCCESS.
void check_mpi(int code, const char* what);

class Comm {
 public:
  // Duplicates `parent`, so library traffic never mixes with the caller's.
  explicit Comm(MPI_Comm parent);
  static Comm world() { return Comm(MPI_COMM_WORLD); }
  ~Comm();
  Comm(Comm&& other) noexcept;
  Comm& operator=(Comm&& other) noexcept;
  Comm(const Comm&) = delete;
  Comm& operator=(const Comm&) = delete;

  MPI_Comm get() const { return comm_; }
  int rank() const { return rank_; }
  int size() const { return size_; }
  bool is_root() const { return rank_ == 0; }
  void barrier() const;

  // What this rank has moved on this communicator through adlake's wrappers
  // (mpi/traffic.hpp); count() is how they record one call. Only the thread
  // that calls MPI counts (MPI_THREAD_FUNNELED).
  const Traffic& traffic() const { return traffic_; }
  void count(std::uint64_t sent, std::uint64_t received) const {
    traffic_.sent += sent;
    traffic_.received += received;
    ++traffic_.calls;
  }

 private:
  MPI_Comm comm_ = MPI_COMM_NULL;
  int rank_ = 0;
  int size_ = 1;
  mutable Traffic traffic_{};
};

}  // namespace adlake
