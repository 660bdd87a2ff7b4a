#!/usr/bin/env bash
# Installs what adlake needs from Debian 12 (when run as root; otherwise prints
# the exact apt command and stops), then configures and builds in Release.
#   scripts/setup.sh [--test]     --test also installs what the tests need
# Environment: BUILD_DIR (default: build), JOBS (default: nproc), TARGETS
# (default: everything; scripts/pipeline.sh builds only the adlake executable),
# NO_BUILD=1 (install only: scripts/test.sh checks the format before building).
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config
  libopenmpi-dev openmpi-bin libhdf5-openmpi-dev hdf5-tools
  libboost-mpi-dev libboost-serialization-dev libspdlog-dev doctest-dev
  libcli11-dev nlohmann-json3-dev libfast-float-dev python3-h5py python3-numpy)
if [[ "${1:-}" == "--test" ]]; then
  # Tests compare metrics with scikit-learn, read outputs with h5py and pandas,
  # render the report in a headless browser, and run Slurm clusters of one
  # and two nodes (network namespaces: ip, nsenter, unshare); clang-format-14
  # checks the format (scripts/check_format.sh).
  packages+=(clang-format-14 python3-pandas python3-sklearn time chromium fonts-dejavu-core
    slurmctld slurmd slurm-client munge iproute2 util-linux)
fi

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
if ((${#missing[@]})); then
  if [[ $(id -u) -ne 0 ]]; then
    echo "adlake needs these Debian packages. Run as root:" >&2
    echo "  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[[ ${NO_BUILD:-0} == 1 ]] && exit 0
BUILD_DIR=${BUILD_DIR:-build}
cmake -S . -B "$BUILD_DIR" -G Ninja -DCMAKE_BUILD_TYPE=Release ${CMAKE_ARGS:-} >/dev/null
# shellcheck disable=SC2086
cmake --build "$BUILD_DIR" -j "${JOBS:-$(nproc)}" ${TARGETS:+--target $TARGETS}
