#pragma once
// MPI initialisation and finalisation for a job's main(). Never finalises from
// a destructor during stack unwinding after a local (non-agreed) error: main()
// calls abort_job() then, as MPI_Finalize would wait for the other ranks.
#include <mpi.h>

namespace adlake {

class MpiEnvironment {
 public:
  MpiEnvironment(int& argc, char**& argv);
  ~MpiEnvironment();
  MpiEnvironment(const MpiEnvironment&) = delete;
  MpiEnvironment& operator=(const MpiEnvironment&) = delete;

  // Ends every rank of the job at once with `code` (MPI_Abort).
  [[noreturn]] static void abort_job(int code);

 private:
  bool owns_ = false;
};

}  // namespace adlake
