// Room on disk before collective writes: a full disk must end the job with
// an error, never hang it.
//
// With MPI-IO, a write that runs out of space can fail on some ranks only:
// ROMIO returns ENOSPC on the rank whose block did not fit, and HDF5 then
// leaves H5Dwrite or H5Fclose on that rank while the others wait in the next
// collective call of the same operation (MPI_File_set_view after
// MPI_File_write_at_all, the metadata flush of the close). No error agreement
// reaches ranks stuck inside HDF5. So the space is claimed before the
// collective calls: rank 0 fallocate()s every byte HDF5 has allocated in the
// file plus a margin for the metadata HDF5 allocates and flushes between two
// reservations; a failure is agreed, and the writes that follow land in
// blocks the file system already holds for us. FALLOC_FL_KEEP_SIZE leaves
// the file's size to HDF5, so the file is byte-identical to one written
// without reservation; publication releases what is left of the margin
// (LayerFile::publish). A file that will not be published is closed with its
// writes sent to memory (abandon). A file system without fallocate (some
// NFS, older Lustre) is written without reservation; there the exit watchdog
// (mpi/exit_watchdog.hpp) is what ends a job stuck on a full disk.
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "adlake/core/error.hpp"
#include "adlake/h5/file.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::h5 {
namespace {

// Metadata allocated after a reservation and flushed before the next one
// (object headers, attributes, B-trees of one table) fits in this.
constexpr unsigned long long kMetadataMargin = 1ULL << 20;

}  // namespace

void File::reserve_space(unsigned long long end_of_data) {
  if (!parallel_ || !writable_) return;
  allocated_ = std::max(allocated_, end_of_data);
  std::string error;
  if (comm_->is_root() && !reservation_unsupported_) error = reserve_on_root();
  agree_on_error(*comm_, error);
}

std::string File::reserve_on_root() {
  // HDF5 1.10 tells no EOA under MPI-IO (H5Fget_eoa needs a SWMR driver,
  // H5Fget_filesize fails once the file was written), so the end of the
  // allocation is taken as the larger of the file's size (all that was
  // written) and the end of the last dataset allocated (its data comes next).
  struct stat st {};
  if (::stat(path_.c_str(), &st) != 0) return "cannot stat " + path_ + ": " + std::strerror(errno);
  const unsigned long long end =
      std::max<unsigned long long>(allocated_, static_cast<unsigned long long>(st.st_size)) +
      kMetadataMargin;
  if (end <= reserved_) return {};
  const int fd = ::open(path_.c_str(), O_WRONLY | O_CLOEXEC);
  if (fd < 0) return "cannot open " + path_ + " to reserve space: " + std::strerror(errno);
  const int result = ::fallocate(fd, FALLOC_FL_KEEP_SIZE, static_cast<off_t>(reserved_),
                                 static_cast<off_t>(end - reserved_));
  const int saved = errno;
  ::close(fd);
  if (result == 0) {
    reserved_ = end;
    return {};
  }
  if (saved == EOPNOTSUPP || saved == ENOSYS || saved == EINVAL) {
    reservation_unsupported_ = true;  // written without reservation from now on
    return {};
  }
  const bool full = saved == ENOSPC || saved == EDQUOT;
  return (full ? "disk full: " : "") + std::string("cannot reserve ") +
         std::to_string(end - reserved_) + " more bytes for " + path_ + " (" +
         std::strerror(saved) + ")";
}

namespace {

// Points every descriptor of this process open on `path` to an anonymous
// in-memory file (memfd): writes, size changes and syncs succeed there
// without disk space, so the close cannot fail on some ranks only.
void redirect_to_memory(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return;
  const std::string target(real);
  std::free(real);
  const int memory = ::memfd_create("adlake-abandoned", MFD_CLOEXEC);
  if (memory < 0) return;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", ec)) {
    const auto link = std::filesystem::read_symlink(entry.path(), ec);
    if (ec || link.string() != target) continue;
    const int fd = std::atoi(entry.path().filename().c_str());
    if (fd != memory) ::dup2(memory, fd);
  }
  ::close(memory);
}

}  // namespace

void File::abandon() noexcept {
  if (!handle_.valid()) return;
  // The close flushes HDF5's metadata in collective writes, and on a full
  // disk one rank's write can fail and leave the others waiting (see above);
  // the file is about to be removed, so its writes go to memory instead.
  if (parallel_ && writable_) redirect_to_memory(path_);
  handle_.reset();
}

}  // namespace adlake::h5
