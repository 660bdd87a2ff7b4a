# Sourced by the scripts: MPI settings that work on Debian 12's Open MPI.
# ompio hangs with HDF5 1.10.8, so use ROMIO; allow mpirun as root and more
# ranks than cores (small machines, CI).
export OMPI_MCA_io=${OMPI_MCA_io:-romio321}
export OMPI_MCA_rmaps_base_oversubscribe=${OMPI_MCA_rmaps_base_oversubscribe:-1}
# A rank waiting in a collective yields its core instead of spinning: on a
# machine shared with other work, a spinning rank takes the core its peer
# needs (docs/decisions.md, Bronze: measured on 2 cores under load).
export OMPI_MCA_mpi_yield_when_idle=${OMPI_MCA_mpi_yield_when_idle:-1}
export HDF5_USE_FILE_LOCKING=${HDF5_USE_FILE_LOCKING:-FALSE}
if [[ $(id -u) -eq 0 ]]; then
  export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
fi
