#pragma once
// The MPI datatype of a C++ type: the built-in one of an arithmetic type, or
// a row type of sizeof(T) bytes for a trivially copyable struct, so that
// every collective and exchange counts in values or rows (never in bytes
// packed by hand).
#include <mpi.h>

#include <cstdint>
#include <type_traits>

namespace adlake {

void check_mpi(int code, const char* what);  // mpi/comm.hpp

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

// The datatype of one T in a collective: mpi_type<T>() for an arithmetic T,
// else a committed contiguous type of sizeof(T) bytes (a row, padding
// included), freed with the object.
template <class T>
class RowType {
 public:
  RowType() {
    static_assert(std::is_trivially_copyable_v<T>, "rows travel as their bytes");
    if constexpr (std::is_arithmetic_v<T>) {
      type_ = mpi_type<T>();
    } else {
      check_mpi(MPI_Type_contiguous(static_cast<int>(sizeof(T)), MPI_BYTE, &type_),
                "MPI_Type_contiguous");
      check_mpi(MPI_Type_commit(&type_), "MPI_Type_commit");
      owned_ = true;
    }
  }
  ~RowType() {
    if (owned_) MPI_Type_free(&type_);
  }
  RowType(const RowType&) = delete;
  RowType& operator=(const RowType&) = delete;
  MPI_Datatype get() const { return type_; }

 private:
  MPI_Datatype type_ = MPI_DATATYPE_NULL;
  bool owned_ = false;
};

}  // namespace adlake
