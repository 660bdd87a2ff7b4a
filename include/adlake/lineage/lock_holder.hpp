#pragma once
// Who holds a lake's lock (lineage/lake_lock.hpp), as written in the lock
// file, and whether that holder still runs: on this host by its process, on
// another host by its Slurm job. docs/decisions.md "One job per lake".
#include <optional>
#include <string>

namespace adlake::lineage {

struct LockHolder {
  std::string host;       // gethostname() of the holder's rank 0
  long pid = 0;           // its process id
  std::string pid_start;  // the process's start time (/proc/PID/stat field 22): tells a reused pid
  std::string slurm_job;  // SLURM_JOB_ID, empty outside Slurm
  std::string since;      // UTC, when it took the lock
  std::string job;        // the adlake job: bronze, run...

  // This process, about to take the lock for `job`.
  static LockHolder current(const std::string& job);
  // The lock file's text: one `key=value` a line.
  std::string to_text() const;
  // nullopt when `text` is not a whole lock record (e.g. caught while being written).
  static std::optional<LockHolder> parse(const std::string& text);
  // "adlake bronze, host n1, pid 4242, Slurm job 17, since 2026-12-05T04:30:00Z"
  std::string describe() const;
};

enum class HolderState { running, gone, unknown };

struct HolderCheck {
  HolderState state;
  std::string why;  // how it was told, or why it cannot be
};

// Whether the holder still runs. On this host: its pid exists and is the
// same process (same start time). On another: its Slurm job is still running
// (`squeue`); without a job id, or when Slurm cannot be asked, unknown.
HolderCheck check_holder(const LockHolder& holder);

// The start time of process `pid` (/proc/PID/stat field 22), empty if it does not exist.
std::string process_start_time(long pid);

}  // namespace adlake::lineage
