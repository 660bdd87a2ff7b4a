#pragma once
// Collective error agreement (STYLE.md "Distributed code"): never let one rank
// throw while the others wait in a collective. Code that may fail on some ranks
// runs inside collective_try(); afterwards every rank learns whether any rank
// failed and, if so, all throw the same CollectiveError together.
#include <exception>
#include <string>
#include <type_traits>
#include <utility>

#include "adlake/core/error.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/exit_watchdog.hpp"

namespace adlake {

// Collective. `local_error` is empty when this rank succeeded. If any rank
// failed, every rank throws CollectiveError with the message of the lowest
// failing rank (prefixed by that rank), after this rank logged its own error.
void agree_on_error(const Comm& comm, const std::string& local_error);

// How many agreed errors this process has raised so far. An RAII owner of a
// collective resource compares it to tell an agreed error (all ranks unwind:
// collective cleanup is safe) from a local one (the job is about to abort).
unsigned long long agreed_error_count();

template <class F>
auto collective_try(const Comm& comm, F&& f) -> decltype(f()) {
  std::string error;
  if constexpr (std::is_void_v<decltype(f())>) {
    try {
      f();
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "unknown error";
      start_exit_watchdog();  // the other ranks may not reach the agreement
    }
    agree_on_error(comm, error);
  } else {
    decltype(f()) result{};
    try {
      result = f();
    } catch (const std::exception& e) {
      error = e.what();
      if (error.empty()) error = "unknown error";
      start_exit_watchdog();
    }
    agree_on_error(comm, error);
    return result;
  }
}

}  // namespace adlake
