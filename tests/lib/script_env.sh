# Sourced by the script tests (tests/scripts/*.sh): where the sources, the
# build, the binary, mpiexec and Debian's python are, with the MPI environment
# of scripts/mpi_env.sh. ctest sets ADLAKE, ADLAKE_SRC, ADLAKE_BUILD and MPIEXEC.
src=${ADLAKE_SRC:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
build=${ADLAKE_BUILD:-$src/build}
adlake=${ADLAKE:-$build/adlake}
mpiexec=${MPIEXEC:-mpirun}
source "$src/scripts/mpi_env.sh"
python=/usr/bin/python3
