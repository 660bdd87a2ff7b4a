#include "adlake/lineage/lock_holder.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "adlake/core/timer.hpp"

extern char** environ;

namespace adlake::lineage {
namespace {

std::string this_host() {
  char host[256] = {0};
  gethostname(host, sizeof host - 1);
  return host;
}

struct CommandResult {
  bool started = false;
  int exit_code = -1;
  std::string output;  // stdout and stderr
};

// Runs argv[0] (found on PATH) without a shell (the job id comes from a file
// anyone who can write the lake could have written), for at most `seconds`:
// Slurm's clients retry for a minute when the controller is away.
CommandResult run_command(const std::vector<std::string>& argv, int seconds) {
  CommandResult result;
  int fds[2];
  if (pipe2(fds, O_CLOEXEC) != 0) return result;
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
  posix_spawn_file_actions_adddup2(&actions, fds[1], STDERR_FILENO);
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t child = 0;
  const int spawned = posix_spawnp(&child, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(fds[1]);
  if (spawned == 0) {
    result.started = true;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(seconds);
    char buffer[4096];
    bool timed_out = false;
    while (true) {
      const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
                            deadline - std::chrono::steady_clock::now())
                            .count();
      pollfd fd{fds[0], POLLIN, 0};
      if (left <= 0 || poll(&fd, 1, static_cast<int>(left)) == 0) {
        timed_out = true;
        break;
      }
      const ssize_t n = read(fds[0], buffer, sizeof buffer);
      if (n > 0) {
        result.output.append(buffer, n);
      } else if (n == 0 || errno != EINTR) {
        break;
      }
    }
    if (timed_out) kill(child, SIGKILL);
    int status = 0;
    while (waitpid(child, &status, 0) < 0 && errno == EINTR) {
    }
    result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (timed_out) result.output = "no answer within " + std::to_string(seconds) + " s";
  }
  close(fds[0]);
  return result;
}

// Fields 3 onwards of /proc/PID/stat ("" when it cannot be read). Field 2,
// the command, is in parentheses and may hold spaces: the rest follows its
// last ')'.
std::string stat_fields_after_command(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/stat");
  std::string stat((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const auto close = stat.rfind(')');
  return close == std::string::npos ? "" : stat.substr(close + 1);
}

// A zombie has exited and writes nothing more; it is still a pid until its
// parent reaps it, which in a container whose first process does not reap
// orphans (an mpirun that ended before its ranks) is never.
bool process_exists(long pid) {
  if (pid <= 0 || (kill(static_cast<pid_t>(pid), 0) != 0 && errno != EPERM)) return false;
  std::istringstream fields(stat_fields_after_command(pid));
  std::string state;
  fields >> state;
  return state != "Z" && state != "X";
}

std::string trimmed(std::string text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

// A Slurm job id as squeue takes it: 123, or 123_4 in an array.
bool plausible_job_id(const std::string& id) {
  return !id.empty() && id.find_first_not_of("0123456789_") == std::string::npos;
}

// The states in which a job's processes may still run and write.
const std::set<std::string>& running_states() {
  static const std::set<std::string> states{"RUNNING",   "COMPLETING", "CONFIGURING",
                                            "SUSPENDED", "STOPPED",    "SIGNALING",
                                            "RESIZING",  "REQUEUED",   "STAGE_OUT"};
  return states;
}

HolderCheck check_slurm_job(const std::string& id) {
  if (!plausible_job_id(id))
    return {HolderState::unknown, "its Slurm job id '" + id + "' is not one"};
  const auto result = run_command({"squeue", "-h", "--states=all", "-j", id, "-o", "%T"}, 20);
  const std::string out = trimmed(result.output.substr(0, result.output.find('\n')));
  if (!result.started) {
    return {HolderState::unknown, "squeue cannot be run here to ask Slurm about job " + id};
  }
  if (result.exit_code == 0 && running_states().count(out)) {
    return {HolderState::running, "Slurm job " + id + " is " + out};
  }
  if (result.exit_code == 0) {
    return {HolderState::gone,
            "Slurm job " + id + (out.empty() ? " is unknown to Slurm" : " is " + out)};
  }
  if (out.find("Invalid job id") != std::string::npos) {
    return {HolderState::gone, "Slurm job " + id + " is unknown to Slurm"};
  }
  return {HolderState::unknown,
          "squeue cannot tell whether Slurm job " + id + " runs (" + out + ")"};
}

}  // namespace

LockHolder LockHolder::current(const std::string& job) {
  LockHolder holder;
  holder.host = this_host();
  holder.pid = static_cast<long>(getpid());
  holder.pid_start = process_start_time(holder.pid);
  if (const char* id = std::getenv("SLURM_JOB_ID")) holder.slurm_job = id;
  holder.since = utc_now_iso();
  holder.job = job;
  return holder;
}

std::string LockHolder::to_text() const {
  std::ostringstream out;
  out << "adlake lake lock\n"
      << "host=" << host << "\npid=" << pid << "\npid_start=" << pid_start
      << "\nslurm_job=" << slurm_job << "\nsince=" << since << "\njob=" << job << "\n";
  return out.str();
}

std::optional<LockHolder> LockHolder::parse(const std::string& text) {
  std::istringstream in(text);
  std::string line;
  if (!std::getline(in, line) || line != "adlake lake lock") return std::nullopt;
  std::map<std::string, std::string> fields;
  while (std::getline(in, line)) {
    const auto eq = line.find('=');
    if (eq != std::string::npos) fields[line.substr(0, eq)] = line.substr(eq + 1);
  }
  // `job` is written last: with it, the record is whole.
  for (const char* key : {"host", "pid", "pid_start", "slurm_job", "since", "job"}) {
    if (!fields.count(key)) return std::nullopt;
  }
  LockHolder holder;
  holder.host = fields["host"];
  holder.pid = std::strtol(fields["pid"].c_str(), nullptr, 10);
  if (holder.pid <= 0) return std::nullopt;
  holder.pid_start = fields["pid_start"];
  holder.slurm_job = fields["slurm_job"];
  holder.since = fields["since"];
  holder.job = fields["job"];
  return holder;
}

std::string LockHolder::describe() const {
  std::string text = "adlake " + job + ", host " + host + ", pid " + std::to_string(pid);
  if (!slurm_job.empty()) text += ", Slurm job " + slurm_job;
  return text + ", since " + since;
}

std::string process_start_time(long pid) {
  std::istringstream fields(stat_fields_after_command(pid));
  std::string field;
  for (int i = 3; i <= 22 && fields >> field; ++i) {
    if (i == 22) return field;
  }
  return "";
}

HolderCheck check_holder(const LockHolder& holder) {
  if (holder.host == this_host()) {
    const std::string pid = "pid " + std::to_string(holder.pid);
    if (!process_exists(holder.pid)) return {HolderState::gone, pid + " no longer exists"};
    if (!holder.pid_start.empty() && process_start_time(holder.pid) != holder.pid_start) {
      return {HolderState::gone, pid + " is now another process"};
    }
    return {HolderState::running, pid + " still runs on this host"};
  }
  if (holder.slurm_job.empty()) {
    return {HolderState::unknown, "it ran on another host (" + holder.host +
                                      ") outside Slurm, so whether it still "
                                      "runs cannot be told from here"};
  }
  return check_slurm_job(holder.slurm_job);
}

}  // namespace adlake::lineage
