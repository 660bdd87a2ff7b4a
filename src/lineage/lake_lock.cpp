#include "adlake/lineage/lake_lock.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>
#include <optional>
#include <thread>

#include "adlake/core/error.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::lineage {
namespace fs = std::filesystem;
namespace {

// Creates `path` with `text` unless it exists (false then). O_EXCL is atomic
// on local and network file systems alike, and with O_NOFOLLOW a symlink
// planted at `path` is never followed.
bool create_exclusively(const std::string& path, const std::string& text) {
  const int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
  if (fd < 0) {
    if (errno == EEXIST) return false;
    throw IoError("cannot create the lake lock " + path + ": " + std::strerror(errno));
  }
  const bool written =
      write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && fsync(fd) == 0;
  const int saved = errno;
  close(fd);
  if (!written) {
    unlink(path.c_str());
    throw IoError("cannot write the lake lock " + path + ": " + std::strerror(saved));
  }
  return true;
}

// The lock file's text; nullopt if it does not exist (any more).
std::optional<std::string> read_lock(const std::string& path) {
  const int fd = open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) {
    if (errno == ENOENT) return std::nullopt;
    throw IoError("cannot read the lake lock " + path + ": " + std::strerror(errno) +
                  (errno == ELOOP ? " (a symbolic link, not a lock adlake wrote); remove it" : ""));
  }
  std::string text;
  char buffer[1024];
  ssize_t n;
  while (text.size() < 16384 && (n = read(fd, buffer, sizeof buffer)) > 0) text.append(buffer, n);
  close(fd);
  return text;
}

std::string remove_hint(const std::string& path) {
  return "if no adlake job is writing this lake, remove " + path + " and start again";
}

// The holder's record; a job that has just created the file may not have
// written it yet, so an incomplete one is read again for a second.
std::optional<std::pair<std::string, LockHolder>> read_holder(const std::string& path) {
  for (int attempt = 0;; ++attempt) {
    const auto text = read_lock(path);
    if (!text) return std::nullopt;
    if (auto holder = LockHolder::parse(*text)) return std::make_pair(*text, *holder);
    if (attempt == 20) {
      throw Error("the lake lock " + path + " holds no adlake lock record; " + remove_hint(path));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

// Removes a lock whose holder is gone. Two jobs may find the same stale lock:
// only the one that creates `<lock>.takeover` goes on, and it removes the lock
// only if it still holds the stale record (not a newer job's).
void take_over(const std::string& path, const std::string& stale_text, const LockHolder& stale,
               const std::string& why, const LockHolder& me) {
  const std::string guard = path + ".takeover";
  if (!create_exclusively(guard, me.to_text())) {
    throw Error("another job is taking over the stale lake lock " + path + " (of " +
                stale.describe() + ") at this moment; if " + guard +
                " stays, no job is: remove it and start again");
  }
  const auto now = read_lock(path);
  if (now && *now == stale_text) {
    unlink(path.c_str());
    spdlog::warn("took over the lake lock {} of {}: {}", path, stale.describe(), why);
  }
  unlink(guard.c_str());
}

}  // namespace

void acquire_lake_lock(const std::string& path, const LockHolder& holder) {
  // A few rounds: a lock may be released or taken over between two looks.
  for (int round = 0; round < 5; ++round) {
    if (create_exclusively(path, holder.to_text())) return;
    const auto current = read_holder(path);
    if (!current) continue;
    const auto& [text, other] = *current;
    const HolderCheck check = check_holder(other);
    if (check.state == HolderState::running) {
      throw Error("the lake is in use by another job: " + other.describe() + " (" + check.why +
                  "); one job writes a lake at a time (lock " + path + ")");
    }
    if (check.state == HolderState::unknown) {
      throw Error("the lake may be in use by another job: " + other.describe() + "; " + check.why +
                  "; " + remove_hint(path));
    }
    take_over(path, text, other, check.why, holder);
  }
  throw Error("cannot take the lake lock " + path + ": it keeps changing hands");
}

LakeLock::LakeLock(const std::string& lake, const std::string& job, bool create_lake,
                   const Comm& comm)
    : path_((fs::path(lake) / kLakeLockName).string()) {
  collective_try(comm, [&] {
    if (!comm.is_root()) return;
    std::error_code ec;
    if (create_lake) {
      fs::create_directories(lake, ec);
      if (ec) throw IoError("cannot create lake folder " + lake + ": " + ec.message());
    } else if (!fs::is_directory(lake, ec)) {
      return;  // no lake, nothing to guard: the job fails on its missing input
    }
    const LockHolder me = LockHolder::current(job);
    acquire_lake_lock(path_, me);
    text_ = me.to_text();
    removal_ = std::make_unique<EmergencyRemoval>(path_);
  });
}

LakeLock::~LakeLock() {
  if (text_.empty()) return;
  try {
    // Never remove a lock that is no longer this job's.
    if (read_lock(path_) == text_) unlink(path_.c_str());
  } catch (const std::exception& e) {
    spdlog::warn("cannot release the lake lock {}: {}", path_, e.what());
  }
}

}  // namespace adlake::lineage
