#include "adlake/mpi/idle_wait.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <thread>

namespace adlake {
namespace {

// Tests before the first sleep: a balanced collective completes within them.
constexpr int kTestsBeforeSleeping = 4;
constexpr std::chrono::microseconds kMinIdleSleep{20};

std::atomic<long long> sleeping_waits{0};

// Integer types: their sums and products are the same in any order.
bool is_integer(MPI_Datatype type) {
  const std::array integers{MPI_CHAR,
                            MPI_SIGNED_CHAR,
                            MPI_UNSIGNED_CHAR,
                            MPI_BYTE,
                            MPI_SHORT,
                            MPI_UNSIGNED_SHORT,
                            MPI_INT,
                            MPI_UNSIGNED,
                            MPI_LONG,
                            MPI_UNSIGNED_LONG,
                            MPI_LONG_LONG_INT,
                            MPI_LONG_LONG,
                            MPI_UNSIGNED_LONG_LONG,
                            MPI_INT8_T,
                            MPI_INT16_T,
                            MPI_INT32_T,
                            MPI_INT64_T,
                            MPI_UINT8_T,
                            MPI_UINT16_T,
                            MPI_UINT32_T,
                            MPI_UINT64_T,
                            MPI_AINT,
                            MPI_OFFSET,
                            MPI_COUNT,
                            MPI_C_BOOL,
                            MPI_CXX_BOOL};
  return std::find(integers.begin(), integers.end(), type) != integers.end();
}

// Whether the nonblocking reduction gives the same bits as the blocking one.
bool exact_in_any_order(MPI_Datatype type, MPI_Op op) {
  if (op == MPI_MIN || op == MPI_MAX) return true;
  const bool bitwise = op == MPI_BAND || op == MPI_BOR || op == MPI_BXOR || op == MPI_LAND ||
                       op == MPI_LOR || op == MPI_LXOR;
  return (bitwise || op == MPI_SUM || op == MPI_PROD) && is_integer(type);
}

// Starts a nonblocking collective and waits for it idly.
template <class Start>
int idle(Start&& start) {
  MPI_Request request = MPI_REQUEST_NULL;
  const int code = start(&request);
  return code == MPI_SUCCESS ? wait_idle(request) : code;
}

}  // namespace

int wait_idle(MPI_Request& request) {
  int done = 0;
  for (int i = 0; i < kTestsBeforeSleeping; ++i) {
    if (const int code = PMPI_Test(&request, &done, MPI_STATUS_IGNORE); code != MPI_SUCCESS) {
      return code;
    }
    if (done != 0) return MPI_SUCCESS;
  }
  ++sleeping_waits;
  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  for (;;) {
    const auto waited = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
    std::this_thread::sleep_for(std::clamp(waited / 4, kMinIdleSleep, kMaxIdleSleep));
    if (const int code = PMPI_Test(&request, &done, MPI_STATUS_IGNORE); code != MPI_SUCCESS) {
      return code;
    }
    if (done != 0) return MPI_SUCCESS;
  }
}

long long idle_sleeping_waits() {
  return sleeping_waits.load();
}

}  // namespace adlake

// The profiling-interface definitions (see the header). C linkage comes from
// mpi.h's declarations.
using adlake::idle;

int MPI_Barrier(MPI_Comm comm) {
  return idle([&](MPI_Request* r) { return PMPI_Ibarrier(comm, r); });
}

int MPI_Bcast(void* buffer, int count, MPI_Datatype type, int root, MPI_Comm comm) {
  return idle([&](MPI_Request* r) { return PMPI_Ibcast(buffer, count, type, root, comm, r); });
}

int MPI_Allreduce(const void* send, void* recv, int count, MPI_Datatype type, MPI_Op op,
                  MPI_Comm comm) {
  if (!adlake::exact_in_any_order(type, op)) {
    return PMPI_Allreduce(send, recv, count, type, op, comm);
  }
  return idle(
      [&](MPI_Request* r) { return PMPI_Iallreduce(send, recv, count, type, op, comm, r); });
}

int MPI_Allgather(const void* send, int send_count, MPI_Datatype send_type, void* recv,
                  int recv_count, MPI_Datatype recv_type, MPI_Comm comm) {
  return idle([&](MPI_Request* r) {
    return PMPI_Iallgather(send, send_count, send_type, recv, recv_count, recv_type, comm, r);
  });
}

int MPI_Allgatherv(const void* send, int send_count, MPI_Datatype send_type, void* recv,
                   const int recv_counts[], const int displs[], MPI_Datatype recv_type,
                   MPI_Comm comm) {
  return idle([&](MPI_Request* r) {
    return PMPI_Iallgatherv(send, send_count, send_type, recv, recv_counts, displs, recv_type, comm,
                            r);
  });
}

int MPI_Gather(const void* send, int send_count, MPI_Datatype send_type, void* recv, int recv_count,
               MPI_Datatype recv_type, int root, MPI_Comm comm) {
  return idle([&](MPI_Request* r) {
    return PMPI_Igather(send, send_count, send_type, recv, recv_count, recv_type, root, comm, r);
  });
}

int MPI_Gatherv(const void* send, int send_count, MPI_Datatype send_type, void* recv,
                const int recv_counts[], const int displs[], MPI_Datatype recv_type, int root,
                MPI_Comm comm) {
  return idle([&](MPI_Request* r) {
    return PMPI_Igatherv(send, send_count, send_type, recv, recv_counts, displs, recv_type, root,
                         comm, r);
  });
}

int MPI_Alltoall(const void* send, int send_count, MPI_Datatype send_type, void* recv,
                 int recv_count, MPI_Datatype recv_type, MPI_Comm comm) {
  return idle([&](MPI_Request* r) {
    return PMPI_Ialltoall(send, send_count, send_type, recv, recv_count, recv_type, comm, r);
  });
}

int MPI_Alltoallv(const void* send, const int send_counts[], const int send_displs[],
                  MPI_Datatype send_type, void* recv, const int recv_counts[],
                  const int recv_displs[], MPI_Datatype recv_type, MPI_Comm comm) {
  return idle([&](MPI_Request* r) {
    return PMPI_Ialltoallv(send, send_counts, send_displs, send_type, recv, recv_counts,
                           recv_displs, recv_type, comm, r);
  });
}
