#include "adlake/h5/layer_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <thread>

#include "adlake/core/atomic_file.hpp"
#include "adlake/core/error.hpp"
#include "adlake/mpi/collectives.hpp"
#include "adlake/mpi/error_agreement.hpp"

namespace adlake::h5 {
namespace fs = std::filesystem;
namespace {

// Fault injection for tests/scripts/fault_kill_rank.sh (docs/hardening.md):
// ADLAKE_FAULT_LAYER_PAUSE_MS=N makes every rank wait N ms once a layer's
// temporary file exists, so a test can kill a rank while the layer is being
// written however small the layer and however loaded the machine. Only in
// a build with -DADLAKE_TEST_HOOKS=ON.
void pause_for_fault_tests() {
#ifdef ADLAKE_TEST_HOOKS  // a production build has no test hooks (CMakeLists.txt)
  const char* pause = std::getenv("ADLAKE_FAULT_LAYER_PAUSE_MS");
  if (pause == nullptr) return;
  const long ms = std::strtol(pause, nullptr, 10);
  if (ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(ms));
#endif
}

// Creates `path` (in the layer's fresh private folder) empty with exactly
// `mode`, whatever the umask, before HDF5 opens it (H5Fcreate truncates an existing file and keeps
// its mode). It is never, even for a moment, more open than `mode`: created 0600 (the umask can
// only take bits away), then set to `mode` on the open descriptor.
void create_with_mode(const std::string& path, unsigned mode) {
  const int fd = ::open(path.c_str(), O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
  if (fd < 0) throw IoError("cannot create " + path + ": " + std::strerror(errno));
  const bool ok = ::fchmod(fd, static_cast<mode_t>(mode)) == 0;
  const int error = errno;
  ::close(fd);
  if (!ok) throw IoError("cannot set the mode of " + path + ": " + std::strerror(error));
}

}  // namespace

LayerFile::LayerFile(const std::string& lake_dir, const std::string& name, const Comm& comm,
                     std::optional<unsigned> mode)
    : comm_(comm),
      final_path_((fs::path(lake_dir) / name).string()),
      errors_at_start_(agreed_error_count()) {
  // The temporary lives in a fresh private folder: HDF5 creates it by name
  // (no O_EXCL), so nobody else may be able to put a link where it goes.
  std::string folder;
  collective_try(comm, [&] {
    if (!comm.is_root()) return;
    std::error_code ec;
    fs::create_directories(lake_dir, ec);
    if (ec) throw IoError("cannot create lake folder " + lake_dir + ": " + ec.message());
    refuse_symlink(final_path_);
    folder = create_private_folder(final_path_);
    if (mode) create_with_mode((fs::path(folder) / name).string(), *mode);
  });
  broadcast(comm, folder);
  temp_folder_ = folder;
  temp_path_ = (fs::path(folder) / name).string();
  removal_ = std::make_unique<EmergencyRemoval>(temp_path_);
  folder_removal_ = std::make_unique<EmergencyRemoval>(temp_folder_);
  file_ = collective_try(
      comm, [&] { return std::make_unique<File>(File::create_parallel(temp_path_, comm)); });
  pause_for_fault_tests();
}

LayerFile::~LayerFile() {
  if (published_) return;
  // Not published. After an agreed error every rank unwinds through here, so
  // the collective close is safe; the file is abandoned (closed without
  // writing: the error may be a full disk, h5/file_space.cpp). After a local
  // error the other ranks may be waiting in a collective call and the
  // job is about to abort: a collective close could wait forever, so the
  // handle is left to the process's end.
  if (file_ != nullptr && agreed_error_count() != errors_at_start_) {
    file_->abandon();
  } else {
    (void)file_.release();
  }
  if (comm_.is_root()) {
    std::error_code ignored;
    fs::remove_all(temp_folder_, ignored);
  }
}

void LayerFile::publish() {
  file_->close();  // collective, failures agreed
  file_.reset();
  collective_try(comm_, [&] {
    if (!comm_.is_root()) return;
    // Give back the blocks reserved past the end of the file (h5/file_space.cpp):
    // truncating to its own size releases them on Linux file systems.
    std::error_code ec;
    const auto size = fs::file_size(temp_path_, ec);
    if (!ec) (void)::truncate(temp_path_.c_str(), static_cast<off_t>(size));
    publish_file(temp_path_, final_path_);
    fs::remove(temp_folder_, ec);
    // A job killed by a signal (SIGKILL, the OOM killer, a time limit) cannot
    // remove its temporary; the next successful publication of the same
    // layer does, so they do not pile up in the lake.
    remove_stale_temporaries(final_path_);
  });
  published_ = true;
  removal_.reset();
  folder_removal_.reset();
}

}  // namespace adlake::h5
