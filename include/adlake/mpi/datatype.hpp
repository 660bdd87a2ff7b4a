#pragma once
// The MPI datatype of a C++ arithmetic type.
#include <mpi.h>

#include <cstdint>
#include <type_traits>

namespace adlake {

template <class T>
MPI_Datatype mpi_type() {
  if constexpr (std::is_same_v<T, double>)
    return MPI_DOUBLE;
  else if constexpr (std::is_same_v<T, float>)
    return MPI_FLOAT;
  else if constexpr (std::is_same_v<T, int8_t>)
    return MPI_INT8_T;
  else if constexpr (std::is_same_v<T, uint8_t>)
    return MPI_UINT8_T;
  else if constexpr (std::is_same_v<T, char>)
    return MPI_CHAR;
  else if constexpr (std::is_same_v<T, int16_t>)
    return MPI_INT16_T;
  else if constexpr (std::is_same_v<T, uint16_t>)
    return MPI_UINT16_T;
  else if constexpr (std::is_same_v<T, int32_t>)
    return MPI_INT32_T;
  else if constexpr (std::is_same_v<T, uint32_t>)
    return MPI_UINT32_T;
  else if constexpr (std::is_same_v<T, long long> || std::is_same_v<T, long>)
    return MPI_INT64_T;
  else if constexpr (std::is_same_v<T, unsigned long long> || std::is_same_v<T, unsigned long>)
    return MPI_UINT64_T;
  else
    static_assert(sizeof(T) == 0, "no MPI datatype for this type");
}

}  // namespace adlake
