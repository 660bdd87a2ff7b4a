// The exit watchdog (mpi/exit_watchdog.hpp), in forked children: a process
// stuck after an error ends with exit code 1 and removes the files it
// registered; unarmed, or before any error, it does nothing.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <thread>

#include "adlake/mpi/exit_watchdog.hpp"

namespace fs = std::filesystem;

namespace {

// Runs `child` in a forked process that then sleeps (as if stuck) for up to
// 30 s; returns its exit code (or -signal).
template <class F>
int run_stuck_child(F child) {
  const pid_t pid = fork();
  if (pid == 0) {
    child();
    std::this_thread::sleep_for(std::chrono::seconds(30));
    _exit(0);
  }
  int status = 0;
  waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -WTERMSIG(status);
}

std::string touch(const std::string& name) {
  const std::string path =
      (fs::temp_directory_path() / (name + "-" + std::to_string(getpid()))).string();
  std::ofstream(path) << "temporary";
  return path;
}

}  // namespace

TEST_CASE("armed, a stuck process ends with 1 after an error and removes its temporaries") {
  const std::string kept = touch("adlake-watchdog-kept");
  const std::string removed = touch("adlake-watchdog-removed");
  const int code = run_stuck_child([&] {
    adlake::arm_exit_watchdog(0.2);
    {
      adlake::EmergencyRemoval published(kept);  // unregistered before the end
    }
    static adlake::EmergencyRemoval pending(removed);
    adlake::start_exit_watchdog();
    adlake::start_exit_watchdog();  // a second error changes nothing
  });
  CHECK(code == 1);
  CHECK(fs::exists(kept));
  CHECK_FALSE(fs::exists(removed));
  fs::remove(kept);
  fs::remove(removed);
}

TEST_CASE("not armed, or armed without an error, the watchdog never ends the process") {
  CHECK(run_stuck_child([] {
          adlake::start_exit_watchdog();
          std::this_thread::sleep_for(std::chrono::milliseconds(500));
          _exit(0);
        }) == 0);
  CHECK(run_stuck_child([] {
          adlake::arm_exit_watchdog(0.1);
          std::this_thread::sleep_for(std::chrono::milliseconds(500));
          _exit(0);
        }) == 0);
}
