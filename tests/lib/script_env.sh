# Sourced by the script tests (tests/scripts/*.sh): where the binary, the
# sources, mpiexec and Debian's python are, with the MPI environment of
# scripts/mpi_env.sh. ctest sets ADLAKE, ADLAKE_SRC and MPIEXEC.
src=${ADLAKE_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
adlake=${ADLAKE:-$src/build/adlake}
mpiexec=${MPIEXEC:-mpirun}
source "$src/scripts/mpi_env.sh"
python=/usr/bin/python3
