#pragma once
// Collectives of values that Boost.Serialization knows (vectors of structs of
// vectors, such as trees): packed with Boost.MPI's archive (MPI_Pack, so any
// mix of machines reads them), moved by the typed collectives, so their bytes
// are counted like every other exchange (mpi/traffic.hpp).
#include <boost/mpi/communicator.hpp>
#include <boost/mpi/packed_iarchive.hpp>
#include <boost/mpi/packed_oarchive.hpp>
#include <cstring>
#include <string>
#include <vector>

#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/comm.hpp"

namespace adlake {

// Every rank's `mine`, in rank order, on every rank. Collective.
template <class T>
std::vector<T> allgather_serialized(const Comm& comm, const T& mine) {
  // Borrowed: Boost.MPI needs a communicator only to pack and unpack.
  const boost::mpi::communicator borrowed(comm.get(), boost::mpi::comm_attach);
  boost::mpi::packed_oarchive packed(borrowed);
  packed << mine;
  const std::vector<std::string> parts = allgather_strings(
      comm, std::string(static_cast<const char*>(packed.address()), packed.size()));
  std::vector<T> out(parts.size());
  for (size_t r = 0; r < parts.size(); ++r) {
    boost::mpi::packed_iarchive unpacked(borrowed);
    unpacked.resize(parts[r].size());
    if (!parts[r].empty()) std::memcpy(unpacked.address(), parts[r].data(), parts[r].size());
    unpacked >> out[r];
  }
  return out;
}

}  // namespace adlake
