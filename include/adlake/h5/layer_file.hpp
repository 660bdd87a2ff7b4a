#pragma once
// Atomic publication of a layer file (CONTRACT section 0): the layer is written
// as LAKE/.<name>.tmp-<random>/<name>, in a fresh private folder
// (core/atomic_file.hpp), and renamed to LAKE/<name> only by publish(), so a
// crash or error never leaves a half-written layer where a reader would take
// it for a whole one, and never replaces an older good one.
#include <memory>
#include <optional>
#include <string>

#include "adlake/h5/file.hpp"
#include "adlake/mpi/comm.hpp"
#include "adlake/mpi/exit_watchdog.hpp"

namespace adlake::h5 {

class LayerFile {
 public:
  // Collective: creates the lake folder if needed and the temporary file,
  // with exactly `mode` whatever the umask if given (bronze.h5: CONTRACT 0),
  // else as the umask says.
  LayerFile(const std::string& lake_dir, const std::string& name, const Comm& comm,
            std::optional<unsigned> mode = std::nullopt);
  ~LayerFile();
  LayerFile(const LayerFile&) = delete;
  LayerFile& operator=(const LayerFile&) = delete;

  File& file() { return *file_; }
  const std::string& final_path() const { return final_path_; }
  const std::string& temp_path() const { return temp_path_; }

  // Collective: closes the file (all data on disk) and renames it into place;
  // then removes the temporaries of this layer that killed jobs left behind.
  void publish();

 private:
  const Comm& comm_;
  std::string final_path_;
  std::string temp_folder_;
  std::string temp_path_;
  std::unique_ptr<File> file_;
  // The temporary and its folder (in that order), if the job must end stuck.
  std::unique_ptr<EmergencyRemoval> removal_;
  std::unique_ptr<EmergencyRemoval> folder_removal_;
  bool published_ = false;
  unsigned long long errors_at_start_ = 0;
};

}  // namespace adlake::h5
