#pragma once
// One job writes a lake at a time (CONTRACT 0): a job that writes into LAKE
// holds LAKE/.adlake.lock for its whole run. The file is created exclusively
// (O_CREAT|O_EXCL, which also works between the nodes of a shared file
// system, and never follows a symlink) and names its holder
// (lineage/lock_holder.hpp). A second job stops at once, naming the holder; a
// lock whose holder is gone is taken over; one whose holder cannot be told
// stops the job with the lock's path, for the user to remove it.
// docs/decisions.md "One job per lake".
#include <memory>
#include <string>

#include "adlake/lineage/lock_holder.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/exit_watchdog.hpp"

namespace adlake::lineage {

inline constexpr const char* kLakeLockName = ".adlake.lock";

class LakeLock {
 public:
  // Collective: rank 0 takes the lock of `lake` for `job` (bronze, run...),
  // creating the lake folder first when `create_lake`; every rank learns the
  // outcome, and all throw the same CollectiveError when the lake is taken.
  LakeLock(const std::string& lake, const std::string& job, bool create_lake, const Comm& comm);
  // Rank 0 removes the lock if it is still its own.
  ~LakeLock();
  LakeLock(const LakeLock&) = delete;
  LakeLock& operator=(const LakeLock&) = delete;

  const std::string& path() const { return path_; }

 private:
  std::string path_;
  std::string text_;  // what rank 0 wrote; empty on the other ranks
  std::unique_ptr<EmergencyRemoval> removal_;
};

// Takes the lock at `path` for `holder` (one process; LakeLock's rank 0).
// Throws Error naming the holder when the lake is in use.
void acquire_lake_lock(const std::string& path, const LockHolder& holder);

}  // namespace adlake::lineage
