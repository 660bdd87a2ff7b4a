// Runs the same doctest cases on every rank of MPI_COMM_WORLD; the process
// fails if any rank has a failing case, so ctest sees one verdict per world size.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>
#include <mpi.h>

int main(int argc, char** argv) {
  int provided = 0;
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  doctest::Context context(argc, argv);
  int local = context.run();
  int any = 0;
  MPI_Allreduce(&local, &any, 1, MPI_INT, MPI_MAX, MPI_COMM_WORLD);
  if (context.shouldExit()) {
    MPI_Finalize();
    return local;
  }
  MPI_Finalize();
  return any != 0 ? 1 : 0;
}
