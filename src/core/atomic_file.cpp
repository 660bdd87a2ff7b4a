#include "adlake/core/atomic_file.hpp"

#include <fcntl.h>
#include <sys/random.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "adlake/core/error.hpp"

namespace adlake {
namespace fs = std::filesystem;
namespace {

std::string temporary_prefix(const std::string& final_path) {
  // Appended, not `"." + string`: GCC 12 warns falsely (-Wrestrict) on that.
  std::string prefix = ".";
  prefix += fs::path(final_path).filename().string();
  prefix += ".tmp-";
  return prefix;
}

// 16 hex digits from the kernel's random source: a name another user cannot
// guess in advance (O_EXCL makes a guess harmless anyway).
std::string random_suffix() {
  unsigned char bytes[8] = {0};
  if (getrandom(bytes, sizeof bytes, 0) != static_cast<ssize_t>(sizeof bytes)) {
    throw IoError(std::string("cannot read random bytes: ") + std::strerror(errno));
  }
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  for (unsigned char b : bytes) {
    out += kHex[b >> 4];
    out += kHex[b & 15];
  }
  return out;
}

std::string folder_of(const std::string& path) {
  const fs::path folder = fs::path(path).parent_path();
  return folder.empty() ? std::string(".") : folder.string();
}

void sync_folder(const std::string& path) {
  const int dir = open(folder_of(path).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir >= 0) {
    fsync(dir);
    close(dir);
  }
}

// Writes all of `bytes` to `fd`, then syncs it.
bool write_all(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    const ssize_t n = write(fd, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<size_t>(n));
  }
  return fsync(fd) == 0;
}

}  // namespace

void refuse_symlink(const std::string& path) {
  struct stat st {};
  if (lstat(path.c_str(), &st) == 0 && S_ISLNK(st.st_mode)) {
    throw IoError(path +
                  " is a symbolic link: adlake reads and writes a lake's files in the "
                  "lake itself, never through a link (remove it)");
  }
}

std::string read_lake_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0 && errno == ELOOP) refuse_symlink(path);
  if (fd < 0) throw IoError("cannot read " + path + ": " + std::strerror(errno));
  struct stat st {};
  std::string text;
  bool ok = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
  if (ok) {
    text.resize(static_cast<std::size_t>(st.st_size));
    std::size_t done = 0;
    while (ok && done < text.size()) {
      const ssize_t n = ::read(fd, text.data() + done, text.size() - done);
      if (n < 0 && errno == EINTR) continue;
      ok = n > 0;
      if (ok) done += static_cast<std::size_t>(n);
    }
  }
  const int read_errno = errno;
  ::close(fd);
  if (!ok) {
    throw IoError("cannot read " + path +
                  (S_ISREG(st.st_mode) ? ": " + std::string(std::strerror(read_errno))
                                       : ": not a regular file"));
  }
  return text;
}

void write_file_atomically(const std::string& path, std::string_view bytes, mode_t mode) {
  refuse_symlink(path);
  const std::string base = (fs::path(folder_of(path)) / temporary_prefix(path)).string();
  std::string temp;
  int fd = -1;
  for (int attempt = 0; attempt < 16 && fd < 0; ++attempt) {
    temp = base + random_suffix();
    fd = open(temp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode);
    if (fd < 0 && errno != EEXIST) break;
  }
  if (fd < 0) {
    throw IoError("cannot create a temporary file for " + path + ": " + std::strerror(errno));
  }
  const bool written = write_all(fd, bytes);
  const int write_errno = errno;
  if (close(fd) != 0 || !written) {
    std::remove(temp.c_str());
    throw IoError("cannot write " + temp + ": " + std::strerror(written ? errno : write_errno));
  }
  try {
    publish_file(temp, path);
  } catch (...) {
    std::remove(temp.c_str());
    throw;
  }
}

std::string create_private_folder(const std::string& final_path) {
  std::string name =
      (fs::path(folder_of(final_path)) / (temporary_prefix(final_path) + "XXXXXX")).string();
  if (mkdtemp(name.data()) == nullptr) {
    throw IoError("cannot create a private folder for " + final_path + " in " +
                  folder_of(final_path) + ": " + std::strerror(errno));
  }
  return name;
}

void publish_file(const std::string& temp, const std::string& final_path) {
  refuse_symlink(final_path);
  if (std::rename(temp.c_str(), final_path.c_str()) != 0) {
    throw IoError("cannot publish " + final_path + ": rename from " + temp +
                  " failed: " + std::strerror(errno));
  }
  sync_folder(final_path);  // makes the rename durable
}

std::vector<std::string> remove_stale_temporaries(const std::string& final_path,
                                                  const std::string& keep) {
  const std::string prefix = temporary_prefix(final_path);
  std::vector<std::string> removed;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder_of(final_path), ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(prefix, 0) != 0 || entry.path() == fs::path(keep)) continue;
    // remove_all removes a symlink itself, never what it points to.
    if (fs::remove_all(entry.path(), ec) > 0 && !ec) removed.push_back(entry.path().string());
  }
  return removed;
}

}  // namespace adlake
