#pragma once
// "A failed job never hangs", as a last resort. Some failures leave
// ranks in different collective calls, out of adlake's reach: ROMIO can return
// a write error on one rank while another still waits inside the same
// MPI_File_write_at_all, and HDF5 can fail a metadata flush on one rank only.
// So once a rank meets an error, it gives itself a deadline to unwind and
// exit; if it is still running then, it removes the temporary files it
// registered (unpublished layers), logs why, and ends with exit code 1, upon
// which mpirun/srun ends the other ranks.
//
// Armed by a job's main() only: tests that provoke errors and recover from
// them never arm it.
#include <string>

namespace adlake {

// Arms the watchdog with this deadline (seconds after the first error); 0 disarms.
void arm_exit_watchdog(double seconds);

// Called where errors are met (collective_try, agree_on_error): starts the
// countdown once, if armed.
void start_exit_watchdog();

// A file the watchdog removes before it ends the process (while registered).
class EmergencyRemoval {
 public:
  explicit EmergencyRemoval(std::string path);
  ~EmergencyRemoval();
  EmergencyRemoval(const EmergencyRemoval&) = delete;
  EmergencyRemoval& operator=(const EmergencyRemoval&) = delete;

 private:
  std::string path_;
};

}  // namespace adlake
