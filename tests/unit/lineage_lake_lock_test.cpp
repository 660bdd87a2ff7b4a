// The lake lock's record and its rules on one host (lineage/lake_lock.hpp);
// two real jobs and the other hosts' cases: tests/scripts/lake_lock.sh.
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "adlake/core/error.hpp"
#include "adlake/lineage/lake_lock.hpp"
#include "csv_temp_dir.hpp"

using namespace adlake;
using namespace adlake::lineage;

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// A pid that existed and is gone.
long dead_pid() {
  const pid_t child = fork();
  if (child == 0) _exit(0);
  waitpid(child, nullptr, 0);
  return child;
}

}  // namespace

TEST_CASE("a lock record reads back whole, and a partial one not at all") {
  const LockHolder me = LockHolder::current("silver");
  CHECK(me.pid == getpid());
  CHECK(me.pid_start == process_start_time(getpid()));
  CHECK_FALSE(me.pid_start.empty());
  const auto back = LockHolder::parse(me.to_text());
  REQUIRE(back);
  CHECK(back->to_text() == me.to_text());
  CHECK(back->describe().find("adlake silver, host " + me.host + ", pid ") == 0);
  const std::string text = me.to_text();
  CHECK_FALSE(LockHolder::parse(text.substr(0, text.size() / 2)));
  CHECK_FALSE(LockHolder::parse(""));
  CHECK_FALSE(LockHolder::parse("host=x\npid=1\n"));
  std::string no_pid = text;
  no_pid.replace(no_pid.find("pid="), 4, "pid=x");
  CHECK_FALSE(LockHolder::parse(no_pid));
}

TEST_CASE("a holder on this host runs while its process does") {
  LockHolder holder = LockHolder::current("run");
  CHECK(check_holder(holder).state == HolderState::running);
  holder.pid_start = "1";  // the pid now names another process
  CHECK(check_holder(holder).state == HolderState::gone);
  holder.pid = dead_pid();
  holder.pid_start = "";
  CHECK(check_holder(holder).state == HolderState::gone);
  holder.host = "not-" + holder.host;  // another host, outside Slurm
  CHECK(check_holder(holder).state == HolderState::unknown);
}

TEST_CASE("one holder at a time; a stale lock is taken over") {
  test::CsvTempDir dir;
  const std::string path = (dir.path() / kLakeLockName).string();
  const LockHolder first = LockHolder::current("bronze");
  acquire_lake_lock(path, first);
  CHECK(read_text(path) == first.to_text());

  // A second job of this process's own: refused, naming the first.
  CHECK_THROWS_WITH_AS(acquire_lake_lock(path, LockHolder::current("run")),
                       doctest::Contains("in use by another job: adlake bronze, host"), Error);
  CHECK(read_text(path) == first.to_text());

  // The first holder died: the next job takes the lake.
  LockHolder dead = first;
  dead.pid = dead_pid();
  std::ofstream(path, std::ios::trunc) << dead.to_text();
  const LockHolder next = LockHolder::current("gold");
  acquire_lake_lock(path, next);
  CHECK(read_text(path) == next.to_text());
  CHECK_FALSE(std::filesystem::exists(path + ".takeover"));
}

TEST_CASE("a lock file that is no lock record is not taken over") {
  test::CsvTempDir dir;
  const std::string path = (dir.path() / kLakeLockName).string();
  std::ofstream(path) << "something else\n";
  CHECK_THROWS_WITH_AS(acquire_lake_lock(path, LockHolder::current("run")),
                       doctest::Contains("holds no adlake lock record"), Error);
  CHECK(read_text(path) == "something else\n");
}
